// Two replicas of the desk on one database: a web session started on one is good on the other, a sign-in link
// works once across both, and a browser following /live on one replica hears a change made on the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/config/load-policy.js';
import { encodeCardAction } from '../../src/cards/card-action.js';
import type { Db } from '../../src/store/db.js';
import { POLICY_FILE, mention } from '../helpers/slack-desk.js';
import { openTestDatabase } from '../helpers/test-database.js';
import { startTestDesk, type TestDesk } from '../helpers/test-desk.js';
import { signInLocally, webClient } from '../helpers/web-client.js';

let db: Db;
let second: Db;
let a: TestDesk;
let b: TestDesk;

beforeAll(async () => {
  db = await openTestDatabase();
  second = db.openSecondHandle();
  const policy = await loadPolicy(POLICY_FILE);
  a = await startTestDesk({ db, policy, env: { WEB_LOCAL_SIGN_IN: 'loopback' } });
  b = await startTestDesk({ db: second, policy, env: { WEB_LOCAL_SIGN_IN: 'loopback' } });
});
let bClosed = false;
afterAll(async () => {
  await a?.close();
  if (!bClosed) await b?.close();
  await second?.close();
  await db?.close();
});

/** Reads server-sent events from /live (or `path`) until `until` matches what has arrived, or the time runs out. */
async function listen(desk: TestDesk, cookie: string, until: RegExp, ms = 10_000, o: { path?: string; lastEventId?: string; opened?: () => void } = {}): Promise<string> {
  const res = await fetch(`${desk.url}${o.path ?? '/live'}`, { headers: { cookie, accept: 'text/event-stream', ...(o.lastEventId ? { 'last-event-id': o.lastEventId } : {}) } });
  o.opened?.();
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  let seen = '';
  const timer = setTimeout(() => void reader.cancel(), ms);
  try {
    while (!until.test(seen)) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += Buffer.from(value).toString();
    }
  } finally {
    clearTimeout(timer);
    await reader.cancel().catch(() => {});
  }
  return seen;
}

