// Service departments and leadership answering escalations (issue 18), on a real store with the clock injected:
// the substantive-response clock stops on an answer and not on an acknowledgement; an unacknowledged escalation
// goes to the deputy, then the comms manager, in working time across a weekend; a service's own reply is sent
// only after comms approves it, exactly once under two approvals at the same moment; leadership's briefing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';

import type { CaseCommand } from '../../../src/domain/commands.js';
import { mentionSchema } from '../../../src/domain/mention.js';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { createWorkingCalendar } from '../../../src/policy/working-calendar.js';
import type { DeskContext } from '../../../src/services/desk-context.js';
import { runEscalationWindow } from '../../../src/services/escalation-window.js';
import { ESCALATION_WINDOW_KIND } from '../../../src/services/plan-escalation-jobs.js';
import { executeCaseCommand } from '../../../src/services/execute-case-command.js';
import { handleCardAction } from '../../../src/services/handle-card-action.js';
import { ingestMentions } from '../../../src/services/ingest-mentions.js';
import { loadCaseView } from '../../../src/services/load-case-view.js';
import { setAway } from '../../../src/services/out-of-office.js';
import { runClockJob } from '../../../src/services/run-clock-job.js';
import { loadCaseForm } from '../../../src/services/load-case-form.js';
import { HOLDING_LINE_KIND, recordHoldingLine } from '../../../src/services/surge-holding-line.js';
import { createPgStore } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { createOutboxWorker } from '../../../src/store/outbox-worker.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { sampleMention } from '../../helpers/test-desk.js';

const POLICY_FILE = new URL('../../fixtures/policy/test-policy.yml', import.meta.url).pathname;
let db: Db;
let ctx: DeskContext;
let now = new Date('2026-03-13T15:00:00Z'); // Friday 13 March 2026, 15:00 GMT
const clock = { now: () => now };
const person = (personId: string, name: string, initials: string, roles: Actor['roles']): Actor => ({ personId, name, initials, roles, surface: 'slack' });
const ana = person('ana', 'Ana Patel', 'AP', ['comms_officer']);
const cara = person('cara', 'Cara Lee', 'CL', ['comms_manager']);
const dev = person('dev', 'Dev Shah', 'DS', ['service_lead']);
const ivy = person('ivy', 'Ivy Shaw', 'IS', ['service_officer']);
const eve = person('eve', 'Eve Grant', 'EG', ['leadership']);
let sent = 0;

/** Runs every job due now (a fresh worker: a restart), batch after batch; earlier tests' jobs may fall due too. */
async function runDue() {
  const worker = createOutboxWorker({ db, clock, workerId: `w-${randomUUID()}`, handlers: {
    'clock.remind': (job) => runClockJob(ctx, 'remind', job),
    'clock.due': (job) => runClockJob(ctx, 'due', job),
    [ESCALATION_WINDOW_KIND]: (job) => runEscalationWindow(ctx, job),
    'network.reply': async () => ({ sent: ++sent }),
    [HOLDING_LINE_KIND]: (job) => recordHoldingLine(ctx, job),
  } });
  while ((await worker.runOnce()) >= 10);
}

async function run(caseId: string, command: CaseCommand, actor: Actor) {
  const result = await executeCaseCommand(ctx, { caseId, seenVersion: null, command, actor });
  if (!result.ok) throw new Error(result.refusal.message);
  return result.case;
}

async function escalatedToWaste(extra: Record<string, unknown> = {}): Promise<string> {
  const caseId = (await ingestMentions(ctx, [mentionSchema.parse(sampleMention({ postedAt: now.toISOString(), ...extra }))]))[0]!.caseId;
  await run(caseId, { type: 'case.claim' }, ana);
  await run(caseId, { type: 'case.escalate', target: { type: 'service_lead', serviceTag: 'waste' }, reason: 'Third missed collection' }, ana);
  return caseId;
}

async function eventTypes(caseId: string) {
  return (await ctx.store.events.forCase(caseId)).map((e) => e.event);
}

beforeAll(async () => {
  db = await openTestDatabase();
  const policy = await loadPolicy(POLICY_FILE);
  ctx = { store: createPgStore(db, { clock }), clock, policy, calendar: createWorkingCalendar(policy.calendar), surfaces: ['slack'], newId: randomUUID };
});
afterAll(async () => { await db.close(); });

