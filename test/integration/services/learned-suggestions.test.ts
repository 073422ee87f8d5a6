// Suggestions that learn (issue 16), on the real store: officers' recorded classifications train the desk's suggestions.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import type { Actor } from '../../../src/domain/actor.js';
import { mentionSchema } from '../../../src/domain/mention.js';
import { createWorkingCalendar } from '../../../src/policy/working-calendar.js';
import type { DeskContext } from '../../../src/services/desk-context.js';
import { executeCaseCommand } from '../../../src/services/execute-case-command.js';
import { ingestMentions } from '../../../src/services/ingest-mentions.js';
import { createLearnedSuggestions } from '../../../src/services/learned-suggestions.js';
import { loadCaseForm } from '../../../src/services/load-case-form.js';
import { loadCaseView } from '../../../src/services/load-case-view.js';
import { createPgStore } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { sampleMention } from '../../helpers/test-desk.js';

let db: Db;
let ctx: DeskContext;
const clock = { now: () => new Date('2026-06-01T09:00:00Z') };
const learned = () => createLearnedSuggestions(ctx);
const officer: Actor = { personId: 'ana', name: 'Ana Patel', initials: 'AP', roles: ['comms_officer'], surface: 'slack' };
const lead: Actor = { personId: 'sam', name: 'Sam Ward', initials: 'SW', roles: ['safeguarding_lead'], surface: 'slack' };

// "Gulley" is no keyword of the default policy: this council's officers teach it.
const DECISIONS: ReadonlyArray<readonly [string, string]> = [
  ['The gulley outside ours is blocked solid again', 'highways'], ['gulley by the school overflowing onto the path', 'highways'],
  ['Another blocked gulley on Mill Lane', 'highways'], ['gulley cover missing on Station Road', 'highways'],
  ['who clears the gulley by the shops', 'highways'], ['gulley smells and is full of leaves', 'highways'],
  ['Bins not emptied on our street', 'waste'], ['recycling left behind again', 'waste'], ['garden waste missed this week', 'waste'],
  ['brown bin not collected', 'waste'], ['food caddy left full', 'waste'], ['bin men skipped our road', 'waste'],
];

async function classified(text: string, serviceTag: string): Promise<void> {
  const [outcome] = await ingestMentions(ctx, [mentionSchema.parse(sampleMention({ text, externalId: randomUUID() }))]);
  const result = await executeCaseCommand(ctx, { caseId: outcome!.caseId, seenVersion: null, command: { type: 'case.classify', serviceTag, kind: 'complaint' }, actor: officer });
  if (!result.ok) throw new Error(result.refusal.message);
}

async function run(caseId: string, command: Parameters<typeof executeCaseCommand>[1]['command'], actor: Actor): Promise<void> {
  const result = await executeCaseCommand(ctx, { caseId, seenVersion: null, command, actor });
  if (!result.ok) throw new Error(result.refusal.message);
}

async function ingest(text: string): Promise<string> {
  const [outcome] = await ingestMentions(ctx, [mentionSchema.parse(sampleMention({ text, externalId: randomUUID() }))]);
  return outcome!.caseId;
}

/** An officer rules the post abuse of staff: claims it and asks to hide it under that rule. */
async function ruledAbuse(text: string): Promise<void> {
  const caseId = await ingest(text);
  await run(caseId, { type: 'case.claim' }, officer);
  await run(caseId, { type: 'case.moderate', action: 'hide', ruleId: 'abuse_of_staff', needsApproval: false, note: null }, officer);
}

/** The safeguarding lead answers the referral intake made: acknowledged, or "Not a safeguarding concern". */
async function leadRules(text: string, concern: boolean): Promise<void> {
  const caseId = await ingest(text);
  const c = await ctx.store.cases.get(caseId);
  const referral = c!.escalations.find((e) => e.target.type === 'safeguarding');
  if (!referral) throw new Error(`"${text}" was not referred`);
  await run(caseId, concern
    ? { type: 'case.escalation.acknowledge', escalationId: referral.id, note: 'On it' }
    : { type: 'case.safeguarding.dismiss', escalationId: referral.id, reason: 'A figure of speech' }, lead);
}

beforeAll(async () => {
  db = await openTestDatabase();
  const policy = await loadPolicy(null);
  ctx = { store: createPgStore(db, { clock }), clock, policy, calendar: createWorkingCalendar(policy.calendar), surfaces: ['slack'], newId: randomUUID };
});
afterAll(async () => { await db.close(); });

