// X direct messages end to end (X_FEATURES=dm): DM events polled as the account into direct-message cases, the
// council's own messages left out, a durable cursor that survives a restart, and a private reply into the
// conversation that reaches X once even when X's first answer is a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseCommand } from '../../src/domain/commands.js';
import { executeCaseCommand } from '../../src/services/execute-case-command.js';
import type { Db } from '../../src/store/db.js';
import { ana } from '../helpers/domain-builders.js';
import { startFakeXApi, xUser, type FakeXApi } from '../helpers/fake-x-api.js';
import { openTestDatabase } from '../helpers/test-database.js';
import { startTestDesk, type TestDesk } from '../helpers/test-desk.js';

const USER_ID = '1000000000000000001';
const BEARER = 'AAAA-test-bearer';
const jo = xUser('1000000000000000002', 'resident_jo', 120);
const reporter = xUser('1000000000000000003', 'local_reporter', 15000, true);
const council = xUser(USER_ID, 'ExampleCouncil', 52000, true);

let x: FakeXApi;
let db: Db;
let now = new Date();
const clock = { now: () => now };

const env = (extra: Record<string, string> = {}) => ({
  X_BEARER_TOKEN: BEARER, X_USER_ID: USER_ID, X_API_URL: x.url, X_POLL_SECONDS: '60', X_FEATURES: 'dm',
  X_CONSUMER_KEY: 'ck', X_CONSUMER_SECRET: 'x-consumer-secret-for-tests', X_ACCESS_TOKEN: 'at', X_ACCESS_TOKEN_SECRET: 'ats', ...extra,
});

beforeAll(async () => {
  x = await startFakeXApi({ userId: USER_ID, bearerToken: BEARER, pageSize: 2 });
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
  await x?.close();
});

async function withDesk<T>(work: (desk: TestDesk) => Promise<T>, extra: Record<string, string> = {}): Promise<T> {
  const desk = await startTestDesk({ db, clock, env: env(extra), startPollers: false });
  try {
    return await work(desk);
  } finally {
    await desk.close();
  }
}

const pollDms = (desk: TestDesk) => desk.networks.pollers.find((p) => p.name === 'x-dms')!.runOnce!();
const dmReads = () => x.callsTo('GET', '/2/dm_events');

async function storedDmIds(): Promise<string[]> {
  const { rows } = await db.query<{ external_id: string }>(`SELECT external_id FROM mentions WHERE network = 'x' AND body->>'kind' = 'direct_message' ORDER BY external_id`);
  return rows.map((r) => r.external_id);
}

async function caseFor(desk: TestDesk, eventId: string) {
  const { rows } = await db.query<{ id: string }>(`SELECT c.id FROM cases c JOIN mentions m ON m.id = c.mention_id WHERE m.network = 'x' AND m.external_id = $1`, [eventId]);
  return (await desk.ctx.store.cases.get(rows[0]!.id))!;
}

async function act(desk: TestDesk, caseId: string, command: CaseCommand) {
  const r = await executeCaseCommand(desk.ctx, { caseId, seenVersion: null, command, actor: ana });
  if (!r.ok) throw new Error(r.refusal.message);
}

describe('X direct messages in', () => {
  it('turns each message into a direct-message case, leaving out the council\'s own, across pages', async () => {
    const asked = x.directMessage(jo, 'My council tax bill has the wrong name on it, can I send details here?');
    x.directMessage(council, 'Hi Jo, yes please send the account number here. ^AP', { to: jo });
    const second = x.directMessage(reporter, 'Can you confirm the Mill Lane closure dates?');
    await withDesk(async (desk) => {
      await pollDms(desk);
      const reads = dmReads();
      expect(reads).toHaveLength(2);
      expect(reads[0]!.authorization).toMatch(/^OAuth /); // X refuses the app-only bearer on DMs
      expect(reads[0]!.query).toMatchObject({
        'dm_event.fields': 'id,text,event_type,dm_conversation_id,sender_id,participant_ids,created_at,referenced_tweets,attachments',
        expansions: 'sender_id', 'user.fields': 'name,username,public_metrics,verified', event_types: 'MessageCreate',
      });
      expect(reads[1]!.query['pagination_token']).toBeTruthy();
      const c = await caseFor(desk, asked);
      const stored = await desk.ctx.store.mentions.get(c.mentionId);
      expect(stored?.mention).toMatchObject({
        network: 'x', kind: 'direct_message', externalId: asked, url: `https://x.com/messages/${USER_ID}-${jo.id}`,
        author: { id: jo.id, handle: '@resident_jo', name: 'resident jo', followers: 120 },
      });
    });
    expect(await storedDmIds()).toEqual([asked, second].sort());
  });

  it('keeps its cursor across a restart, so no message comes in twice', async () => {
    const before = await storedDmIds();
    const later = x.directMessage(jo, 'Sent it, thanks');
    await withDesk(async (desk) => {
      const from = dmReads().length;
      await pollDms(desk);
      // The newest page already reaches the cursor: nothing older is read again.
      expect(dmReads().slice(from)).toHaveLength(1);
      expect(dmReads()[from]!.query['pagination_token']).toBeUndefined();
    });
    expect(await storedDmIds()).toEqual([...before, later].sort());
    await withDesk(async (desk) => {
      await pollDms(desk);
      await pollDms(desk);
    });
    expect(await storedDmIds()).toEqual([...before, later].sort());
  });

  it('resumes a sweep that failed part-way at the page it stopped on, after a restart', async () => {
    const before = await storedDmIds();
    const three = [x.directMessage(jo, 'one'), x.directMessage(reporter, 'two'), x.directMessage(jo, 'three')];
    x.failNext('GET', '/2/dm_events', { status: 503, onlyIf: (q) => !!q['pagination_token'] });
    await withDesk(async (desk) => {
      await expect(pollDms(desk)).rejects.toThrow(/temporary failure/);
    });
    expect(await storedDmIds()).toEqual([...before, three[1]!, three[2]!].sort());
    await withDesk(async (desk) => {
      const from = dmReads().length;
      await pollDms(desk);
      expect(dmReads()[from]!.query['pagination_token']).toBeTruthy();
      await pollDms(desk);
      expect(dmReads().slice(from)).toHaveLength(2);
    });
    expect(await storedDmIds()).toEqual([...before, ...three].sort());
  });
});

