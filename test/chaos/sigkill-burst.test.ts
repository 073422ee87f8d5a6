// The desk SIGKILLed in the middle of a burst of mentions, then started again, while a listening tool retries
// what got no answer (and resends some that did): nothing lost, no case twice, every card posted exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postSigned } from '../../src/http/post-signed.js';
import type { Db } from '../../src/store/db.js';
import { openPglite } from '../../src/store/open-pglite.js';
import { seedPgliteFolder } from '../helpers/desk-process.js';
import { entryPointArgs } from '../helpers/entry-point.js';
import { startFakeSlackApi, type FakeSlackApi, type SlackBody } from '../helpers/fake-slack-api.js';
import { openTestDatabase, testDatabaseKind } from '../helpers/test-database.js';
import { sampleMention } from '../helpers/test-desk.js';
import { histogram, printFigures, scale, timeoutMs } from './chaos-scale.js';

const SECRET = 'chaos-intake-secret-0123456789';
const POLICY = new URL('../fixtures/policy/test-policy.yml', import.meta.url).pathname;

let slack: FakeSlackApi;
let db: Db | null = null;
let dataDir = '';
let port = 0;
let child: ChildProcess | null = null;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: p } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return p;
}

beforeAll(async () => {
  slack = await startFakeSlackApi();
  port = await freePort();
  if ((await testDatabaseKind()) === 'postgres') db = await openTestDatabase();
  else {
    // Migrated already, as the PostgreSQL database is (copied from the template): the kills are the subject here,
    // and initdb with every migration in WebAssembly took most of the first start.
    dataDir = await mkdtemp(join(tmpdir(), 'desk-kill-'));
    await seedPgliteFolder(dataDir);
  }
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await db?.close();
  await slack?.close();
});

async function startDesk(): Promise<void> {
  const env = {
    ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', INTAKE_SECRET: SECRET, DESK_POLICY: POLICY,
    SLACK_BOT_TOKEN: 'xoxb-chaos', SLACK_SIGNING_SECRET: 'chaos-signing-secret', SLACK_API_URL: slack.url,
    // Unpaced: every card goes to one channel, and at Slack's one a second the burst would take minutes to show.
    // This run is about crashes; the pacer has its own tests (test/integration/store/pg-channel-pacer*).
    SLACK_POST_INTERVAL_MS: '0',
    // Cards the killed desk had claimed come back once its lease ends: 60 s by default, most of this file's time in
    // the runs that killed it mid-post (9 s alone, 69 s in CI). The fake Slack answers at once, so 15 s is ample.
    DESK_OUTBOX_LEASE_SECONDS: '15',
    DATABASE_URL: db ? String(db.connectionString) : '', DESK_DATA_DIR: dataDir || join(tmpdir(), 'unused'),
  };
  child = spawn(process.execPath, entryPointArgs('src/main.ts'), { env, stdio: 'ignore' });
  await vi.waitFor(async () => expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200), { timeout: 60_000, interval: 200 });
}

async function kill(): Promise<void> {
  const c = child;
  if (!c) return;
  const exited = new Promise((resolve) => c.once('exit', resolve));
  c.kill('SIGKILL');
  await exited;
  child = null;
}

const triageCards = () => slack.messagesIn('C0TRIAGE').filter((m: SlackBody) => (m.metadata as { event_payload?: { purpose?: string } } | undefined)?.event_payload?.purpose === 'triage');

// Runs on both stores: on the embedded one the desk process holds PGlite in-process, and a killed process's
// data folder is taken over by the next start (its lock names a dead pid).
describe('SIGKILL during a burst', () => {
  it('loses nothing, opens no case twice, and posts every card exactly once', async () => {
    const total = scale(100, 10_000);
    const kills = scale(1, 5);
    const mentions = Array.from({ length: total }, (_, i) => sampleMention({ text: `Burst mention ${i}: when is the next collection on Road ${i}?` }));
    const answered = new Map<number, string>(); // index -> case id, from a 202 or 200
    const statuses: string[] = [];
    const send = async (i: number) => {
      try {
        const r = await postSigned(`http://127.0.0.1:${port}/api/mentions`, JSON.stringify(mentions[i]), SECRET);
        statuses.push(String(r.status));
        if (r.status === 202 || r.status === 200) answered.set(i, r.json.caseId);
      } catch {
        statuses.push('no answer');
      }
    };
    const burst = async (indices: number[], concurrency: number) => {
      let next = 0;
      await Promise.all(Array.from({ length: concurrency }, async () => {
        while (next < indices.length) await send(indices[next++]!);
      }));
    };

    await startDesk();
    for (let k = 0; k < kills; k++) {
      // Send a slice, and kill the desk partway through it.
      const from = Math.floor((total * k) / kills);
      const to = Math.floor((total * (k + 1)) / kills);
      const slice = Array.from({ length: to - from }, (_, j) => from + j);
      const sending = burst(slice, 16);
      await vi.waitFor(() => expect(answered.size).toBeGreaterThanOrEqual(from + Math.floor(slice.length / 2)), { timeout: 120_000, interval: 20 });
      await kill();
      await sending;
      await startDesk();
    }
    // The listening tool retries everything that got no answer, and resends every tenth that did.
    const unanswered = mentions.map((_, i) => i).filter((i) => !answered.has(i));
    const resent = mentions.map((_, i) => i).filter((i) => i % 10 === 0 && answered.has(i));
    const before = new Map(answered);
    await burst([...unanswered, ...resent], 16);
    await vi.waitFor(() => expect(triageCards().length).toBeGreaterThanOrEqual(new Set(answered.values()).size), { timeout: timeoutMs(60, 1_800), interval: 250 });
    await kill();

    const store = db ?? (await openPglite(dataDir));
    try {
      const rows = (await store.query<{ external_id: string; cases: number }>(
        `SELECT m.external_id, count(c.id)::int AS cases FROM mentions m LEFT JOIN cases c ON c.mention_id = m.id GROUP BY m.external_id`,
      )).rows;
      const cardsByCase = histogram(triageCards().map((m) => String((m.metadata as { event_payload: { case_id: string } }).event_payload.case_id)));
      const figures = {
        sent: total, kills, answeredFirstTime: before.size, retried: unanswered.length, resent: resent.length,
        stored: rows.length, lost: total - rows.filter((r) => mentions.some((m) => m.externalId === r.external_id)).length,
        duplicatedCases: rows.filter((r) => r.cases > 1).length,
        changedCaseOnResend: [...before].filter(([i, id]) => answered.get(i) !== id).length,
        cards: triageCards().length, cardsExactlyOnce: Object.values(cardsByCase).filter((n) => n === 1).length,
        cardsDuplicated: Object.values(cardsByCase).filter((n) => n > 1).length,
        statuses: histogram(statuses),
      };
      printFigures('sigkill-burst', figures);
      expect(figures).toMatchObject({ lost: 0, duplicatedCases: 0, changedCaseOnResend: 0, cardsDuplicated: 0, cardsExactlyOnce: total, stored: total });
    } finally {
      if (!db) await store.close();
    }
  }, timeoutMs(240, 4 * 3_600));
});
