// npm run ingest -- FILE.jsonl: feeds mentions (one JSON per line) through the running desk's signed intake.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { postSigned } from '../http/post-signed.js';
import { deskClient } from './desk-client.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { url: { type: 'string' }, batch: { type: 'string', default: '100' } },
});
const file = positionals[0];
if (!file) {
  console.error('Usage: npm run ingest -- FILE.jsonl [--url http://localhost:3000] [--batch 100]');
  process.exit(2);
}
const client = await deskClient(values.url).catch((e: Error) => {
  console.error(e.message);
  process.exit(2);
});
const { secret } = client;
const url = `${client.baseUrl}/api/mentions`;
const batchSize = Math.min(100, Math.max(1, Number(values.batch)));

const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim()).length;
const bar = new SingleBar({ format: 'ingest [{bar}] {value}/{total} mentions | {created} new, {duplicates} duplicates' }, Presets.shades_classic);
bar.start(lines, 0, { created: 0, duplicates: 0 });
let created = 0;
let duplicates = 0;
let batch: unknown[] = [];
let lineNo = 0;

async function flush(): Promise<void> {
  if (!batch.length) return;
  const answer = await postSigned(url, JSON.stringify({ mentions: batch }), secret);
  if (answer.status >= 300) {
    bar.stop();
    console.error(`Stopped: the batch ending at line ${lineNo} was refused, nothing in it stored: ${answer.status} ${JSON.stringify(answer.json)}`);
    process.exit(1);
  }
  for (const r of answer.json.results as Array<{ duplicate: boolean }>) r.duplicate ? duplicates++ : created++;
  bar.increment(batch.length, { created, duplicates });
  batch = [];
}

for await (const line of createInterface({ input: createReadStream(file) })) {
  lineNo++;
  if (!line.trim()) continue;
  try {
    batch.push(JSON.parse(line));
  } catch (e) {
    bar.stop();
    console.error(`Line ${lineNo} is not JSON: ${(e as Error).message}`);
    process.exit(1);
  }
  if (batch.length >= batchSize) await flush();
}
await flush();
bar.stop();
console.log(`Done: ${created} new cases, ${duplicates} duplicates.`);
