// Clocks count from the resident's post, not the desk's arrival: backlogs, clock changes, bank holidays,
// Christmas closures, surges and the FOI clock, through the real intake on the store under test.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { mentionSchema } from '../../../src/domain/mention.js';
import { buildCaseCard } from '../../../src/cards/build-case-card.js';
import type { Policy } from '../../../src/policy/policy-schema.js';
import { createWorkingCalendar } from '../../../src/policy/working-calendar.js';
import type { DeskContext } from '../../../src/services/desk-context.js';
import { executeCaseCommand } from '../../../src/services/execute-case-command.js';
import { ingestMentions } from '../../../src/services/ingest-mentions.js';
import { createPgStore } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { sampleMention } from '../../helpers/test-desk.js';

let db: Db;
let ctx: DeskContext;
let now = new Date();
const clock = { now: () => now };

beforeAll(async () => {
  db = await openTestDatabase();
  const policy = structuredClone(await loadPolicy(null)) as Policy;
  (policy.calendar as { closures: string[] }).closures = ['2026-12-29', '2026-12-30', '2026-12-31'];
  (policy as { people: unknown[] }).people = [{ id: 'ana', name: 'Ana Patel', initials: 'AP', roles: ['comms_officer'], slack: 'U0ANA' }];
  ctx = { store: createPgStore(db, { clock }), clock, policy, calendar: createWorkingCalendar(policy.calendar), surfaces: ['slack'], newId: randomUUID };
});
afterAll(async () => { await db.close(); });

async function ingestAt(arrival: string, overrides: Record<string, unknown>) {
  now = new Date(arrival);
  const caseId = (await ingestMentions(ctx, [mentionSchema.parse(sampleMention(overrides))]))[0]!.caseId;
  return (await ctx.store.cases.get(caseId))!;
}

