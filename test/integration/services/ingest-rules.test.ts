// The council's rules at the door: safeguarding referred at once, an out-of-hours reply once per author per night.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { mentionSchema } from '../../../src/domain/mention.js';
import type { Policy } from '../../../src/policy/policy-schema.js';
import { createWorkingCalendar } from '../../../src/policy/working-calendar.js';
import { deliverAutoReply } from '../../../src/services/deliver-network-action.js';
import type { DeskContext } from '../../../src/services/desk-context.js';
import { ingestMentions } from '../../../src/services/ingest-mentions.js';
import type { NetworkConnector } from '../../../src/services/ports.js';
import { createPgStore } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { sampleMention } from '../../helpers/test-desk.js';

let db: Db;
let ctx: DeskContext;
let now = new Date('2026-10-24T20:00:00Z'); // Saturday evening, the night before the clocks go back
const clock = { now: () => now };

beforeAll(async () => {
  db = await openTestDatabase();
  const policy = structuredClone(await loadPolicy(null)) as Policy;
  (policy.outOfHours as { autoReply: unknown[] }).autoReply = [{ network: 'facebook', kind: 'direct_message' }];
  ctx = { store: createPgStore(db, { clock }), clock, policy, calendar: createWorkingCalendar(policy.calendar), surfaces: ['slack', 'teams'], newId: randomUUID };
});
afterAll(async () => { await db.close(); });

async function ingest(overrides: Record<string, unknown>) {
  return (await ingestMentions(ctx, [mentionSchema.parse(sampleMention(overrides))]))[0]!.caseId;
}

async function outboxKinds(caseId: string): Promise<string[]> {
  return (await db.query<{ kind: string }>(`SELECT kind FROM outbox WHERE case_id = $1 ORDER BY id`, [caseId])).rows.map((r) => r.kind);
}

describe('safeguarding at intake', () => {
  it('refers a threat to the safeguarding lead at once, out of hours, and records the referral', async () => {
    const caseId = await ingest({ text: 'I am going to kill myself tonight, nobody at the council listens' });
    const c = await ctx.store.cases.get(caseId);
    expect(c?.escalations).toEqual([expect.objectContaining({ target: { type: 'safeguarding' }, status: 'pending', raisedBy: 'Mention Desk' })]);
    expect(c?.postedOutOfHours).toBe(true);
    const events = (await ctx.store.events.forCase(caseId)).map((e) => e.event.type);
    expect(events.slice(0, 2)).toEqual(['case.opened', 'case.escalated']);
    expect((await outboxKinds(caseId)).filter((k) => k === 'chat.escalation.post')).toHaveLength(2);
  });

  it('leaves an ordinary complaint alone', async () => {
    const caseId = await ingest({ text: 'Bins not collected again' });
    expect((await ctx.store.cases.get(caseId))?.escalations).toEqual([]);
  });
});

describe('the out-of-hours reply', () => {
  it('goes once per author per night, only where the policy asks for it', async () => {
    const author = { id: 'fb-night-owl', name: 'Night Owl', handle: 'owl', followers: 3, verified: false };
    const first = await ingest({ kind: 'direct_message', author });
    now = new Date('2026-10-25T02:30:00Z'); // the same closed spell, after the clocks went back
    const second = await ingest({ kind: 'direct_message', author });
    const comment = await ingest({ kind: 'comment', author });
    expect(await outboxKinds(first)).toContain('network.auto_reply');
    expect(await outboxKinds(second)).not.toContain('network.auto_reply');
    expect(await outboxKinds(comment)).not.toContain('network.auto_reply');
    const row = (await db.query<{ key: string; payload: { text: string } }>(`SELECT key, payload FROM outbox WHERE case_id = $1 AND kind = 'network.auto_reply'`, [first])).rows[0]!;
    expect(row.key).toBe('ooh:facebook:fb-night-owl@2026-10-26T09:00:00.000Z');
    expect(row.payload.text).toMatch(/9am to 5pm/);
    expect(row.payload.text).toMatch(/emergency/i);
  });

  it('sends nothing in monitoring hours', async () => {
    now = new Date('2026-10-26T10:00:00Z'); // Monday 10:00 GMT
    const caseId = await ingest({ kind: 'direct_message', author: { id: 'fb-day', name: 'Day Person', handle: 'day', followers: 1, verified: false } });
    expect(await outboxKinds(caseId)).not.toContain('network.auto_reply');
  });

  it('is sent privately for a direct message and noted on the case', async () => {
    now = new Date('2026-10-31T12:00:00Z'); // Saturday
    const caseId = await ingest({ kind: 'direct_message', author: { id: 'fb-weekend', name: 'Weekend Person', handle: 'wk', followers: 1, verified: false } });
    const sent: Array<{ visibility: string; key: string }> = [];
    const connector: NetworkConnector = { network: 'facebook', reply: async (_t, _text, visibility, key) => { sent.push({ visibility, key }); return { networkReplyId: 'm_1' }; }, moderate: async () => {} };
    const job = (await db.query<{ key: string; payload: Record<string, unknown> }>(`SELECT key, payload FROM outbox WHERE case_id = $1 AND kind = 'network.auto_reply'`, [caseId])).rows[0]!;
    await deliverAutoReply(ctx, () => connector, job);
    expect(sent).toEqual([{ visibility: 'private', key: job.key }]);
    const last = (await ctx.store.events.forCase(caseId)).at(-1)!.event;
    expect(last).toMatchObject({ type: 'case.noted', rule: 'clock:out-of-hours', actor: { personId: 'system' } });
  });
});

