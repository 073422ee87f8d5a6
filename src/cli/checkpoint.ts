// Owns `npm run checkpoint`: publishes a signed checkpoint of the event log now; `--generate-key DIR` makes a key pair.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkpointDeps } from '../app/checkpoint-deps.js';
import { publishCheckpoint } from '../services/publish-checkpoint.js';
import { generateCheckpointKeys } from '../store/checkpoint-signature.js';
import { openCliDesk, runCli } from './cli-desk-context.js';

async function generate(dir: string): Promise<number> {
  const keys = generateCheckpointKeys();
  await mkdir(dir, { recursive: true });
  const privateFile = join(dir, 'checkpoint-key.pem');
  await writeFile(privateFile, keys.privateKeyPem, { flag: 'wx', mode: 0o600 });
  await chmod(privateFile, 0o600);
  await writeFile(join(dir, 'checkpoint-key.pub.pem'), keys.publicKeyPem, { flag: 'wx' });
  console.log(`wrote ${privateFile} (DESK_CHECKPOINT_KEY, keep it secret) and ${join(dir, 'checkpoint-key.pub.pem')} (publish it and keep a copy away from the database server)`);
  return 0;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'generate-key': { type: 'string' } } });
  if (values['generate-key']) return generate(values['generate-key']);
  const desk = await openCliDesk();
  try {
    if (!desk.checkpoints) {
      console.error('DESK_CHECKPOINT_DIR is not set: it names the folder checkpoints are written to');
      return 2;
    }
    const outcome = await publishCheckpoint(desk.ctx, await checkpointDeps(desk.db, desk.checkpoints));
    console.log(outcome.published ? `checkpoint at seq ${outcome.checkpoint.head.seq} written to ${outcome.file}; the audit channel line is queued` : outcome.reason);
    return 0;
  } finally {
    await desk.close();
  }
}

runCli('checkpoint', main);
