// The event log is the history: folding a case's events must give the case the store holds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import { CLOSE_OUTCOMES, MODERATION_ACTIONS, type Case } from '../../../src/domain/case.js';
import type { CaseCommand } from '../../../src/domain/commands.js';
import { decideCaseCommand } from '../../../src/domain/decide-case-command.js';
import type { CaseEvent } from '../../../src/domain/events.js';
import { evolveCase, replayCase } from '../../../src/domain/evolve-case.js';
import {
  CASE_ID,
  DEFAULT_PERMISSIONS,
  NOW,
  SYSTEM_ONLY_COMMANDS,
  ana,
  ben,
  cara,
  cmd,
  context,
  dev,
  eve,
  gil,
  isLeadOf,
  minutesAfter,
  openedCase,
  openedEvent,
  runWithEvents,
  sam,
  system,
} from '../../helpers/domain-builders.js';

// ---------------------------------------------------------------------------------------------
// Generators: every command, with ids a history can reach and some it can't, by fitting actors or anyone.

const text = fc.constantFrom('', '   ', 'Thanks for telling us ^AP', 'Please DM us your address');
const escalationId = fc.constantFrom('esc-1', 'esc-1', 'esc-2', 'esc-3');
const replyId = fc.constantFrom('rep-1', 'rep-1', 'rep-2', 'rep-3');
const moderationId = fc.constantFrom('mod-1', 'mod-1', 'mod-2', 'mod-3');
const person = fc.constantFrom(ana, ben, cara, dev, sam);
const optionalNote = fc.option(fc.constantFrom('a note', ''), { nil: undefined });

const command: fc.Arbitrary<CaseCommand> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<CaseCommand>({ type: 'case.claim' }) },
  fc.constant<CaseCommand>({ type: 'case.release' }),
  person.map((to): CaseCommand => ({ type: 'case.reassign', toPersonId: to.personId, toName: to.name })),
  fc.record({ serviceTag: fc.constantFrom('waste', 'parking'), kind: fc.constantFrom('complaint', 'question'), note: optionalNote }).map(
    (x): CaseCommand => ({ type: 'case.classify', ...x }),
  ),
  fc.record({
    target: fc.constantFrom({ type: 'service_lead', serviceTag: 'waste' } as const, { type: 'service_lead', serviceTag: 'parking' } as const, { type: 'leadership' } as const),
    reason: text,
  }).map((x): CaseCommand => ({ type: 'case.escalate', ...x })),
  fc.record({ escalationId, note: optionalNote }).map((x): CaseCommand => ({ type: 'case.escalation.acknowledge', ...x })),
  fc.record({ escalationId, reason: text }).map((x): CaseCommand => ({ type: 'case.escalation.decline', ...x })),
  { weight: 2, arbitrary: fc.record({ text, visibility: fc.constantFrom('public', 'private' as const), needsApproval: fc.option(fc.boolean(), { nil: undefined }) }).map((x): CaseCommand => ({ type: 'case.reply.submit', ...x })) },
  replyId.map((id): CaseCommand => ({ type: 'case.reply.approve', replyId: id })),
  replyId.map((id): CaseCommand => ({ type: 'case.reply.sent', replyId: id, networkReplyId: `net-${id}` })),
  replyId.map((id): CaseCommand => ({ type: 'case.reply.failed', replyId: id, error: 'timeout' })),
  { weight: 2, arbitrary: fc.record({ action: fc.constantFrom(...MODERATION_ACTIONS), ruleId: fc.constantFrom('', 'house:abuse', 'house:spam'), needsApproval: fc.boolean(), note: optionalNote }).map((x): CaseCommand => ({ type: 'case.moderate', ...x })) },
  moderationId.map((id): CaseCommand => ({ type: 'case.moderation.approve', moderationId: id })),
  fc.record({ moderationId, reason: text }).map((x): CaseCommand => ({ type: 'case.moderation.reject', ...x })),
  moderationId.map((id): CaseCommand => ({ type: 'case.moderation.done', moderationId: id })),
  moderationId.map((id): CaseCommand => ({ type: 'case.moderation.failed', moderationId: id, error: 'forbidden' })),
  text.map((reason): CaseCommand => ({ type: 'case.wait', reason })),
  fc.constant<CaseCommand>({ type: 'case.resume' }),
  { weight: 1, arbitrary: fc.record({ outcome: fc.constantFrom(...CLOSE_OUTCOMES), note: optionalNote }).map((x): CaseCommand => ({ type: 'case.close', ...x })) },
  fc.option(text, { nil: undefined }).map((reason): CaseCommand => ({ type: 'case.reopen', reason })),
);

const PEOPLE: readonly Actor[] = [ana, ben, cara, dev, eve, sam, gil];
const EVERYONE: readonly Actor[] = [...PEOPLE, system];

/**
 * A step: the command, a pick among actors, whether to pick someone who may send it (so that
 * histories get deep: replies sent, blocks approved, escalations answered), and the minutes
 * since the previous step. Unfit picks are anyone at all, the bot included.
 */
