// The events a case's history is made of. Every change to a case is exactly one of these.
import type { CloseOutcome, EscalationTarget, LeadershipAnswer, ModerationActionKind, PoliceDecision, Proposal, ReplyVisibility, RiskLevel } from './case.js';
import type { SignpostUse } from './commands.js';
import type { Surface } from './roles.js';

export interface EventDataMap {
  'case.opened': {
    mentionId: string;
    network: string;
    authorKey: string;
    /** Absent on cases opened before posting times were kept: they counted from arrival. */
    postedAt?: string;
    postedAtAdjusted?: 'in_the_future' | 'too_old' | null;
    postedOutOfHours: boolean;
    risk: RiskLevel;
    /** The post's mood as read on arrival (policy/sentiment.ts), for the dashboard; absent on cases opened before it was kept. */
    sentiment?: 'negative' | 'neutral' | 'positive';
    deadlines: Record<string, string>;
  };
  'case.claimed': Record<string, never>;
  'case.released': Record<string, never>;
  'case.reassigned': { toPersonId: string; toName: string };
  'case.classified': { serviceTag: string; kind: string; note: string | null };
  'case.escalated': { escalationId: string; target: EscalationTarget; reason: string; proposal?: Proposal | null };
  'case.escalation.acknowledged': { escalationId: string; note: string | null };
  'case.escalation.declined': { escalationId: string; reason: string };
  'case.safeguarding.dismissed': { escalationId: string; reason: string };
  /** formKey: the reply form it came from (absent without a form, and on events recorded before forms had keys). */
  'case.reply.requested': { replyId: string; text: string; visibility: ReplyVisibility; awaitingApproval: boolean; formKey?: string; forEscalation?: string; managerOnly?: boolean; signpost?: SignpostUse };
  'case.reply.approved': { replyId: string };
  'case.reply.rejected': { replyId: string; reason: string };
  'case.reply.sent': { replyId: string; networkReplyId: string };
  'case.reply.failed': { replyId: string; error: string };
  'case.moderation.requested': {
    moderationId: string;
    action: ModerationActionKind;
    ruleId: string;
    awaitingApproval: boolean;
    note: string | null;
  };
  'case.moderation.approved': { moderationId: string };
  'case.moderation.rejected': { moderationId: string; reason: string };
  'case.moderation.done': { moderationId: string };
  'case.moderation.failed': { moderationId: string; error: string };
  'case.waiting': { reason: string };
  'case.resumed': Record<string, never>;
  'case.closed': { outcome: CloseOutcome; note: string | null };
  'case.reopened': { reason: string | null };
  'case.deadline.set': { name: string; due: string | null };
  'case.noted': { text: string };
  /** The substantive answer: the service's facts and wording, or (replyId) its own reply, approved by comms. */
  'case.escalation.answered': { escalationId: string; facts: string | null; proposedReply: string | null; replyId?: string };
  'case.escalation.passed': { escalationId: string; toPersonId: string; toName: string };
  'case.escalation.handed_over': { escalationId: string; toPersonId: string; toName: string; stage: 'deputy' | 'manager'; why: 'not_acknowledged' | 'away' };
  'case.leadership.answered': { escalationId: string; answer: LeadershipAnswer; note: string | null };
  'case.police.decided': { decision: PoliceDecision; reason: string; reference: string | null };
  'case.reputation.flagged': { reasons: string[] };
  /** Personal data removed from the case (a request or the retention schedule), or held back with the reason. */
  'case.personal-data.erased': PersonalDataErasure;
}

/** An erasure as the record keeps it: who asked, who approved, on what basis, what went and what stayed. */
export interface PersonalDataErasure {
  erasureId: string;
  trigger: 'request' | 'retention';
  /** A reference rather than a name ("data subject, DP-2026-114"): this field is not itself erased. */
  requestedBy: string;
  approvedBy: { personId: string; name: string; role: string } | null;
  lawfulBasis: string;
  removed: string[];
  /** Set when policy keeps this case's personal data: the reason, shown wherever the erasure is. */
  heldBack: string | null;
}

export type CaseEventType = keyof EventDataMap;

export interface EventActor {
  readonly personId: string;
  readonly name: string;
  readonly surface: Surface;
}

/** An event as the core produces it; the store adds its id, sequence number and hash. */
export type CaseEvent<T extends CaseEventType = CaseEventType> = {
  [K in T]: {
    readonly type: K;
    readonly caseId: string;
    /** The case's version once this event is applied. */
    readonly caseVersion: number;
    readonly at: string;
    readonly actor: EventActor;
    /** The rule or reason behind the change, when there is one (a policy rule id, a note). */
    readonly rule: string | null;
    readonly data: EventDataMap[K];
  };
}[T];

/** An event with the id it is stored under: what side effects are planned from (they name events by id). */
export interface IdentifiedCaseEvent<T extends CaseEventType = CaseEventType> {
  readonly id: string;
  readonly event: CaseEvent<T>;
}

/** An event as appended: its place in the log is fixed at once, its hash when the log is sealed a moment later. */
export interface AppendedCaseEvent<T extends CaseEventType = CaseEventType> extends IdentifiedCaseEvent<T> {
  readonly seq: number;
}

export interface StoredCaseEvent<T extends CaseEventType = CaseEventType> extends AppendedCaseEvent<T> {
  /** Null until the sealer has chained it (normally well under a second after commit). */
  readonly hash: string | null;
  readonly prevHash: string | null;
}
