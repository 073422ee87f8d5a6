// Builders for the pure domain core's tests: the people, a decision context, an opened case,
// and `run`, which pushes commands through decideCaseCommand + evolveCase like the store does.
import { DateTime } from 'luxon';
import { expect } from 'vitest';
import { systemActor, type Actor } from '../../src/domain/actor.js';
import type { Case, RiskLevel } from '../../src/domain/case.js';
import type { CaseCommand, CaseCommandType } from '../../src/domain/commands.js';
import { decideCaseCommand } from '../../src/domain/decide-case-command.js';
import type { Decision, DecisionContext, PermissionTable } from '../../src/domain/decision.js';
import type { CaseEvent } from '../../src/domain/events.js';
import { evolveCase } from '../../src/domain/evolve-case.js';
import { buildCaseOpened, type OpenCaseInput } from '../../src/domain/open-case.js';
import type { Refusal } from '../../src/domain/refusal.js';
import type { Role, Surface } from '../../src/domain/roles.js';

// ---------------------------------------------------------------------------------------------
// People

export function person(personId: string, name: string, roles: readonly Role[], surface: Surface = 'slack'): Actor {
  const initials = name
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .toUpperCase();
  return { personId, name, initials, roles, surface };
}

export const ana = person('ana', 'Ana Patel', ['comms_officer']);
export const ben = person('ben', 'Ben Okafor', ['comms_officer'], 'teams');
export const cara = person('cara', 'Cara Lee', ['comms_manager']);
/** Lead officer of the 'waste' service area. */
export const dev = person('dev', 'Dev Shah', ['service_lead']);
export const eve = person('eve', 'Eve Grant', ['leadership'], 'web');
/** Customer Service Centre (002 §5.2): takes straightforward service enquiries. */
export const sam = person('sam', 'Sam Reid', ['customer_services']);
/** A role with no case commands in the default table. */
export const gil = person('gil', 'Gil Moss', ['safeguarding_lead']);
export const system = systemActor();

export const people = { ana, ben, cara, dev, eve, sam, gil, system } as const;
/** Every actor the tests use, system included. */
export const everyone: readonly Actor[] = Object.values(people);

/** Who leads which service area, as the policy's `services[].leads` would say. */
export const SERVICE_LEADS: Readonly<Record<string, readonly string[]>> = { waste: ['dev'] };

export function isLeadOf(personId: string, serviceTag: string): boolean {
  return SERVICE_LEADS[serviceTag]?.includes(personId) ?? false;
}

/** Who may own a case: those whose roles may claim one (the comms team and customer services). */
export function canWorkCases(personId: string): boolean {
  return ['ana', 'ben', 'cara', 'sam'].includes(personId);
}

// ---------------------------------------------------------------------------------------------
// Permissions: mirrors the `permissions` table of the shipped default policy
// (src/policy/default-policy.yml); permissions.test.ts fails if the two drift apart.

const TEAM: readonly Role[] = ['comms_officer', 'comms_manager'];
const FRONT_DESK: readonly Role[] = ['comms_officer', 'comms_manager', 'customer_services'];
const ANSWERERS: readonly Role[] = ['service_lead', 'service_officer', 'leadership', 'safeguarding_lead', 'comms_manager'];

export const DEFAULT_PERMISSIONS: PermissionTable = {
  'case.claim': FRONT_DESK,
  'case.release': FRONT_DESK,
  'case.reassign': ['comms_manager'],
  'case.classify': FRONT_DESK,
  'case.escalate': FRONT_DESK,
  'case.escalation.acknowledge': ANSWERERS,
  'case.escalation.decline': ANSWERERS,
  'case.safeguarding.dismiss': ['safeguarding_lead'],
  'case.reply.submit': FRONT_DESK,
  'case.reply.approve': ['comms_manager', 'comms_officer'],
  'case.reply.reject': ['comms_manager', 'comms_officer'],
  'case.moderate': TEAM,
  'case.moderation.approve': ['comms_manager', 'leadership'],
  'case.moderation.reject': ['comms_manager', 'leadership'],
  'case.wait': FRONT_DESK,
  'case.resume': FRONT_DESK,
  'case.close': FRONT_DESK,
  'case.reopen': TEAM,
  'case.escalation.answer': ['service_lead', 'service_officer', 'comms_manager'],
  'case.escalation.draft': ['service_lead', 'service_officer'],
  'case.escalation.pass': ['service_lead', 'service_officer', 'comms_manager'],
  'case.leadership.answer': ['leadership'],
  'case.police.refer': ['comms_manager', 'safeguarding_lead', 'leadership'],
};