describe('a surge of mentions on one topic', () => {
  it('raises one alert for managers and leadership when more than the policy allows arrive together', async () => {
    now = new Date('2026-11-02T10:00:00Z');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      now = new Date(now.getTime() + 60_000);
      ids.push(await ingest({ text: `Bins not collected on Mill Lane again (${i})` }));
    }
    const alerts = (await db.query<{ key: string; payload: { audience: string; text: string; caseIds: string[] } }>(`SELECT key, payload FROM outbox WHERE key LIKE 'surge:%' ORDER BY id`)).rows;
    expect(alerts.map((a) => a.key)).toEqual([`surge:slack:waste:${ids[0]}`, `surge:teams:waste:${ids[0]}`]);
    expect(alerts[0]!.payload.audience).toBe('managers_and_leadership');
    expect(alerts[0]!.payload.caseIds).toEqual(ids.slice(0, 6));
  });

  it('counts the cases a batch opens with those stored before it, the earliest posts first', async () => {
    now = new Date('2026-11-03T10:00:00Z');
    const stored = [await ingest({ text: 'Bins not collected on Elm Road (a)' })];
    now = new Date(now.getTime() + 60_000);
    stored.push(await ingest({ text: 'Bins not collected on Elm Road (b)' }));
    now = new Date(now.getTime() + 60_000);
    // Posted in the last seconds, the latest first in the batch: posting time, not the batch's order, decides.
    const batch = [0, 1, 2, 3, 4].map((ago) => mentionSchema.parse(sampleMention({ text: `Bins not collected on Elm Road (${ago} s ago)`, postedAt: new Date(now.getTime() - ago * 1000).toISOString() })));
    const opened = (await ingestMentions(ctx, batch)).map((o) => o.caseId);
    const alerts = (await db.query<{ key: string; payload: { caseIds: string[] } }>(`SELECT key, payload FROM outbox WHERE key LIKE 'surge:slack:waste:%' ORDER BY id`)).rows;
    expect(alerts.at(-1)!.key).toBe(`surge:slack:waste:${stored[0]}`);
    expect(alerts.at(-1)!.payload.caseIds).toEqual([...stored, opened[4], opened[3], opened[2], opened[1]]);
  });

  it('takes posts sharing one posting time in case id order, every stored one among them counted', async () => {
    now = new Date('2026-11-04T10:00:00Z');
    const postedAt = new Date(now.getTime() - 5_000).toISOString();
    const at = (text: string) => mentionSchema.parse(sampleMention({ text, postedAt }));
    // Stored one by one with no chat surface (so no alert yet), more than the threshold and all posted at one
    // instant: the look-up reads stored posts only up to the threshold's posting time, and must keep its ties.
    const quiet = { ...ctx, surfaces: [] };
    const stored: string[] = [];
    for (const n of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) stored.push((await ingestMentions(quiet, [at(`Bins not collected on Ash Grove (${n})`)]))[0]!.caseId);
    const opened = (await ingestMentions(ctx, [at('Bins not collected on Ash Grove (h)')]))[0]!.caseId;
    const alerts = (await db.query<{ key: string; payload: { caseIds: string[] } }>(`SELECT key, payload FROM outbox WHERE key LIKE 'surge:slack:waste:%' ORDER BY id`)).rows;
    const first = [...stored, opened].sort().slice(0, 6);
    expect(alerts.at(-1)!.key).toBe(`surge:slack:waste:${first[0]}`);
    expect(alerts.at(-1)!.payload.caseIds).toEqual(first);
  });
});