describe('the web desk on two replicas', () => {
  it('keeps one session for both, and a sign-in link good once across them', async () => {
    const link = await a.web!.localSignInLink();
    const onB = await fetch(`${b.url}${link}`, { redirect: 'manual' });
    expect(onB.status).toBe(303);
    expect((await fetch(`${a.url}${link}`, { redirect: 'manual' })).status).toBe(403);
    const cookie = (onB.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect((await fetch(`${a.url}/queue`, { headers: { cookie } })).status).toBe(200);
  });

  it('tells a page on one replica about a claim made on the other', async () => {
    const { caseId } = await a.postMentions(mention()).then((r) => r.json as { caseId: string });
    const onA = await signInLocally(a);
    const onB = await webClient(b, onA.cookie);
    const heard = listen(b, onB.cookie, new RegExp(`"caseId":"${caseId}","version":2`));
    await new Promise((r) => setTimeout(r, 300)); // the stream is open before the claim
    const res = await onA.post(`/cases/${caseId}/act`, { actionId: 'case.claim', payload: encodeCardAction(caseId, 1) });
    expect(res.status).toBe(303);
    expect(await heard).toContain(`event: case\ndata: {"caseId":"${caseId}","version":2}`);
  });

  it('says nothing for a save that was rolled back', async () => {
    const got: string[] = [];
    const stop = b.web!.changes.subscribe((m) => void (m.kind === 'case' && got.push(m.caseId)));
    await db.transaction(async (tx) => {
      await tx.query(`SELECT pg_notify('desk_case_changed', 'MD-rolled-back:9')`);
      await tx.query('SELECT 1/0').catch(() => {});
      throw new Error('roll back');
    }).catch(() => {});
    await a.postMentions(mention());
    await new Promise((r) => setTimeout(r, 500));
    stop();
    expect(got).not.toContain('MD-rolled-back');
    expect(got.length).toBeGreaterThan(0);
  });

  it('sends a page that reconnects to the same replica every change it missed, and one that reconnects to the other a reload', async () => {
    const before = a.web!.changes.position();
    const { caseId } = await a.postMentions(mention()).then((r) => r.json as { caseId: string });
    // A save is announced after its commit (within 20 ms), so the page is read once replica a has heard the new case.
    await expect.poll(() => a.web!.changes.since(before)).toMatchObject({ kind: 'changes', changes: [{ caseId, version: 1 }] });
    const onA = await signInLocally(a);
    // The cursor the case page was read at, as the page's script starts its feed from.
    const page = await (await onA.get(`/cases/${caseId}`)).text();
    const cursor = /data-live-from="([^"]+)"/.exec(page)?.[1];
    expect(cursor).toBe(a.web!.changes.position());
    // While the page is away, another person claims the case on the other replica, then releases it.
    const onB = await webClient(b, onA.cookie);
    expect((await onB.post(`/cases/${caseId}/act`, { actionId: 'case.claim', payload: encodeCardAction(caseId, 1) })).status).toBe(303);
    expect((await onB.post(`/cases/${caseId}/act`, { actionId: 'case.release', payload: encodeCardAction(caseId, 2) })).status).toBe(303);
    // Replica a has heard both before the page comes back, so they can only reach it as a replay.
    await expect.poll(() => a.web!.changes.since(cursor!)).toMatchObject({ kind: 'changes', changes: [{ caseId, version: 2 }, { caseId, version: 3 }] });

    const first = await listen(a, onA.cookie, /"version":3/, 3_000, { path: `/live?from=${encodeURIComponent(cursor!)}` });
    expect(first).toContain(`event: case\ndata: {"caseId":"${caseId}","version":2}`);
    expect(first).toContain(`event: case\ndata: {"caseId":"${caseId}","version":3}`);
    // The browser reconnects with the id of the last event it read (Last-Event-ID wins over the page's ?from=).
    const lastId = [...first.matchAll(/^id: (.+)$/gm)].at(-1)![1]!;
    const again = await listen(a, onA.cookie, /event: case/, 1_000, { path: `/live?from=${encodeURIComponent(cursor!)}`, lastEventId: lastId });
    expect(again).not.toContain('event: case');
    expect(again).not.toContain('event: reload');
    const elsewhere = await listen(b, onA.cookie, /event: reload/, 3_000, { lastEventId: lastId });
    expect(elsewhere).toMatch(new RegExp(`id: ${b.web!.changes.position()}\nevent: reload\n`));
  });

  it('tells open pages to reload when the replica may have missed changes (its listening connection was lost)', async (t) => {
    if (db.kind !== 'postgres') t.skip(); // PGlite's notifications are in-process: there is no connection to lose.
    const web = await signInLocally(b);
    const before = b.web!.changes.position();
    let opened!: () => void;
    const streaming = new Promise<void>((r) => (opened = r));
    const heard = listen(b, web.cookie, /event: reload/, 10_000, { opened });
    await streaming;
    await new Promise((r) => setTimeout(r, 200));
    const cut = await db.query<{ n: string }>(
      `SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN desk_case_changed'`,
    );
    expect(Number(cut.rows[0]!.n)).toBeGreaterThan(0);
    expect(await heard).toContain('event: reload');
    expect(b.web!.changes.since(before)).toEqual({ kind: 'reload' });
  });

  it('ends its live streams when it stops, rather than holding the stop for the whole grace', async () => {
    const web = await signInLocally(b);
    const res = await fetch(`${b.url}/live`, { headers: { cookie: web.cookie, accept: 'text/event-stream' } });
    const reader = res.body!.getReader();
    await reader.read(); // ': connected'
    const started = Date.now();
    bClosed = true;
    await b.close();
    expect(Date.now() - started).toBeLessThan(4_000);
    expect((await reader.read()).done).toBe(true);
  });
});
