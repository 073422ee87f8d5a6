// Owns putting the checkpoint pieces together from settings: the folder, the signer, the chain, the sealer.
import { readFile } from 'node:fs/promises';
import type { KeyObject } from 'node:crypto';
import type { CheckpointSettings } from '../config/checkpoint-settings.js';
import type { CheckpointDeps } from '../services/publish-checkpoint.js';
import { createCheckpointFolder } from '../store/checkpoint-folder.js';
import { createCheckpointSigner, publicKeyFrom } from '../store/checkpoint-signature.js';
import type { Sql } from '../store/db.js';
import { EventSealer } from '../store/event-sealer.js';
import { PgChainHistory } from '../store/pg-chain-history.js';

export async function checkpointDeps(sql: Sql, settings: CheckpointSettings): Promise<CheckpointDeps> {
  if (!settings.privateKeyFile) throw new Error('DESK_CHECKPOINT_KEY is not set: it names the PEM file of the key that signs checkpoints (npm run checkpoint -- --generate-key DIR makes one)');
  const signer = createCheckpointSigner(await readFile(settings.privateKeyFile, 'utf8'));
  return { chain: new PgChainHistory(sql), signer, archive: createCheckpointFolder(settings.dir), sealNow: () => new EventSealer(sql).sealOnce() };
}

/** The key checkpoints are checked with: the configured public key, else the private key's public half. */
export async function checkpointPublicKey(settings: CheckpointSettings): Promise<KeyObject> {
  const file = settings.publicKeyFile ?? settings.privateKeyFile;
  if (!file) throw new Error('set DESK_CHECKPOINT_PUBLIC_KEY (or DESK_CHECKPOINT_KEY) to check the checkpoints in DESK_CHECKPOINT_DIR');
  return publicKeyFrom(await readFile(file, 'utf8'));
}