/** Commands only the bot sends (what a network or chat platform reported). */
export const SYSTEM_ONLY_COMMANDS: readonly CaseCommandType[] = [
  'case.reply.sent',
  'case.reply.failed',
  'case.moderation.done',
  'case.moderation.failed',
  'case.note',
  'case.escalation.handover',
  'case.reputation.flag',
];

// ---------------------------------------------------------------------------------------------
// Time

/** Thursday 12 June 2025, 10:42 in London (BST, so 09:42 UTC). */
export const NOW = new Date('2025-06-12T09:42:00.000Z');
/** When the mention arrived: ten minutes before NOW. */
export const RECEIVED_AT = new Date('2025-06-12T09:32:00.000Z');

export function minutesAfter(base: Date, minutes: number): Date {
  return new Date(base.getTime() + minutes * 60_000);
}

/** Renders an instant as HH:mm on the council's clock (Europe/London, GMT or BST). */
export function formatTime(iso: string): string {
  return DateTime.fromISO(iso, { setZone: false }).setZone('Europe/London').toFormat('HH:mm');
}

// ---------------------------------------------------------------------------------------------
// Context, case, decisions

export function context(actor: Actor, overrides: Partial<DecisionContext> = {}): DecisionContext {
  return { actor, now: NOW, permissions: DEFAULT_PERMISSIONS, isLeadOf, canWorkCases, formatTime, ...overrides };
}

export const CASE_ID = 'case-0001';

export function openedCase(overrides: Partial<OpenCaseInput> = {}): Case {
  return evolveCase(null, openedEvent(overrides));
}

export function openedEvent(overrides: Partial<OpenCaseInput> = {}): CaseEvent<'case.opened'> {
  const input: OpenCaseInput = {
    caseId: CASE_ID,
    mentionId: 'mention-0001',
    network: 'x',
    authorKey: 'x:1234567',
    receivedAt: RECEIVED_AT,
    postedOutOfHours: false,
    risk: 'low' satisfies RiskLevel,
    deadlines: { firstResponse: '2025-06-13T09:32:00.000Z' },
    ...overrides,
  };
  return buildCaseOpened(input, system);
}

/** One step for `run`: a command, who sends it, and optionally a different context (another `now`). */
export type Step = readonly [CaseCommand, Actor] | readonly [CaseCommand, Actor, Partial<DecisionContext>];

export function decide(c: Case, command: CaseCommand, actor: Actor, overrides: Partial<DecisionContext> = {}): Decision {
  return decideCaseCommand(c, command, context(actor, overrides));
}

/** Applies the steps in order; throws, naming the step and the rule, if any is refused. */
export function run(c: Case, ...steps: Step[]): Case {
  return runWithEvents(c, ...steps).case;
}

export function runWithEvents(c: Case, ...steps: Step[]): { case: Case; events: CaseEvent[] } {
  const events: CaseEvent[] = [];
  let current = c;
  steps.forEach(([command, actor, overrides], i) => {
    const decision = decide(current, command, actor, overrides);
    if (!decision.ok) {
      const { code, rule, message } = decision.refusal;
      throw new Error(`step ${i + 1} (${command.type} by ${actor.name}) was refused: ${code} ${rule}: ${message}`);
    }
    for (const event of decision.events) {
      current = evolveCase(current, event);
      events.push(event);
    }
  });
  return { case: current, events };
}

/** Asserts the decision was accepted and returns its events. */
export function acceptedEvents(decision: Decision): readonly CaseEvent[] {
  if (!decision.ok) {
    const { code, rule, message } = decision.refusal;
    throw new Error(`expected the command to be accepted, but it was refused: ${code} ${rule}: ${message}`);
  }
  return decision.events;
}

/** Asserts the decision is a refusal that carries no events, and returns the refusal. */
export function refusalOf(decision: Decision): Refusal {
  if (decision.ok) {
    throw new Error(`expected a refusal, but the command was accepted with ${decision.events.map((e) => e.type).join(', ')}`);
  }
  expect(decision).not.toHaveProperty('events');
  return decision.refusal;
}

/** Decides, then asserts the refusal's code, rule and (part of) its message. */
export function expectRefused(
  c: Case,
  command: CaseCommand,
  actor: Actor,
  expected: { code: Refusal['code']; rule: string; message: string | RegExp },
  overrides: Partial<DecisionContext> = {},
): Refusal {
  const refusal = refusalOf(decide(c, command, actor, overrides));
  expect(refusal.code).toBe(expected.code);
  expect(refusal.rule).toBe(expected.rule);
  if (typeof expected.message === 'string') expect(refusal.message).toContain(expected.message);
  else expect(refusal.message).toMatch(expected.message);
  return refusal;
}

