// The dashboard's per-case facts (migration 0065) are kept by the database as cases and events are written:
// after bulk loads and after commands run through the desk's services, the kept table must equal the facts
// rebuilt from scratch out of the cases and the event log, on both stores.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCaseHistory, insertCaseHistory } from '../../../bench/generate-case-history.js';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { systemActor, type Actor } from '../../../src/domain/actor.js';
import type { CaseCommand } from '../../../src/domain/commands.js';
import { mentionSchema } from '../../../src/domain/mention.js';
import { createWorkingCalendar } from '../../../src/policy/working-calendar.js';
import type { DeskContext } from '../../../src/services/desk-context.js';
import { executeCaseCommand } from '../../../src/services/execute-case-command.js';
import { ingestMentions } from '../../../src/services/ingest-mentions.js';
import { createPgStore } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { sampleMention } from '../../helpers/test-desk.js';

const POLICY_FILE = new URL('../../fixtures/policy/test-policy.yml', import.meta.url).pathname;
let db: Db;
let ctx: DeskContext;
let now = new Date('2026-03-10T10:00:00Z');
const clock = { now: () => now };
const person = (personId: string, name: string, initials: string, roles: Actor['roles']): Actor => ({ personId, name, initials, roles, surface: 'slack' });
const ana = person('ana', 'Ana Patel', 'AP', ['comms_officer']);
const dev = person('dev', 'Dev Shah', 'DS', ['service_lead']);

beforeAll(async () => {
  db = await openTestDatabase();
  const policy = await loadPolicy(POLICY_FILE);
  ctx = { store: createPgStore(db, { clock }), clock, policy, calendar: createWorkingCalendar(policy.calendar), surfaces: ['slack'], newId: randomUUID };
});
afterAll(async () => { await db.close(); });

async function run(caseId: string, command: CaseCommand, actor: Actor) {
  now = new Date(now.getTime() + 7 * 60_000);
  const result = await executeCaseCommand(ctx, { caseId, seenVersion: null, command, actor });
  if (!result.ok) throw new Error(result.refusal.message);
  return result.case;
}

/** The kept rows and the rows rebuilt from the log, both in case order, as JSON (dates and arrays compared by value). */
async function keptAndRebuilt(): Promise<{ kept: unknown[]; rebuilt: unknown[] }> {
  const read = async (from: string) => JSON.parse(JSON.stringify((await db.query(`SELECT * FROM ${from} ORDER BY case_id`)).rows)) as unknown[];
  return { kept: await read('case_facts'), rebuilt: await read('case_facts_from_log') };
}

async function factsOf(caseId: string) {
  return (await db.query<Record<string, unknown>>('SELECT * FROM case_facts WHERE case_id = $1', [caseId])).rows[0];
}

