// A Meta delivery with one change the parser cannot read: the readable ones are stored, the unreadable
// one is kept whole, and `npm run unreadable` lists, shows and replays it against a running desk.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signMetaBody } from '../../src/adapters/networks/meta/verify-meta-signature.js';
import { entryPointArgs } from '../helpers/entry-point.js';
import { startTestDesk, TEST_INTAKE_SECRET, TEST_READ_TOKEN, type TestDesk } from '../helpers/test-desk.js';

const APP_SECRET = 'meta-app-secret-for-tests';
const PAGE_ID = '100000000000001';
const run = promisify(execFile);
let desk: TestDesk;

beforeAll(async () => {
  desk = await startTestDesk({ env: { META_APP_SECRET: APP_SECRET, META_VERIFY_TOKEN: 'meta-verify-token-for-tests' } });
});
afterAll(async () => {
  await desk?.close();
});

function cli(...args: string[]) {
  return run(process.execPath, [...entryPointArgs('src/cli/unreadable.ts'), ...args, '--url', desk.url], { env: { ...process.env, INTAKE_SECRET: TEST_INTAKE_SECRET, DESK_API_TOKEN: TEST_READ_TOKEN }, timeout: 30_000 });
}

function postWebhook(raw: string, signature = signMetaBody(APP_SECRET, raw)): Promise<Response> {
  return fetch(`${desk.url}/webhooks/meta`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body: raw });
}

/** The documented comment, with its ids tagged, and a second comment in the same entry that has no `from` (seen in the field). */
function batchWithOneUnreadable(tag: string): string {
  const body = JSON.parse(readFileSync(new URL('../fixtures/networks/meta.page.feed-comment.json', import.meta.url), 'utf8'));
  const good = body.entry[0].changes[0];
  good.value.comment_id = `300000000000001_4${tag}`;
  const bad = structuredClone(good);
  delete bad.value.from;
  bad.value.comment_id = `300000000000001_5${tag}`;
  bad.value.message = `No author on this one (${tag})`;
  body.entry[0].changes.push(bad);
  return JSON.stringify(body);
}

async function mentionCount(externalId: string): Promise<number> {
  const { rows } = await desk.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mentions WHERE network = $1 AND external_id = $2', ['facebook', externalId]);
  return rows[0]!.n;
}

async function keptWith(text: string) {
  const { rows } = await desk.db.query<{ id: string; reason: string; raw: string; times_received: number; replayed_at: Date | null }>(
    'SELECT id::text AS id, reason, raw, times_received, replayed_at FROM unreadable_changes WHERE raw LIKE $1',
    [`%${text}%`],
  );
  return rows;
}

describe('a signed Meta delivery holding an unreadable change', () => {
  it('answers 200, stores the readable comment, and keeps the unreadable one whole with its reason', async () => {
    const res = await postWebhook(batchWithOneUnreadable('01'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 1, new: 1, unreadable: 1 });
    expect(await mentionCount('300000000000001_401')).toBe(1);
    const kept = await keptWith('No author on this one (01)');
    expect(kept).toHaveLength(1);
    expect(kept[0]!.reason).toBe('entry.0.changes.1.value.from: expected an object');
    // Whole: the change as Meta sent it, in a one-change body the parser reads again on replay.
    expect(JSON.parse(kept[0]!.raw)).toMatchObject({ object: 'page', entry: [{ id: PAGE_ID, time: 1774623600, changes: [{ field: 'feed', value: { comment_id: '300000000000001_501', post_id: '100000000000001_300000000000001' } }] }] });
  });

  it('keeps a redelivered batch once, counting that it came again, and the comment stays one mention', async () => {
    const raw = batchWithOneUnreadable('02');
    expect((await postWebhook(raw)).status).toBe(200);
    expect((await postWebhook(raw)).status).toBe(200);
    expect(await mentionCount('300000000000001_402')).toBe(1);
    expect((await keptWith('No author on this one (02)')).map((r) => r.times_received)).toEqual([2]);
  });

  it('refuses a bad signature with 401 and keeps nothing, readable or not', async () => {
    const raw = batchWithOneUnreadable('03');
    expect((await postWebhook(raw, signMetaBody('not-the-app-secret', raw))).status).toBe(401);
    expect(await mentionCount('300000000000001_403')).toBe(0);
    expect(await keptWith('No author on this one (03)')).toEqual([]);
  });

  it('still answers 400 naming the field when the envelope itself is not Meta\'s, and keeps nothing', async () => {
    const res = await postWebhook(JSON.stringify({ object: 'page', entry: 'not a list (04)' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'entry' });
    expect(await keptWith('not a list (04)')).toEqual([]);
  });
});

describe('npm run unreadable', () => {
  it('lists and shows a kept change, and a replay the parser still cannot read leaves it waiting', async () => {
    await postWebhook(batchWithOneUnreadable('05'));
    const [kept] = await keptWith('No author on this one (05)');
    const listed = await cli('list');
    expect(listed.stdout).toContain(`#${kept!.id} `);
    expect(listed.stdout).toContain('facebook (meta) · waiting');
    const shown = await cli('show', kept!.id);
    expect(shown.stdout).toContain('entry.0.changes.1.value.from: expected an object');
    expect(shown.stdout).toContain('"comment_id": "300000000000001_505"');
    await expect(cli('replay', kept!.id)).rejects.toMatchObject({ code: 1, stdout: expect.stringContaining(`#${kept!.id}: still unreadable: entry.0.changes.0.value.from`) });
    expect((await keptWith('No author on this one (05)'))[0]!.replayed_at).toBeNull();
  });

  it('replays a change kept by an older parser into a case, once, and takes it off the waiting list', async () => {
    // What an older parser refused but today's reads: the documented comment, kept as the route keeps it.
    const body = JSON.parse(readFileSync(new URL('../fixtures/networks/meta.page.feed-comment.json', import.meta.url), 'utf8'));
    body.entry[0].changes[0].value.comment_id = '300000000000001_406';
    await desk.networks.unreadable.keep({ source: 'meta', network: 'facebook', raw: JSON.stringify(body), reason: 'entry.0.changes.0.value.created_time: an older parser\'s complaint' });
    const [kept] = await keptWith('300000000000001_406');
    const replayed = await cli('replay', kept!.id);
    expect(replayed.stdout).toContain(`#${kept!.id}: stored 1 mention (1 new)`);
    expect(await mentionCount('300000000000001_406')).toBe(1);
    expect((await cli('list')).stdout).not.toContain(`#${kept!.id} `);
    expect((await cli('list', '--all')).stdout).toContain(`#${kept!.id} `);
    expect((await cli('replay', kept!.id)).stdout).toContain('already replayed');
    expect(await mentionCount('300000000000001_406')).toBe(1);
  });

  it('reads only with a read token, replays only when signed with the intake secret, and names an unknown id', async () => {
    expect((await fetch(`${desk.url}/api/unreadable`)).status).toBe(401);
    // The intake secret is not a read token: the kept changes hold residents' words.
    expect((await fetch(`${desk.url}/api/unreadable`, { headers: { authorization: `Bearer ${TEST_INTAKE_SECRET}` } })).status).toBe(401);
    expect((await fetch(`${desk.url}/api/unreadable/1/replay`, { method: 'POST', headers: { authorization: `Bearer ${TEST_READ_TOKEN}` } })).status).toBe(401);
    await expect(cli('show', '999999999')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('There is no unreadable change 999999999.') });
  });
});
