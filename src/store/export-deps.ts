// Owns gathering what an export's proof needs, for the CLIs and the web desk alike: the chain reader, the signed
// checkpoints in the configured folder and the public key they are checked with (none configured: the proof says so).
import { readFile } from 'node:fs/promises';
import type { CheckpointSettings } from '../config/checkpoint-settings.js';
import type { ExportDeps } from '../services/export-case.js';
import { createCheckpointFolder } from './checkpoint-folder.js';
import type { Db } from './db.js';
import { PgExportSource } from './pg-export-source.js';

export async function exportDepsFor(db: Db, settings: CheckpointSettings | null): Promise<ExportDeps> {
  const checkpoints = settings ? (await createCheckpointFolder(settings.dir).readAll()).checkpoints.map((c) => c.checkpoint) : [];
  const keyFile = settings?.publicKeyFile;
  return { source: new PgExportSource(db), checkpoints, publicKeyPem: keyFile ? await readFile(keyFile, 'utf8') : null };
}