const step = fc.record({
  command,
  pick: fc.nat({ max: 1000 }),
  fit: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  minutes: fc.integer({ min: 0, max: 600 }),
});
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

const actor: fc.Arbitrary<Actor> = fc.constantFrom(...EVERYONE);

function chooseActor(c: Case, { command, pick, fit }: Step): Actor {
  if (!fit) return EVERYONE[pick % EVERYONE.length]!;
  if (SYSTEM_ONLY_COMMANDS.includes(command.type)) return system;
  const allowed = PEOPLE.filter((p) => p.roles.some((r) => DEFAULT_PERMISSIONS[command.type]?.includes(r)));
  // Favour whoever the rules favour: the case's holder, or the escalation's target.
  const favoured = allowed.filter((p) => p.personId === c.owner?.personId);
  if (command.type === 'case.escalation.acknowledge' || command.type === 'case.escalation.decline') {
    const target = c.escalations.find((e) => e.id === command.escalationId)?.target;
    if (target) favoured.push(...allowed.filter((p) => (target.type === 'service_lead' ? isLeadOf(p.personId, target.serviceTag) : p.roles.includes(target.type === 'leadership' ? 'leadership' : 'safeguarding_lead'))));
  }
  const pool = [...favoured, ...favoured, ...allowed];
  return pool[pick % pool.length] ?? system;
}