describe('the substantive-response clock', () => {
  it('keeps running after an acknowledgement, says so at the breach, and stops on the answer for comms', async () => {
    now = new Date('2026-03-10T10:00:00Z'); // a Tuesday
    const caseId = await escalatedToWaste();
    await run(caseId, { type: 'case.escalation.acknowledge', escalationId: 'esc-1', note: 'On it' }, dev);
    const due = (await ctx.store.cases.get(caseId))!.deadlines['service_lead_response'];
    expect(due).toBe('2026-03-11T10:00:00.000Z');

    now = new Date('2026-03-11T10:01:00Z');
    await runDue();
    const breach = await db.query<{ payload: { text: string } }>(`SELECT payload FROM outbox WHERE kind = 'chat.notice' AND case_id = $1 AND payload->>'text' LIKE 'Overdue: Service lead%'`, [caseId]);
    expect(breach.rows.map((r) => r.payload.text)).toEqual([expect.stringContaining('Dev Shah acknowledged it, but an acknowledgement is not the substantive response. It stops when the service answers for comms, or its own reply is approved.')]);

    const answered = await run(caseId, { type: 'case.escalation.answer', escalationId: 'esc-1', facts: 'The crew missed Elm Road; they will collect Thursday.', proposedReply: 'Sorry, we will collect on Thursday.' }, dev);
    expect(answered.deadlines['service_lead_response']).toBeUndefined();
    expect(answered.escalations[0]).toMatchObject({ status: 'answered', answeredBy: 'Dev Shah', serviceAnswer: { proposedReply: 'Sorry, we will collect on Thursday.' } });
    const view = (await loadCaseView(ctx, caseId))!;
    expect(view.card.facts).toContainEqual({ label: 'Service answer', value: 'Dev Shah: The crew missed Elm Road; they will collect Thursday. Proposed wording: "Sorry, we will collect on Thursday."' });
  });
});

describe('the acknowledgement window', () => {
  it('hands an unacknowledged escalation to the deputy, then the comms manager, in working time across a weekend', async () => {
    now = new Date('2026-03-13T15:00:00Z'); // Friday 15:00: 2 working hours left this week
    const caseId = await escalatedToWaste();
    for (const at of ['2026-03-13T16:59:00Z', '2026-03-14T12:00:00Z', '2026-03-16T10:59:00Z']) {
      now = new Date(at);
      await runDue();
      expect((await ctx.store.cases.get(caseId))!.escalations[0]!.holder ?? null).toBeNull();
    }
    now = new Date('2026-03-16T11:00:00Z'); // Monday 11:00: Friday's 2 hours and Monday's first 2
    await runDue();
    expect((await ctx.store.cases.get(caseId))!.escalations[0]!.holder).toEqual({ personId: 'hal', name: 'Hal Reed', stage: 'deputy' });
    now = new Date('2026-03-16T14:59:00Z');
    await runDue();
    expect((await ctx.store.cases.get(caseId))!.escalations[0]!.holder?.stage).toBe('deputy');
    now = new Date('2026-03-16T15:00:00Z');
    await runDue();
    expect((await ctx.store.cases.get(caseId))!.escalations[0]!.holder).toEqual({ personId: 'cara', name: 'Cara Lee', stage: 'manager' });

    const hops = (await eventTypes(caseId)).filter((e) => e.type === 'case.escalation.handed_over');
    expect(hops.map((e) => [e.at, e.data])).toEqual([
      ['2026-03-16T11:00:00.000Z', { escalationId: 'esc-1', toPersonId: 'hal', toName: 'Hal Reed', stage: 'deputy', why: 'not_acknowledged' }],
      ['2026-03-16T15:00:00.000Z', { escalationId: 'esc-1', toPersonId: 'cara', toName: 'Cara Lee', stage: 'manager', why: 'not_acknowledged' }],
    ]);
    const stored = (await ctx.store.events.forCase(caseId)).filter((e) => e.event.type === 'case.escalation.handed_over').map((e) => e.id);
    const lines = await db.query<{ key: string }>(`SELECT key FROM outbox WHERE kind = 'chat.thread.line' AND case_id = $1`, [caseId]);
    for (const id of stored) expect(lines.rows.map((r) => r.key)).toContain(`thread:slack:${id}`);
    const told = await db.query<{ payload: { ownerId: string } }>(`SELECT payload FROM outbox WHERE kind = 'chat.notice' AND key LIKE 'notice:slack:escalation-holder:%' AND case_id = $1 ORDER BY id`, [caseId]);
    expect(told.rows.map((r) => r.payload.ownerId)).toEqual(['hal', 'cara']);
  });

  it('stops handing over once someone acknowledges', async () => {
    now = new Date('2026-03-17T09:00:00Z');
    const caseId = await escalatedToWaste();
    await run(caseId, { type: 'case.escalation.acknowledge', escalationId: 'esc-1', note: null }, dev);
    now = new Date('2026-03-18T09:00:00Z');
    await runDue();
    expect((await eventTypes(caseId)).some((e) => e.type === 'case.escalation.handed_over')).toBe(false);
  });

  it('goes to the deputy at once when the lead has marked themselves away', async () => {
    now = new Date('2026-03-18T09:30:00Z');
    expect(await setAway(ctx, dev, ['2026-03-18', '2026-03-20'])).toContain('marked away from 2026-03-18 to 2026-03-20');
    const caseId = await escalatedToWaste();
    await runDue();
    expect((await eventTypes(caseId)).filter((e) => e.type === 'case.escalation.handed_over').map((e) => e.data)).toEqual([
      { escalationId: 'esc-1', toPersonId: 'hal', toName: 'Hal Reed', stage: 'deputy', why: 'away' },
    ]);
    expect(await setAway(ctx, dev, ['off'])).toBe('You are no longer marked away.');
    expect(await setAway(ctx, dev, ['hal', '2026-03-18'])).toContain('Only a comms manager');
  });
});

