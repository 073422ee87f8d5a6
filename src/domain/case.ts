// A case: one mention's journey through the team, as the fold of its events.
export const CASE_STATES = ['new', 'claimed', 'waiting', 'closed'] as const;
/** new = in the queue; claimed = someone owns it; waiting = on the resident (clocks pause). */
export type CaseState = (typeof CASE_STATES)[number];

/** facts_corrected: a rumour answered with the facts once; no further reply on its thread is suggested (004 §6). */
export const CLOSE_OUTCOMES = ['replied', 'redirected', 'monitored', 'moderated', 'duplicate', 'facts_corrected'] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

export type RiskLevel = 'low' | 'medium' | 'high';

export type EscalationTarget =
  | { readonly type: 'service_lead'; readonly serviceTag: string }
  | { readonly type: 'leadership' }
  /** A safeguarding concern or threat: referred at once, in or out of hours (004 §2). */
  | { readonly type: 'safeguarding' };

export interface Escalation {
  readonly id: string;
  readonly target: EscalationTarget;
  readonly reason: string;
  /** pending → acknowledged ("on it") → answered; declined. Only an answer (or an approved reply) is substantive. */
  readonly status: 'pending' | 'acknowledged' | 'answered' | 'declined';
  readonly raisedBy: string;
  readonly raisedAt: string;
  readonly answeredBy: string | null;
  readonly answer: string | null;
  /** Who holds it now, when it has moved from the target's leads: passed to a colleague, or handed over. */
  readonly holder?: EscalationHolder | null;
  /** What comms proposes to say, for leadership's briefing (reply, holding line, statement, no comment). */
  readonly proposal?: Proposal | null;
  /** A service's answer for comms: the facts and the wording it proposes (pre-fills comms' reply). */
  readonly serviceAnswer?: { readonly facts: string; readonly proposedReply: string | null } | null;
  /** Leadership's answer to a briefing. */
  readonly leadershipAnswer?: { readonly answer: LeadershipAnswer; readonly note: string | null; readonly by: string } | null;
}

export interface EscalationHolder {
  readonly personId: string;
  readonly name: string;
  /** colleague: passed on by a lead; deputy or manager: handed over when the lead did not acknowledge or was away. */
  readonly stage: 'colleague' | 'deputy' | 'manager';
}

export const PROPOSAL_KINDS = ['reply', 'holding_line', 'statement', 'no_comment'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];
export interface Proposal {
  readonly kind: ProposalKind;
  readonly text: string | null;
}

export const LEADERSHIP_ANSWERS = ['agree', 'take_it', 'statement', 'more'] as const;
/** Agree the proposed line; take it myself; needs a statement; ask for more. */
export type LeadershipAnswer = (typeof LEADERSHIP_ANSWERS)[number];

/** Still waiting for a substantive answer: an acknowledgement alone does not close it. */
export function isOpenEscalation(e: Escalation): boolean {
  return e.status === 'pending' || e.status === 'acknowledged';
}

export type ReplyVisibility = 'public' | 'private';

export interface Reply {
  readonly id: string;
  readonly text: string;
  readonly visibility: ReplyVisibility;
  readonly status: 'awaiting_approval' | 'rejected' | 'sending' | 'sent' | 'failed';
  readonly by: string;
  /** When it was asked for (the person pressed Send). */
  readonly at: string;
  /** The reply form it came from, so one opened form sends at most once; null without a form. */
  readonly formKey: string | null;
  readonly networkReplyId: string | null;
  readonly error: string | null;
  /** Drafted by a service for this escalation (001 matrix option 4): comms signs it off before it is sent. */
  readonly forEscalation?: string | null;
  /** A service's draft that also needs a manager's sign-off (pre-election): a comms officer may not approve it. */
  readonly managerOnly?: boolean;
}

export const MODERATION_ACTIONS = ['hide', 'unhide', 'delete', 'warn', 'block', 'unblock'] as const;
export type ModerationActionKind = (typeof MODERATION_ACTIONS)[number];

export interface ModerationAction {
  readonly id: string;
  readonly action: ModerationActionKind;
  readonly ruleId: string;
  readonly status: 'awaiting_approval' | 'approved' | 'rejected' | 'done' | 'failed';
  readonly requestedBy: string;
  readonly decidedBy: string | null;
  readonly note: string | null;
}

export interface Classification {
  readonly serviceTag: string;
  readonly kind: string;
  readonly note: string | null;
}

export interface Case {
  readonly id: string;
  readonly mentionId: string;
  readonly network: string;
  readonly authorKey: string;
  readonly state: CaseState;
  /** Bumped once per accepted command; commands carry the version their sender saw. */
  readonly version: number;
  /** When the desk received the post and opened the case. */
  readonly openedAt: string;
  /** When the resident posted it, as the clocks count it (see policy/post-time.ts); at or before openedAt. */
  readonly postedAt: string;
  /** Set when the network's posting time was not believed and the case counts from its arrival. */
  readonly postedAtAdjusted: 'in_the_future' | 'too_old' | null;
  /** Posted while the council was closed (judged at postedAt). */
  readonly postedOutOfHours: boolean;
  readonly risk: RiskLevel;
  readonly owner: { readonly personId: string; readonly name: string; readonly since: string } | null;
  readonly classification: Classification | null;
  readonly escalations: readonly Escalation[];
  readonly replies: readonly Reply[];
  readonly moderation: readonly ModerationAction[];
  readonly outcome: CloseOutcome | null;
  readonly closedAt: string | null;
  /** Deadlines snapshotted from the policy when set, so later policy edits don't move them. */
  readonly deadlines: Readonly<Record<string, string>>;
  /** Whether the police were told of a danger to staff or the public, and who decided (002 §6.3.3–6.3.4); absent: not decided. */
  readonly policeReferral?: PoliceReferral | null;
  /** A high reputational risk routed to the comms manager and offered for leadership escalation (001 matrix option 5). */
  readonly reputationalRisk?: { readonly reasons: readonly string[]; readonly at: string } | null;
}

export const POLICE_DECISIONS = ['referred', 'not_referred'] as const;
export type PoliceDecision = (typeof POLICE_DECISIONS)[number];

export interface PoliceReferral {
  readonly decision: PoliceDecision;
  readonly reason: string;
  /** The police's incident or crime reference, when they gave one. */
  readonly reference: string | null;
  readonly decidedBy: string;
  readonly at: string;
}