/** When the step is fit, points a command that names an escalation, reply or moderation at one the case has. */
function retarget(c: Case, command: CaseCommand, pick: number): CaseCommand {
  const choose = <T extends { id: string; status: string }>(items: readonly T[], useful: string): string | undefined => {
    const pool = items.filter((x) => x.status === useful);
    const from = pool.length ? pool : items;
    return from[pick % Math.max(from.length, 1)]?.id;
  };
  switch (command.type) {
    case 'case.escalation.acknowledge':
    case 'case.escalation.decline': {
      const id = choose(c.escalations, 'pending');
      return id ? { ...command, escalationId: id } : command;
    }
    case 'case.reply.approve': {
      const id = choose(c.replies, 'awaiting_approval');
      return id ? { ...command, replyId: id } : command;
    }
    case 'case.reply.sent':
    case 'case.reply.failed': {
      const id = choose(c.replies, 'sending');
      return id ? { ...command, replyId: id } : command;
    }
    case 'case.moderation.approve':
    case 'case.moderation.reject': {
      const id = choose(c.moderation, 'awaiting_approval');
      return id ? { ...command, moderationId: id } : command;
    }
    case 'case.moderation.done':
    case 'case.moderation.failed': {
      const id = choose(c.moderation, 'approved');
      return id ? { ...command, moderationId: id } : command;
    }
    default:
      return command;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

interface Played {
  readonly opened: CaseEvent<'case.opened'>;
  readonly final: Case;
  readonly log: readonly CaseEvent[];
  readonly accepted: number;
}

/** Plays the steps through decide → evolve as the store does, checking each step on the way. */
function play(steps: readonly Step[]): Played {
  const opened = openedEvent();
  let c = deepFreeze(evolveCase(null, opened));
  let now = NOW;
  let accepted = 0;
  const log: CaseEvent[] = [opened];
  for (const s of steps) {
    const cmd = s.fit ? retarget(c, s.command, s.pick) : s.command;
    const who = chooseActor(c, { ...s, command: cmd });
    now = minutesAfter(now, s.minutes);
    const decision = decideCaseCommand(c, cmd, context(who, { now }));
    if (!decision.ok) {
      expect(decision).not.toHaveProperty('events');
      expect(decision.refusal.rule).toBeTruthy();
      expect(decision.refusal.message).toBeTruthy();
      continue;
    }
    expect(decision.events.length).toBeGreaterThan(0);
    const before = c;
    for (const e of decision.events) {
      expect(e.caseId).toBe(CASE_ID);
      expect(e.caseVersion).toBe(before.version + 1);
      expect(e.at).toBe(now.toISOString());
      expect(e.actor.personId).toBe(who.personId);
      c = deepFreeze(evolveCase(c, e));
      log.push(e);
    }
    expect(c.version).toBe(before.version + 1);
    accepted += 1;
    checkInvariants(c);
  }
  return { opened, final: c, log, accepted };
}

function checkInvariants(c: Case): void {
  if (c.state === 'new') expect(c.owner).toBeNull();
  if (c.state === 'claimed' || c.state === 'waiting') expect(c.owner).not.toBeNull();
  expect(c.outcome !== null).toBe(c.state === 'closed');
  expect(c.closedAt !== null).toBe(c.state === 'closed');
  for (const list of [c.escalations, c.replies, c.moderation]) {
    expect(new Set(list.map((x) => x.id)).size).toBe(list.length);
  }
  for (const action of MODERATION_ACTIONS) {
    const underWay = c.moderation.filter((m) => m.action === action && (m.status === 'awaiting_approval' || m.status === 'approved'));
    expect(underWay.length).toBeLessThanOrEqual(1);
  }
  const pendingTargets = c.escalations.filter((e) => e.status === 'pending').map((e) => JSON.stringify(e.target));
  expect(new Set(pendingTargets).size).toBe(pendingTargets.length);
}

describe('replaying a case from its events', () => {
  it('folds random histories to the same case as applying them step by step, one version per accepted command', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60, size: 'max' }), (steps) => {
        const { final, log, accepted } = play(steps);
        expect(replayCase(log)).toEqual(final);
        expect(final.version).toBe(1 + accepted);
        expect(log.map((e) => e.caseVersion)).toEqual(log.map((_, i) => i + 1));
      }),
      { numRuns: 400 },
    );
  });

  it('reaches deep histories: every command type is accepted somewhere in the generated runs', () => {
    const acceptedTypes = new Set<string>();
    for (const steps of fc.sample(fc.array(step, { maxLength: 60, size: 'max' }), { numRuns: 300, seed: 42 })) {
      for (const e of play(steps).log) acceptedTypes.add(e.type);
    }
    const everyEvent = [
      'case.opened', 'case.claimed', 'case.released', 'case.reassigned', 'case.classified', 'case.escalated',
      'case.escalation.acknowledged', 'case.escalation.declined', 'case.reply.requested', 'case.reply.approved',
      'case.reply.sent', 'case.reply.failed', 'case.moderation.requested', 'case.moderation.approved',
      'case.moderation.rejected', 'case.moderation.done', 'case.moderation.failed', 'case.waiting', 'case.resumed',
      'case.closed', 'case.reopened',
    ];
    expect([...acceptedTypes].sort()).toEqual(everyEvent.sort());
  });

  it('replays any prefix of the log to the case as it was at that version', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30, size: 'max' }), (steps) => {
        const { log } = play(steps);
        let stepwise: Case | null = null;
        log.forEach((e, i) => {
          stepwise = evolveCase(stepwise, e);
          const replayed = replayCase(log.slice(0, i + 1));
          expect(replayed).toEqual(stepwise);
          expect(replayed?.version).toBe(i + 1);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('decides the same way twice: deciding is pure', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40, size: 'max' }), command, actor, (steps, next, who) => {
        const { final } = play(steps);
        const ctx = context(who);
        expect(decideCaseCommand(final, next, ctx)).toEqual(decideCaseCommand(final, next, ctx));
      }),
      { numRuns: 200 },
    );
  });

  it('replays a full, realistic history to the case built step by step', () => {
    const { case: built, events } = runWithEvents(
      openedCase(),
      [cmd.claim, ana],
      [cmd.classify('waste', 'complaint', 'Bins missed again'), ana],
      [cmd.escalateToLead('waste'), ana],
      [cmd.acknowledge('esc-1', 'On it'), dev],
      [cmd.moderate('hide', false, 'house:abuse'), ana],
      [cmd.moderationDone(), system],
      [cmd.reply('Sorry about this, a crew is on its way ^AP', true), ana],
      [cmd.approveReply(), cara],
      [cmd.replySent('rep-1', 'x-55'), system],
      [cmd.wait('Asked for the address'), ana],
      [cmd.resume, ana],
      [cmd.reassign(ben), cara],
      [cmd.close('replied', 'Collected'), ben],
      [cmd.reopen('Bins missed again'), ana],
    );
    expect(replayCase([openedEvent(), ...events])).toEqual(built);
    expect(built.version).toBe(15);
  });

  it('has no case before any event', () => {
    expect(replayCase([])).toBeNull();
  });

  it('refuses to apply an event to a case that was never opened', () => {
    const [claimed] = runWithEvents(openedCase(), [cmd.claim, ana]).events;
    expect(() => evolveCase(null, claimed!)).toThrow(/case\.claimed before case\.opened for case-0001/);
  });

  it('sets and clears a deadline from case.deadline.set events', () => {
    const opened = openedEvent({ deadlines: {} });
    const set: CaseEvent<'case.deadline.set'> = {
      type: 'case.deadline.set',
      caseId: CASE_ID,
      caseVersion: 2,
      at: NOW.toISOString(),
      actor: { personId: 'system', name: 'Mention Desk', surface: 'system' },
      rule: 'clock:first-response',
      data: { name: 'firstResponse', due: '2025-06-13T09:42:00.000Z' },
    };
    const cleared: CaseEvent<'case.deadline.set'> = { ...set, caseVersion: 3, data: { name: 'firstResponse', due: null } };
    const withDeadline = replayCase([opened, set]);
    expect(withDeadline?.deadlines).toEqual({ firstResponse: '2025-06-13T09:42:00.000Z' });
    expect(withDeadline?.version).toBe(2);
    expect(replayCase([opened, set, cleared])?.deadlines).toEqual({});
  });
});