describe("a service's own reply", () => {
  it('is signed for the service, waits for comms, and is sent exactly once when two approve at the same moment', async () => {
    now = new Date('2026-03-19T10:00:00Z');
    sent = 0;
    const caseId = await escalatedToWaste();
    const draft = await handleCardAction(ctx, { actionId: 'case.escalation.draft', caseId, seenVersion: null, args: { escalationId: 'esc-1' }, values: { text: 'Sorry Jo, the crew will collect on Thursday.', visibility: 'public' }, actor: ivy });
    expect(draft.kind).toBe('done');
    let c = (await ctx.store.cases.get(caseId))!;
    expect(c.replies[0]).toMatchObject({ status: 'awaiting_approval', text: 'Sorry Jo, the crew will collect on Thursday. ^WR', by: 'Ivy Shaw', forEscalation: 'esc-1' });
    expect(c.deadlines['service_lead_response']).toBeDefined();
    await runDue();
    expect(sent).toBe(0);
    // The service cannot sign off its own reply.
    const byLead = await executeCaseCommand(ctx, { caseId, seenVersion: null, command: { type: 'case.reply.approve', replyId: 'rep-1' }, actor: dev });
    expect(byLead.ok).toBe(false);

    const results = await Promise.all([ana, cara].map((actor) => executeCaseCommand(ctx, { caseId, seenVersion: c.version, command: { type: 'case.reply.approve', replyId: 'rep-1' }, actor })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ refusal: { code: expect.stringMatching(/stale|wrong_state/) } });
    await runDue();
    await runDue();
    expect(sent).toBe(1);
    const rows = await db.query(`SELECT 1 FROM outbox WHERE kind = 'network.reply' AND case_id = $1`, [caseId]);
    expect(rows.rows).toHaveLength(1);
    c = (await ctx.store.cases.get(caseId))!;
    expect(c.escalations[0]).toMatchObject({ status: 'answered', answeredBy: 'Ivy Shaw' });
    expect(c.deadlines['service_lead_response']).toBeUndefined();
    expect((await eventTypes(caseId)).filter((e) => e.type === 'case.reply.approved')).toHaveLength(1);
  });

  it('is refused where the reply rules are broken, on the field', async () => {
    now = new Date('2026-03-19T11:00:00Z');
    const caseId = await escalatedToWaste({ network: 'x', externalId: `x-${randomUUID()}`, url: 'https://x.com/a/status/1' });
    const outcome = await handleCardAction(ctx, { actionId: 'case.escalation.draft', caseId, seenVersion: null, args: { escalationId: 'esc-1' }, values: { text: 'x'.repeat(300), visibility: 'public' }, actor: ivy });
    expect(outcome).toMatchObject({ kind: 'invalid', fieldErrors: { text: expect.stringContaining('280') } });
  });
});

