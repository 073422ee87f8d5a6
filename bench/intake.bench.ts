// npm run bench: intake throughput (signed single POSTs, batches of 100) into real PostgreSQL,
// beside two ceilings measured in the same run: a bare Node HTTP server, and the same inserts without HTTP.
// The machine is shared and noisy: read the ratios, not the absolute figures.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { startDesk } from '../src/app/start-desk.js';
import { loadConfig } from '../src/config/load-config.js';
import { loadPolicy } from '../src/config/load-policy.js';
import { mentionSchema } from '../src/domain/mention.js';
import { signIntakeBody } from '../src/http/verify-intake-signature.js';
import { ingestMentions } from '../src/services/ingest-mentions.js';
import { openBenchDatabase } from './bench-database.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' }, connections: { type: 'string', default: '10' } } });
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const SECRET = 'bench-intake-secret-0123456789';
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
let n = 0;

function mention() {
  n += 1;
  return { network: 'facebook', externalId: `bench-${process.pid}-${n}`, url: `https://facebook.com/p/${n}`, text: 'My bins were not collected on Elm Road this week, when will someone come?', postedAt: '2026-11-23T10:00:00Z', kind: 'comment', author: { id: `u${n % 500}`, name: 'Jo Bloggs', handle: 'jo', followers: 100, verified: false } };
}

function signedRequest(body: () => unknown) {
  return {
    method: 'POST',
    path: '/api/mentions',
    setupRequest: (req: Record<string, unknown>) => {
      const raw = JSON.stringify(body());
      const ts = Math.floor(Date.now() / 1000);
      return { ...req, body: raw, headers: { 'content-type': 'application/json', 'x-desk-timestamp': String(ts), 'x-desk-signature': signIntakeBody(SECRET, ts, raw) } };
    },
  };
}

async function bareHttpCeiling(): Promise<number> {
  const server = createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(202, { 'content-type': 'application/json' }); res.end('{"caseId":"MD-1","duplicate":false}'); }); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const result = await autocannon({ url: `http://127.0.0.1:${port}`, connections, duration: seconds, requests: [signedRequest(mention)] });
  server.close();
  return result.requests.total / seconds;
}

async function directInserts(ctx: Parameters<typeof ingestMentions>[0], batchSize: number): Promise<number> {
  const until = Date.now() + seconds * 1000;
  let stored = 0;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (Date.now() < until) {
      await ingestMentions(ctx, Array.from({ length: batchSize }, () => mentionSchema.parse(mention())));
      stored += batchSize;
    }
  }));
  return stored / seconds;
}

async function httpIntake(url: string, batchSize: number): Promise<{ perSecond: number; p99: number; non2xx: number }> {
  const body = batchSize === 1 ? mention : () => ({ mentions: Array.from({ length: batchSize }, mention) });
  const result = await autocannon({ url, connections, duration: seconds, requests: [signedRequest(body)] });
  return { perSecond: (result['2xx'] * batchSize) / seconds, p99: result.latency.p99, non2xx: result.non2xx };
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
const db = await openBenchDatabase(serverUrl);
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', INTAKE_SECRET: SECRET, DATABASE_URL: serverUrl, LOG_LEVEL: 'silent' });
const desk = await startDesk({ config, policy: await loadPolicy(null), logger: pino({ level: 'silent' }), db, startWorker: false });
console.log(`Intake benchmark: ${seconds}s per phase, ${connections} connections, PostgreSQL at ${new URL(serverUrl).host}`);
const bare = await bareHttpCeiling();
const direct1 = await directInserts(desk.ctx, 1);
const direct100 = await directInserts(desk.ctx, 100);
const single = await httpIntake(desk.url, 1);
const batch = await httpIntake(desk.url, 100);
await desk.stop();
await db.close();
clearInterval(sampler);

const row = (name: string, perSecond: number, extra = '') => console.log(`${name.padEnd(44)} ${perSecond.toFixed(0).padStart(8)} mentions/s ${extra}`);
row('ceiling: bare Node HTTP server (requests/s)', bare);
row('ceiling: inserts without HTTP, 1 per tx', direct1);
row('ceiling: inserts without HTTP, 100 per tx', direct100);
row('signed single POSTs', single.perSecond, `p99 ${single.p99} ms, non-2xx ${single.non2xx}`);
row('signed batches of 100', batch.perSecond, `p99 ${batch.p99} ms, non-2xx ${batch.non2xx}`);
console.log(`ratios: single POST / bare HTTP = ${(single.perSecond / bare).toFixed(3)}; single POST / direct insert = ${(single.perSecond / direct1).toFixed(3)}; batch / direct batch insert = ${(batch.perSecond / direct100).toFixed(3)}`);
console.log(`memory: peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MiB for the whole run (server, load generator and pool in one process)`);