describe('replying to an X direct message', () => {
  async function replyPrivately(desk: TestDesk, eventId: string, text: string) {
    const c = await caseFor(desk, eventId);
    await act(desk, c.id, { type: 'case.claim' });
    await act(desk, c.id, { type: 'case.reply.submit', text, visibility: 'private' });
    return c.id;
  }
  const councilSent = (text: string) => x.dms.filter((d) => d.sender_id === USER_ID && d.text === text);

  it('answers in the conversation once, even when X\'s first answer is a 500 after it sent the message', async () => {
    const asked = x.directMessage(jo, 'Who do I speak to about a blue badge?');
    const text = 'Hi Jo, the blue badge team is on 01234 567890. ^AP';
    await withDesk(async (desk) => {
      await pollDms(desk);
      const caseId = await replyPrivately(desk, asked, text);
      const send = `/2/dm_conversations/with/${jo.id}/messages`;
      x.failNext('POST', send, { status: 500, afterProcessing: true });
      await desk.worker.runOnce();
      now = new Date(now.getTime() + 30 * 60_000);
      await desk.worker.runOnce();
      now = new Date();
      const sent = councilSent(text);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.dm_conversation_id).toBe(`${USER_ID}-${jo.id}`);
      expect(x.callsTo('POST', send)).toHaveLength(1);
      expect(x.callsTo('POST', send)[0]!.body).toEqual({ text });
      // The retry looked in the conversation first, as the account.
      expect(x.callsTo('GET', `/2/dm_conversations/with/${jo.id}/dm_events`).at(-1)!.authorization).toMatch(/^OAuth /);
      expect((await desk.ctx.store.cases.get(caseId))?.replies[0]).toMatchObject({ status: 'sent', networkReplyId: sent[0]!.id });

      // Our own answer comes back in the next poll and is left out.
      const before = await storedDmIds();
      await pollDms(desk);
      expect(await storedDmIds()).toEqual(before);
    });
  });

  it('sends once when the first try failed before X sent anything', async () => {
    const asked = x.directMessage(reporter, 'Is the tip open on Sunday?');
    const text = 'Hello, yes: 9am to 4pm on Sundays. ^AP';
    await withDesk(async (desk) => {
      await pollDms(desk);
      const caseId = await replyPrivately(desk, asked, text);
      x.failNext('POST', `/2/dm_conversations/with/${reporter.id}/messages`, { status: 500 });
      await desk.worker.runOnce();
      now = new Date(now.getTime() + 30 * 60_000);
      await desk.worker.runOnce();
      now = new Date();
      expect(x.callsTo('POST', `/2/dm_conversations/with/${reporter.id}/messages`)).toHaveLength(2);
      expect(councilSent(text)).toHaveLength(1);
      expect((await desk.ctx.store.cases.get(caseId))?.replies[0]).toMatchObject({ status: 'sent', networkReplyId: councilSent(text)[0]!.id });
    });
  });
});

describe('X direct messages: configuration', () => {
  it('says at start-up that DMs are read, and reads none without X_FEATURES=dm', async () => {
    await withDesk(async (desk) => {
      expect(desk.networks.report).toContain(`X direct messages: on (read as user ${USER_ID} every 60 s — X_FEATURES=dm)`);
      expect(desk.ctx.policy.networks['x']?.directMessages).toBe(true);
    });
    await withDesk(async (desk) => {
      expect(desk.networks.pollers.map((p) => p.name)).not.toContain('x-dms');
      expect(desk.networks.report.join('\n')).not.toMatch(/X direct messages/);
    }, { X_FEATURES: '' });
    await withDesk(async (desk) => {
      expect(desk.networks.pollers.map((p) => p.name)).not.toContain('x-dms');
      expect(desk.networks.report).toContainEqual(expect.stringMatching(/^X direct messages: off — X_FEATURES=dm also needs X_CONSUMER_KEY/));
    }, { X_CONSUMER_KEY: '', X_CONSUMER_SECRET: '', X_ACCESS_TOKEN: '', X_ACCESS_TOKEN_SECRET: '' });
  });
});
