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

/** Reads server-sent events from /live until `until` matches what has arrived, or the time runs out. */
async function listen(desk: TestDesk, cookie: string, until: RegExp, ms = 10_000): Promise<string> {
  const res = await fetch(`${desk.url}/live`, { headers: { cookie, accept: 'text/event-stream' } });
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
    const stop = b.web!.changes.subscribe((c) => got.push(c.caseId));
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