describe("leadership's briefing", () => {
  it('carries each part for a high-risk case in a surge, and records the answer on the triage card', async () => {
    now = new Date('2026-03-20T10:30:00Z');
    const at = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
    // Two earlier in the window before, six in this one: a surge, growing.
    const earlier = [50, 45].map((m) => sampleMention({ postedAt: at(m), text: 'Bins not collected again on Elm Road' }));
    const these = [25, 20, 15, 10, 5].map((m) => sampleMention({ postedAt: at(m), text: 'My bin was missed, rubbish everywhere' }));
    await ingestMentions(ctx, [...earlier, ...these].map((m) => mentionSchema.parse(m)));
    const loud = sampleMention({
      network: 'x', externalId: `x-${randomUUID()}`, url: 'https://x.com/reporter/status/9', postedAt: at(1),
      text: 'Bin collections have collapsed across the borough. I am a journalist and want a comment.',
      author: { id: 'x-9', name: 'Riley Reporter', handle: 'riley', followers: 52000, verified: true },
    });
    const caseId = (await ingestMentions(ctx, [mentionSchema.parse(loud)]))[0]!.caseId;
    await run(caseId, { type: 'case.claim' }, ana);
    await run(caseId, { type: 'case.escalate', target: { type: 'leadership' }, reason: 'A journalist with a large following', proposal: { kind: 'holding_line', text: 'We are aware and crews are catching up today.' } }, ana);

    const view = (await loadCaseView(ctx, caseId))!;
    const part = (label: string) => view.briefing?.find((f) => f.label === label)?.value;
    expect(part('What was said')).toContain('Bin collections have collapsed');
    expect(part('Where')).toContain('https://x.com/reporter/status/9');
    expect(part('Author and reach')).toBe('Riley Reporter (@riley), 52,000 followers, verified');
    expect(part('Why the risk is high')).toMatch(/^high: .*A journalist with a large following/);
    expect(part('Related cases')).toMatch(/^MD-\d+/);
    expect(part('Surge')).toMatch(/^\d+ cases about "waste" in the last 30 minutes \(2 in the 30 before\): growing$/);
    expect(part('Comms proposes')).toBe('A holding line: "We are aware and crews are catching up today."');
    expect(part('Decide by')).toMatch(/first response/);

    const statement = await run(caseId, { type: 'case.leadership.answer', escalationId: 'esc-1', answer: 'statement', note: 'The leader will want to see it' }, eve);
    expect(statement.deadlines['leadership_statement']).toBeDefined();
    const task = await db.query<{ payload: { audience: string; text: string } }>(`SELECT payload FROM outbox WHERE key LIKE 'notice:slack:statement:%' AND case_id = $1`, [caseId]);
    expect(task.rows.map((r) => r.payload)).toMatchObject([{ audience: 'channel_and_managers', text: expect.stringMatching(/^Eve Grant \(leadership\) needs a statement on MD-\d+ \(The leader will want to see it\): comms manager, please draft it by \d\d:\d\d\.$/) }]);
    const after = (await loadCaseView(ctx, caseId))!;
    expect(after.card.facts).toContainEqual({ label: 'Leadership', value: 'Needs a statement (Eve Grant): The leader will want to see it' });
    const refused = await executeCaseCommand(ctx, { caseId, seenVersion: null, command: { type: 'case.leadership.answer', escalationId: 'esc-1', answer: 'agree', note: null }, actor: dev });
    expect(refused.ok).toBe(false);
    // The bot alone hands over; a person may not.
    const handover = await executeCaseCommand(ctx, { caseId, seenVersion: null, command: { type: 'case.escalation.handover', escalationId: 'esc-1', toPersonId: 'cara', toName: 'Cara Lee', stage: 'manager', why: 'away' }, actor: cara });
    expect(handover).toMatchObject({ ok: false, refusal: { code: 'not_permitted' } });
  });
});

describe("a surge's holding line", () => {
  it('is agreed once by leadership and offered on every case of the surge, and a second agreement does not replace it', async () => {
    now = new Date('2026-03-24T11:00:00Z');
    const at = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
    const ids = (await ingestMentions(ctx, [25, 20, 15, 10, 5, 2].map((m) => mentionSchema.parse(sampleMention({ postedAt: at(m), text: 'Recycling not collected, the whole street is full of bins' }))))).map((o) => o.caseId);
    const line = 'We know about the missed recycling rounds and crews are out today. Thank you for your patience.';
    const lead = async (caseId: string, text: string) => {
      await run(caseId, { type: 'case.claim' }, ana);
      await run(caseId, { type: 'case.escalate', target: { type: 'leadership' }, reason: 'A surge on recycling', proposal: { kind: 'holding_line', text } }, ana);
      await run(caseId, { type: 'case.leadership.answer', escalationId: 'esc-1', answer: 'agree', note: null }, eve);
      await runDue();
    };
    await lead(ids[0]!, line);
    await lead(ids[1]!, 'A different line agreed later');

    const other = (await loadCaseView(ctx, ids[4]!))!;
    expect(other.card.banners).toContainEqual({ tone: 'info', text: `Holding line for the "waste" surge, agreed by Eve Grant: "${line}" The reply form offers it.` });
    await run(ids[4]!, { type: 'case.claim' }, ana);
    const form = (await loadCaseForm(ctx, { formId: 'reply', caseId: ids[4]!, args: {}, actor: ana }))!.form;
    expect(form.fields.find((f) => f.id === 'text')).toMatchObject({ initial: line });
    const refreshed = await db.query(`SELECT 1 FROM outbox WHERE kind = 'chat.card.refresh' AND key LIKE $1`, [`card:slack:%:holding-line:${ids[0]}`]);
    expect(refreshed.rows.length).toBeGreaterThanOrEqual(6);
    // A case on another topic is not offered it.
    const elsewhere = (await ingestMentions(ctx, [mentionSchema.parse(sampleMention({ postedAt: at(1), text: 'The pothole on Mill Lane is getting worse' }))]))[0]!.caseId;
    expect((await loadCaseView(ctx, elsewhere))!.holdingLine).toBeUndefined();
  });
});