describe('learned suggestions', () => {
  it('learns nothing from an empty record, and the rules carry on alone', async () => {
    const l = learned();
    expect(await l.retrain()).toEqual({ decisions: 0, rulings: 0, safeguardingRulings: 0 });
    expect(l.current()).toEqual({ kind: null, service: null, houseRule: null, safeguarding: null });
  });

  it('retrains from every recorded classification, and the card and classify form show the learned suggestion with its reason', async () => {
    for (const [text, tag] of DECISIONS) await classified(text, tag);
    const l = learned();
    // Each classified case with no moderation is also a ruling of "no breach".
    expect(await l.retrain()).toEqual({ decisions: DECISIONS.length, rulings: DECISIONS.length, safeguardingRulings: 0 });
    ctx = { ...ctx, learned: l };
    const [outcome] = await ingestMentions(ctx, [mentionSchema.parse(sampleMention({ text: 'gulley outside number 4 still not sorted', externalId: randomUUID() }))]);
    const view = await loadCaseView(ctx, outcome!.caseId);
    const facts = Object.fromEntries(view!.card.facts.map((f) => [f.label, f.value]));
    expect(facts['Suggested']).toMatch(/^Roads and Highways, .+ \(\d+% sure\)$/);
    expect(facts['Why']).toMatch(/service Roads and Highways: learned from 12 decisions \(\d+%\), matched "gulley"/);
    const form = await loadCaseForm(ctx, { formId: 'classify', caseId: outcome!.caseId, args: {}, actor: officer });
    expect(form!.form.fields.find((f) => f.id === 'serviceTag')).toMatchObject({ initial: 'highways' });
    expect(form!.form.fields.find((f) => f.id === 'kind')?.hint).toMatch(/^Suggested: Roads and Highways, .+ Why: service Roads and Highways: learned from 12 decisions/);
  });

  it('learns a breach the lexicons miss from officers\' breach rulings, and says on the card that it was learned', async () => {
    // "Gonk" is in no house-rule lexicon: this council's officers rule it abuse of staff.
    for (const t of ['the woman on the phones is a right gonk', 'that planning officer is a gonk', 'gonk on reception again today',
      'your bin crew boss is a gonk', 'what a gonk that councillor is', 'the parking warden is a proper gonk', 'absolute gonk behind the desk',
      'another gonk answering emails']) await ruledAbuse(t);
    const l = learned();
    const trained = await l.retrain();
    expect(trained.rulings).toBe(DECISIONS.length + 8);
    ctx = { ...ctx, learned: l };
    const caseId = await ingest('the man at the housing desk is a total gonk');
    const view = await loadCaseView(ctx, caseId);
    const banner = view!.card.banners.find((b) => b.text.startsWith('Possible breach'));
    expect(banner?.text).toMatch(/Abuse.*matched "gonk"/i);
    // An ordinary question stays clear: a wrong flag costs someone's time.
    const plain = await loadCaseView(ctx, await ingest('What time does the tip open on Sunday?'));
    expect(plain!.card.banners.some((b) => b.text.startsWith('Possible breach'))).toBe(false);
  });

  it('learns from the safeguarding lead\'s dismissals, says so on the referral, and refers all the same', async () => {
    for (const t of ['I will kill myself laughing at the new bin rota', 'the queue at the tip, I could kill myself laughing',
      'kill myself laughing at that parking sign', 'that council video, I could kill myself laughing',
      'kill myself laughing at the new roundabout', 'the new logo, I could kill myself laughing']) await leadRules(t, false);
    for (const t of ['I want to kill myself since they took the flat', 'nobody cares, I am going to kill myself tonight',
      'I keep thinking I should kill myself, the debt is too much', 'I want to end it all, the bailiffs came again']) await leadRules(t, true);
    const l = learned();
    expect((await l.retrain()).safeguardingRulings).toBe(10);
    ctx = { ...ctx, learned: l };
    const caseId = await ingest('honestly I could kill myself laughing at this new bin rota');
    const referral = (await ctx.store.cases.get(caseId))!.escalations.find((e) => e.target.type === 'safeguarding');
    expect(referral?.status).toBe('pending');
    expect(referral?.reason).toMatch(/ruled not a safeguarding concern before \(learned from 10 rulings.*referred all the same/);
    const real = (await ctx.store.cases.get(await ingest('I want to kill myself, they have taken the flat')))!.escalations.find((e) => e.target.type === 'safeguarding');
    expect(real?.reason).not.toMatch(/ruled not a safeguarding concern before/);
  });

  it('reads only the newest cases someone decided on, with their text, oldest first, never every case', async () => {
    // Opened after everything above, a minute apart, so they are the newest.
    const at = (minute: number) => ({ ...ctx, clock: { now: () => new Date(Date.UTC(2026, 6, 1, 9, minute)) } });
    const [undecided] = await ingestMentions(at(1), [mentionSchema.parse(sampleMention({ text: 'undecided and never read', externalId: randomUUID() }))]);
    const decided: string[] = [];
    for (const [minute, text] of [[2, 'first decided'], [3, 'second decided'], [4, 'third decided']] as const) {
      const [o] = await ingestMentions(at(minute), [mentionSchema.parse(sampleMention({ text, externalId: randomUUID() }))]);
      await run(o!.caseId, { type: 'case.classify', serviceTag: 'waste', kind: 'complaint' }, officer);
      decided.push(o!.caseId);
    }
    const read = await ctx.store.reports.recentDecidedCases(2);
    expect(read.map((r) => [r.case.id, r.text])).toEqual([[decided[1], 'second decided'], [decided[2], 'third decided']]);
    expect((await ctx.store.reports.recentDecidedCases(1000)).map((r) => r.case.id)).not.toContain(undecided!.caseId);
  });
});
