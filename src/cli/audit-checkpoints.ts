// Owns audit:verify's second half: the log against the signed checkpoints in DESK_CHECKPOINT_DIR.
import { checkpointPublicKey } from '../app/checkpoint-deps.js';
import { checkpointSettingsFromEnv } from '../config/checkpoint-settings.js';
import { createCheckpointFolder } from '../store/checkpoint-folder.js';
import type { Sql } from '../store/db.js';
import { PgChainHistory } from '../store/pg-chain-history.js';
import { verifyAgainstCheckpoints } from '../store/verify-checkpoints.js';

/** 0 when the log agrees with every checkpoint (or none are configured), 1 naming the first divergence. */
export async function checkCheckpoints(sql: Sql, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const settings = checkpointSettingsFromEnv(env);
  if (!settings) {
    console.log('no checkpoints configured (DESK_CHECKPOINT_DIR): a chain rewritten and re-hashed from some event on would not be caught');
    return 0;
  }
  const { checkpoints, unreadable } = await createCheckpointFolder(settings.dir).readAll();
  for (const file of unreadable) console.error(`checkpoint file ${file} in ${settings.dir} is not a checkpoint (altered or damaged)`);
  const verdict = await verifyAgainstCheckpoints(new PgChainHistory(sql), checkpoints, await checkpointPublicKey(settings));
  if (!verdict.ok) {
    console.error(`log diverges from the signed checkpoints: ${verdict.reason}`);
    return 1;
  }
  console.log(`agrees with ${verdict.checked} signed checkpoint(s) in ${settings.dir}${verdict.latest ? `, the latest at seq ${verdict.latest.seq}` : ''}`);
  return unreadable.length ? 1 : 0;
}
