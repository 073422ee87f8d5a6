// The RSS/Atom watch (feeds from the policy file, keywords, a seen-cursor that survives a restart) and
// networks answered on the network itself (generic /api/mentions): a reply is refused with what to do.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/config/load-policy.js';
import { policySchema, type Policy } from '../../src/policy/policy-schema.js';
import { executeCaseCommand } from '../../src/services/execute-case-command.js';
import type { Db } from '../../src/store/db.js';
import { ana } from '../helpers/domain-builders.js';
import { openTestDatabase } from '../helpers/test-database.js';
import { sampleMention, startTestDesk, type TestDesk } from '../helpers/test-desk.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/networks/${name}`, import.meta.url), 'utf8');
const feeds: Record<string, { body: string; etag: string }> = {
  '/news.xml': { body: fixture('rss.local-news.xml'), etag: '"news-v1"' },
  '/blog.atom': { body: fixture('atom.blog.xml'), etag: '"blog-v1"' },
};
const requests: Array<{ path: string; ifNoneMatch: string | undefined }> = [];
let server: Server;
let base: string;
let db: Db;
let policy: Policy;
// The fixtures are dated late March 2026; the first look at a feed takes two weeks back.
const clock = { now: () => new Date('2026-03-28T10:00:00Z') };

beforeAll(async () => {
  server = createServer((req, res) => {
    const feed = feeds[req.url ?? ''];
    requests.push({ path: req.url ?? '', ifNoneMatch: req.headers['if-none-match'] });
    if (!feed) return void res.writeHead(404).end();
    if (req.headers['if-none-match'] === feed.etag) return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: feed.etag }).end(feed.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  db = await openTestDatabase();
  const defaults = await loadPolicy(null);
  policy = policySchema.parse({
    ...defaults,
    council: { ...defaults.council, name: 'Example Council' },
    feeds: [
      { url: `${base}/news.xml`, name: 'Local News' },
      { url: `${base}/blog.atom`, name: 'Resident blog', keywords: ['pothole', 'potholes'], network: 'web' },
      { url: `${base}/missing.xml`, name: 'Gone away' },
    ],
  });
});
afterAll(async () => {
  await db?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/** `realTime`: intake signatures are checked against the desk's clock, so intake tests use the real one. */
async function withDesk<T>(work: (desk: TestDesk) => Promise<T>, realTime = false): Promise<T> {
  const desk = await startTestDesk({ db, policy, startPollers: false, ...(realTime ? {} : { clock }) });
  try {
    return await work(desk);
  } finally {
    await desk.close();
  }
}

async function webMentions(): Promise<Array<{ external_id: string; url: string }>> {
  const { rows } = await db.query<{ external_id: string; url: string }>(`SELECT external_id, body->>'url' AS url FROM mentions WHERE network = 'web' ORDER BY external_id`);
  return rows;
}

describe('RSS/Atom watch', () => {
  it('keeps entries that mention the council, once, across polls and a restart', async () => {
    await withDesk(async (desk) => {
      expect(desk.networks.report).toContain('RSS/Atom watch: on (3 feeds every 900 s: Local News, Resident blog, Gone away)');
      await desk.networks.pollers.find((p) => p.name === 'rss')!.runOnce!();
    });
    const first = await webMentions();
    expect(first).toEqual([
      { external_id: 'news-example-org-1001', url: 'https://news.example.org/2026/03/27/bin-rounds' },
      { external_id: 'tag:blog.example.net,2026:post-42', url: 'https://blog.example.net/2026/03/potholes' },
      // No guid: the link is the id. "EXAMPLE COUNCIL's" matches, whatever the case.
      { external_id: 'https://news.example.org/2026/03/25/letters', url: 'https://news.example.org/2026/03/25/letters' },
    ].sort((a, b) => a.external_id.localeCompare(b.external_id)));
    // A second run and a restart ask with the saved ETag and store nothing more.
    await withDesk(async (desk) => desk.networks.pollers.find((p) => p.name === 'rss')!.runOnce!());
    expect(requests.filter((r) => r.path === '/news.xml').map((r) => r.ifNoneMatch)).toEqual([undefined, '"news-v1"']);
    expect(await webMentions()).toEqual(first);
  });

  it('still skips an entry it has seen when the feed changes and is fetched in full again', async () => {
    feeds['/news.xml'] = { body: feeds['/news.xml']!.body.replace('<item>', '<item><title>Example Council wins award</title><guid>news-example-org-1002</guid><link>https://news.example.org/award</link><pubDate>Sat, 28 Mar 2026 08:00:00 +0000</pubDate></item><item>'), etag: '"news-v2"' };
    await withDesk(async (desk) => desk.networks.pollers.find((p) => p.name === 'rss')!.runOnce!());
    const ids = (await webMentions()).map((m) => m.external_id);
    expect(ids).toContain('news-example-org-1002');
    expect(ids.filter((id) => id === 'news-example-org-1001')).toHaveLength(1);
    expect(ids).toHaveLength(4);
  });
});

describe('RSS/Atom watch, when a download is cut off', () => {
  it('imports nothing from it and leaves the seen marks as they were, so the whole entry arrives next time', async () => {
    const cursor = async () => (await db.query<{ cursor: unknown }>('SELECT cursor FROM poll_cursors WHERE source = $1', [`rss:${base}/news.xml`])).rows[0]?.cursor;
    const full = feeds['/news.xml']!.body.replace('<item>', '<item><title>Example Council closes Mill Lane for repairs</title><guid>news-example-org-1003</guid><link>https://news.example.org/mill-lane</link><pubDate>Sat, 28 Mar 2026 09:00:00 +0000</pubDate><description>The road is shut until Friday while Example Council relays it.</description></item><item>');
    const before = await cursor();
    // The connection drops part-way through the new entry's description.
    feeds['/news.xml'] = { body: full.slice(0, full.indexOf('relays it.')), etag: '"news-v3-cut"' };
    await withDesk(async (desk) => desk.networks.pollers.find((p) => p.name === 'rss')!.runOnce!());
    expect((await webMentions()).map((m) => m.external_id)).not.toContain('news-example-org-1003');
    expect(await cursor()).toEqual(before);
    feeds['/news.xml'] = { body: full, etag: '"news-v3"' };
    await withDesk(async (desk) => desk.networks.pollers.find((p) => p.name === 'rss')!.runOnce!());
    const { rows } = await db.query<{ text: string }>(`SELECT body->>'text' AS text FROM mentions WHERE network = 'web' AND external_id = 'news-example-org-1003'`);
    expect(rows).toEqual([{ text: 'Example Council closes Mill Lane for repairs\n\nThe road is shut until Friday while Example Council relays it.' }]);
  });
});

describe('networks answered on the network itself', () => {
  it('refuses a reply to a Nextdoor mention at once, with what to do, and marks it failed', async () => {
    await withDesk(async (desk) => {
      const res = await desk.postMentions(sampleMention({ network: 'nextdoor', url: 'https://nextdoor.co.uk/p/SCRUBBED', kind: 'post' }));
      expect(res.status).toBe(202);
      const caseId = res.json.caseId as string;
      const claimed = await executeCaseCommand(desk.ctx, { caseId, seenVersion: null, command: { type: 'case.claim' }, actor: ana });
      expect(claimed.ok).toBe(true);
      // The card offers no reply here; a reply that reaches the outbox anyway must not loop.
      await executeCaseCommand(desk.ctx, { caseId, seenVersion: null, command: { type: 'case.reply.submit', text: 'Thanks, passed on. ^AP', visibility: 'public' }, actor: ana });
      // This item by its key: the feed cases above leave other items due in the same database.
      await desk.worker.dispatch([`network:reply:${caseId}:rep-1`]);
      const { rows } = await db.query<{ status: string; attempts: number }>('SELECT status, attempts FROM outbox WHERE key = $1', [`network:reply:${caseId}:rep-1`]);
      expect(rows[0]).toEqual({ status: 'failed', attempts: 1 });
      const c = await desk.ctx.store.cases.get(caseId);
      expect(c?.replies[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/made on Nextdoor itself.*Open the link on the card/) });
      expect(desk.networks.report.some((l) => l.startsWith('Through /api/mentions (reply on the network itself): Nextdoor, TikTok'))).toBe(true);
    }, true);
  });
});