/** Decides and applies one command, asserting it produced exactly one event of `type`. */
export function applyOne(c: Case, command: CaseCommand, actor: Actor, overrides: Partial<DecisionContext> = {}) {
  const events = acceptedEvents(decide(c, command, actor, overrides));
  expect(events).toHaveLength(1);
  const event = events[0]!;
  expect(event.caseId).toBe(c.id);
  expect(event.caseVersion).toBe(c.version + 1);
  const after = evolveCase(c, event);
  expect(after.version).toBe(c.version + 1);
  return { event, case: after };
}

// ---------------------------------------------------------------------------------------------
// Common commands and cases

export const cmd = {
  claim: { type: 'case.claim' },
  release: { type: 'case.release' },
  reassign: (to: Actor): CaseCommand => ({ type: 'case.reassign', toPersonId: to.personId, toName: to.name }),
  classify: (serviceTag = 'waste', kind = 'service_request', note?: string | null): CaseCommand => ({ type: 'case.classify', serviceTag, kind, note }),
  escalateToLead: (serviceTag = 'waste', reason = 'Missed bin collection three weeks running'): CaseCommand => ({
    type: 'case.escalate',
    target: { type: 'service_lead', serviceTag },
    reason,
  }),
  escalateToLeadership: (reason = 'Influential account, story picked up by local press'): CaseCommand => ({
    type: 'case.escalate',
    target: { type: 'leadership' },
    reason,
  }),
  acknowledge: (escalationId = 'esc-1', note?: string | null): CaseCommand => ({ type: 'case.escalation.acknowledge', escalationId, note }),
  decline: (escalationId = 'esc-1', reason = 'Not a waste matter: this is Highways'): CaseCommand => ({ type: 'case.escalation.decline', escalationId, reason }),
  reply: (text = 'Sorry to hear that. Please report it at https://example.gov.uk/bins ^AP', needsApproval?: boolean): CaseCommand => ({
    type: 'case.reply.submit',
    text,
    visibility: 'public',
    needsApproval,
  }),
  approveReply: (replyId = 'rep-1'): CaseCommand => ({ type: 'case.reply.approve', replyId }),
  replySent: (replyId = 'rep-1', networkReplyId = 'x-reply-99'): CaseCommand => ({ type: 'case.reply.sent', replyId, networkReplyId }),
  replyFailed: (replyId = 'rep-1', error = 'rate limited'): CaseCommand => ({ type: 'case.reply.failed', replyId, error }),
  moderate: (action: Extract<CaseCommand, { type: 'case.moderate' }>['action'] = 'hide', needsApproval = false, ruleId = 'house:abuse', note?: string | null): CaseCommand => ({
    type: 'case.moderate',
    action,
    ruleId,
    needsApproval,
    note,
  }),
  approveModeration: (moderationId = 'mod-1'): CaseCommand => ({ type: 'case.moderation.approve', moderationId }),
  rejectModeration: (moderationId = 'mod-1', reason = 'A hide is enough for now'): CaseCommand => ({ type: 'case.moderation.reject', moderationId, reason }),
  moderationDone: (moderationId = 'mod-1'): CaseCommand => ({ type: 'case.moderation.done', moderationId }),
  moderationFailed: (moderationId = 'mod-1', error = 'token expired'): CaseCommand => ({ type: 'case.moderation.failed', moderationId, error }),
  wait: (reason = 'Asked for their address by private message'): CaseCommand => ({ type: 'case.wait', reason }),
  resume: { type: 'case.resume' },
  close: (outcome: Extract<CaseCommand, { type: 'case.close' }>['outcome'] = 'monitored', note?: string | null): CaseCommand => ({ type: 'case.close', outcome, note }),
  reopen: (reason?: string | null): CaseCommand => ({ type: 'case.reopen', reason }),
} as const satisfies Record<string, CaseCommand | ((...args: never[]) => CaseCommand)>;

/** A case Ana has claimed at NOW (10:42 London). */
export function claimedByAna(): Case {
  return run(openedCase(), [cmd.claim, ana]);
}

/** A case Ana claimed, then closed as monitored. */
export function closedCase(): Case {
  return run(claimedByAna(), [cmd.close('monitored'), ana]);
}