async function surgeNotices(): Promise<number> {
  return Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM outbox WHERE key LIKE 'surge:%'`)).rows[0]!.n);
}

describe('a backlog reaching the desk on Monday morning', () => {
  it('counts a Sunday-night post from Sunday night, out of hours, and the card says when it arrived', async () => {
    const c = await ingestAt('2026-12-07T09:05:00Z', { postedAt: '2026-12-06T22:10:00Z' });
    expect(c.postedAt).toBe('2026-12-06T22:10:00.000Z');
    expect(c.openedAt).toBe('2026-12-07T09:05:00.000Z');
    expect(c.postedOutOfHours).toBe(true);
    // Two working hours from the next opening (Mon 09:00), not from the 09:05 arrival.
    expect(c.deadlines['first_response']).toBe('2026-12-07T11:00:00.000Z');
    const mention = (await ctx.store.mentions.get(c.mentionId))!.mention;
    const card = buildCaseCard({ case: c, mention, policy: ctx.policy, now, calendar: ctx.calendar });
    expect(card.facts.find((f) => f.label === 'Posted')?.value).toBe('Sun 6 Dec 22:10, reached the desk 09:05 (out of hours; the clock starts Monday 7 December at 09:00)');
  });

  it('raises no surge for many posts made two days ago arriving at once, and one for the same number posted now', async () => {
    const before = await surgeNotices();
    now = new Date('2026-12-07T10:00:00Z');
    const old = Array.from({ length: 8 }, (_, i) => sampleMention({ text: 'Potholes on the high street again, the road is wrecked', postedAt: `2026-12-05T1${i}:00:00Z` }));
    await ingestMentions(ctx, old.map((m) => mentionSchema.parse(m)));
    expect(await surgeNotices()).toBe(before);
    const fresh = Array.from({ length: 8 }, () => sampleMention({ text: 'Potholes on the high street again, the road is wrecked', postedAt: '2026-12-07T09:55:00Z' }));
    await ingestMentions(ctx, fresh.map((m) => mentionSchema.parse(m)));
    expect(await surgeNotices()).toBeGreaterThan(before);
  });
});

describe('posting times the desk does not believe', () => {
  it('counts from arrival, noted on the case and the card, when the post claims to be from the future', async () => {
    const c = await ingestAt('2026-12-08T10:00:00Z', { postedAt: '2026-12-08T14:00:00Z' });
    expect(c.postedAt).toBe('2026-12-08T10:00:00.000Z');
    expect(c.postedAtAdjusted).toBe('in_the_future');
    const mention = (await ctx.store.mentions.get(c.mentionId))!.mention;
    const card = buildCaseCard({ case: c, mention, policy: ctx.policy, now, calendar: ctx.calendar });
    expect(card.facts.find((f) => f.label === 'Posted')?.value).toContain('posting time in the future: counted from arrival');
  });

  it('counts from arrival when the post is absurdly old', async () => {
    const c = await ingestAt('2026-12-08T10:00:00Z', { postedAt: '2025-06-01T10:00:00Z' });
    expect(c.postedAtAdjusted).toBe('too_old');
    expect(c.deadlines['first_response']).toBe('2026-12-08T12:00:00.000Z');
  });
});

describe('across clock changes and bank holidays', () => {
  it('counts a Friday-afternoon post through the March change (GMT to BST)', async () => {
    // Fri 27 Mar 16:30 GMT: 30 working minutes that day, 90 on Monday from 09:00 BST = 10:30 BST.
    const c = await ingestAt('2026-03-30T08:00:00Z', { postedAt: '2026-03-27T16:30:00Z' });
    expect(c.deadlines['first_response']).toBe('2026-03-30T09:30:00.000Z');
  });

  it('counts a Friday-afternoon post through the October change (BST to GMT)', async () => {
    // Fri 23 Oct 16:00 BST: 60 minutes that day, 60 on Monday from 09:00 GMT.
    const c = await ingestAt('2026-10-26T09:30:00Z', { postedAt: '2026-10-23T15:00:00Z' });
    expect(c.deadlines['first_response']).toBe('2026-10-26T10:00:00.000Z');
  });

  it('skips the Easter bank-holiday weekend', async () => {
    // Thu 2 Apr 16:00 BST: 60 minutes; Good Friday and Easter Monday closed; 60 on Tue 7 Apr.
    const c = await ingestAt('2026-04-07T08:30:00Z', { postedAt: '2026-04-02T15:00:00Z' });
    expect(c.deadlines['first_response']).toBe('2026-04-07T09:00:00.000Z');
  });

  it('skips Christmas and the council closure days for the first response', async () => {
    // Thu 24 Dec 16:00 GMT: closed since 13:00 (the default's Christmas Eve afternoon); 25, 28 (Boxing Day
    // substitute) and the closures 29-31 Dec, 1 Jan closed; all 120 minutes on Mon 4 Jan.
    const c = await ingestAt('2027-01-04T09:00:00Z', { postedAt: '2026-12-24T16:00:00Z' });
    expect(c.deadlines['first_response']).toBe('2027-01-04T11:00:00.000Z');
  });

  it('counts Christmas Eve morning, and not its afternoon', async () => {
    // Thu 24 Dec 12:00 GMT: 60 minutes to the 13:00 closure; the other 60 on Mon 4 Jan.
    const c = await ingestAt('2026-12-24T12:00:00Z', { postedAt: '2026-12-24T12:00:00Z' });
    expect(c.deadlines['first_response']).toBe('2027-01-04T10:00:00.000Z');
  });
});

describe('the FOI clock', () => {
  it('starts at intake when the bot recognises a request, from the post, in statutory working days through the Christmas closure', async () => {
    const c = await ingestAt('2026-12-18T11:00:00Z', { postedAt: '2026-12-18T10:00:00Z', text: 'This is a freedom of information request: how much did the council spend on consultants in 2025?' });
    // Closures (29-31 Dec) do not stop it; see statutory-working-days.test.ts for the count.
    expect(c.deadlines['foi_response']).toBe('2027-01-22T00:00:00.000Z');
    const mention = (await ctx.store.mentions.get(c.mentionId))!.mention;
    const card = buildCaseCard({ case: c, mention, policy: ctx.policy, now, calendar: ctx.calendar });
    expect(card.facts.find((f) => f.label === 'FOI response due')?.value).toBe('Fri 22 Jan 00:00');
  });

  it('counts from the post when an officer classifies it as FOI days later, and an earlier start stands', async () => {
    const c = await ingestAt('2026-12-01T10:00:00Z', { postedAt: '2026-12-01T09:00:00Z', text: 'Who decides how big the fly-tipping fines are round here?' });
    // Not read as FOI (no recorded figures asked for over a period): an officer decides it is one, days later.
    expect(c.deadlines['foi_response']).toBeUndefined();
    now = new Date('2026-12-09T10:00:00Z');
    const ana = { personId: 'ana', name: 'Ana Patel', initials: 'AP', roles: ['comms_officer' as const], surface: 'slack' as const };
    await executeCaseCommand(ctx, { caseId: c.id, seenVersion: c.version, command: { type: 'case.classify', serviceTag: 'waste', kind: 'foi_request', note: null }, actor: ana });
    const classified = (await ctx.store.cases.get(c.id))!;
    // 20 statutory working days following Tue 1 Dec 2026 (25 and 28 Dec skipped; the closures count): Thu 31 Dec.
    expect(classified.deadlines['foi_response']).toBe('2027-01-01T00:00:00.000Z');
  });

  it('stops the clock the bot started when an officer says it is not an FOI request', async () => {
    const c = await ingestAt('2026-12-02T10:00:00Z', { postedAt: '2026-12-02T09:00:00Z', text: 'Freedom of information request: please send me the minutes of the licensing committee' });
    expect(c.deadlines['foi_response']).toBeDefined();
    const ana = { personId: 'ana', name: 'Ana Patel', initials: 'AP', roles: ['comms_officer' as const], surface: 'slack' as const };
    await executeCaseCommand(ctx, { caseId: c.id, seenVersion: c.version, command: { type: 'case.classify', serviceTag: 'waste', kind: 'question', note: null }, actor: ana });
    expect((await ctx.store.cases.get(c.id))!.deadlines['foi_response']).toBeUndefined();
  });
});