describe('the case facts the dashboard reads', () => {
  it('equal the facts rebuilt from the event log after bulk loads, in two batches', async () => {
    const calendar = ctx.calendar;
    const history = [...generateCaseHistory({ cases: 300, from: new Date('2026-02-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z'), seed: 65, calendar, firstNumber: 500_000 })];
    const seq = await insertCaseHistory(db, history.slice(0, 150), 1_000_000);
    await insertCaseHistory(db, history.slice(150), seq);
    const { kept, rebuilt } = await keptAndRebuilt();
    expect(kept).toHaveLength(300);
    expect(kept).toEqual(rebuilt);
    // The generated history has every kind of fact in it, so the comparison above is not of empty arrays.
    const rows = kept as Array<Record<string, unknown[] | number>>;
    expect(rows.some((r) => (r['escalation_targets'] as unknown[]).length > 0)).toBe(true);
    expect(rows.some((r) => (r['moderation_done_actions'] as unknown[]).length > 0)).toBe(true);
    expect(rows.some((r) => (r['signpost_kinds'] as unknown[]).length > 0)).toBe(true);
    expect(rows.some((r) => (r['holding_lines_agreed'] as number) > 0)).toBe(true);
  });

  it('are written when a case is inserted after its events (the insert trigger passes on only cases with an opening event)', async () => {
    const calendar = ctx.calendar;
    const [g] = [...generateCaseHistory({ cases: 1, from: new Date('2026-02-01T00:00:00Z'), to: new Date('2026-02-02T00:00:00Z'), seed: 70, calendar, firstNumber: 700_000 })];
    // The events' foreign key to the case is checked at commit, so a transaction may write them first.
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO mentions (id, network, external_id, body, received_at, topic, posted_at) VALUES ($1, $2, $3, '{}', $4, $5, $6)`, [g!.mention.id, g!.mention.network, g!.mention.externalId, g!.mention.receivedAt, g!.mention.topic, g!.mention.postedAt]);
      const events = g!.events.map((e) => ({ id: randomUUID(), case_id: e.caseId, type: e.type, case_version: e.caseVersion, occurred_at: e.at, actor_id: e.actor.personId, surface: e.actor.surface, rule: e.rule, body: e }));
      await tx.query(`INSERT INTO events (id, case_id, type, case_version, occurred_at, actor_id, surface, rule, body) SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, case_id text, type text, case_version int, occurred_at timestamptz, actor_id text, surface text, rule text, body jsonb)`, [JSON.stringify(events)]);
      expect(await tx.query('SELECT 1 FROM case_facts WHERE case_id = $1', [g!.case.id])).toMatchObject({ rowCount: 0 });
      await tx.query(`INSERT INTO cases (id, mention_id, state, version, opened_at, body) VALUES ($1, $2, $3, $4, $5, $6)`, [g!.case.id, g!.case.mentionId, g!.case.state, g!.case.version, g!.case.openedAt, JSON.stringify(g!.case)]);
    });
    const { kept, rebuilt } = await keptAndRebuilt();
    expect(kept.find((r) => (r as { case_id: string }).case_id === g!.case.id)).toBeDefined();
    expect(kept).toEqual(rebuilt);
  });

  it('are written from the opening alone for the cases intake opens, and equal the rebuilt facts', async () => {
    // One alone and a batch, with and without a topic the reader finds, posted hours before their arrival, at it,
    // or (the sample's own time) after it: migration 0099 writes these rows without the view.
    const texts = ['My bins were not collected on Elm Road this week', 'Thanks for fixing the streetlight so quickly!', 'When is the library open on Sunday?', 'The pothole on Mill Lane is getting worse'];
    const mention = (text: string, postedAt?: string) => mentionSchema.parse(sampleMention({ externalId: `facts-${randomUUID()}`, text, ...(postedAt ? { postedAt } : {}) }));
    const single = await ingestMentions(ctx, [mention(texts[0]!, new Date(now.getTime() - 3 * 3_600_000).toISOString())]);
    const batch = await ingestMentions(ctx, texts.map((t, i) => mention(t, i % 2 ? now.toISOString() : undefined)));
    const opened = [...single, ...batch].map((o) => o.caseId);
    const { kept, rebuilt } = await keptAndRebuilt();
    expect(kept.filter((r) => opened.includes((r as { case_id: string }).case_id))).toHaveLength(opened.length);
    expect(kept).toEqual(rebuilt);
  });

  it('follow a case through the desk, command by command, and still equal the rebuilt facts', async () => {
    const [opened] = await ingestMentions(ctx, [mentionSchema.parse(sampleMention({ postedAt: now.toISOString() }))]);
    const caseId = opened!.caseId;
    expect(await factsOf(caseId)).toMatchObject({ state: 'new', service: 'unclassified', first_reply_at: null, escalation_targets: [] });

    await run(caseId, { type: 'case.claim' }, ana);
    await run(caseId, { type: 'case.classify', serviceTag: 'waste', kind: 'complaint' }, ana);
    const escalated = await run(caseId, { type: 'case.escalate', target: { type: 'service_lead', serviceTag: 'waste' }, reason: 'Third missed collection' }, ana);
    const escalationId = escalated.escalations.at(-1)!.id;
    expect(await factsOf(caseId)).toMatchObject({ service: 'waste', kind: 'complaint', escalation_targets: ['service_lead'], escalation_acknowledged_at: [null] });

    await run(caseId, { type: 'case.escalation.acknowledge', escalationId }, dev);
    const submitted = await run(caseId, { type: 'case.reply.submit', text: 'Sorry, a crew is coming back today.', visibility: 'public', needsApproval: false }, ana);
    const replyId = submitted.replies.at(-1)!.id;
    await run(caseId, { type: 'case.reply.sent', replyId, networkReplyId: 'fb-reply-1' }, systemActor());
    const facts = await factsOf(caseId);
    expect(new Date(facts!['first_reply_at'] as string).toISOString()).toBe(now.toISOString());
    expect(facts!['escalation_acknowledged_at']).toEqual([expect.any(Date)]);

    await run(caseId, { type: 'case.close', outcome: 'replied' }, ana);
    expect(await factsOf(caseId)).toMatchObject({ state: 'closed', outcome: 'replied' });
    const { kept, rebuilt } = await keptAndRebuilt();
    expect(kept).toEqual(rebuilt);
  });
});
