// What people (and the bot) can ask of a case. The type is also the action id every surface uses.
import type { CloseOutcome, EscalationTarget, LeadershipAnswer, ModerationActionKind, PoliceDecision, Proposal, ReplyVisibility } from './case.js';

export type CaseCommand =
  | { readonly type: 'case.claim' }
  | { readonly type: 'case.release' }
  | { readonly type: 'case.reassign'; readonly toPersonId: string; readonly toName: string }
  | { readonly type: 'case.classify'; readonly serviceTag: string; readonly kind: string; readonly note?: string | null }
  | { readonly type: 'case.escalate'; readonly target: EscalationTarget; readonly reason: string; readonly proposal?: Proposal | null }
  | { readonly type: 'case.escalation.acknowledge'; readonly escalationId: string; readonly note?: string | null }
  | { readonly type: 'case.escalation.decline'; readonly escalationId: string; readonly reason: string }
  /** The safeguarding lead's ruling on a referral: "Not a safeguarding concern", with the reason (004 §2). */
  | { readonly type: 'case.safeguarding.dismiss'; readonly escalationId: string; readonly reason: string }
  | {
    readonly type: 'case.reply.submit';
    readonly text: string;
    readonly visibility: ReplyVisibility;
    readonly needsApproval?: boolean;
    /** The reply form it was written in: its key, and how many replies the case had when it was opened. */
    readonly form?: ReplyFormStamp;
    /** What the person explicitly confirmed (src/domain/reply-once.ts), e.g. sending a further reply. */
    readonly confirmed?: readonly string[];
    /** The policy's ready reply it started from (signposting, "report it online"), counted by the dashboard. */
    readonly signpost?: SignpostUse;
  }
  | { readonly type: 'case.reply.approve'; readonly replyId: string }
  | { readonly type: 'case.reply.reject'; readonly replyId: string; readonly reason: string }
  | { readonly type: 'case.reply.sent'; readonly replyId: string; readonly networkReplyId: string }
  | { readonly type: 'case.reply.failed'; readonly replyId: string; readonly error: string }
  | { readonly type: 'case.moderate'; readonly action: ModerationActionKind; readonly ruleId: string; readonly needsApproval: boolean; readonly note?: string | null }
  | { readonly type: 'case.moderation.approve'; readonly moderationId: string }
  | { readonly type: 'case.moderation.reject'; readonly moderationId: string; readonly reason: string }
  | { readonly type: 'case.moderation.done'; readonly moderationId: string }
  | { readonly type: 'case.moderation.failed'; readonly moderationId: string; readonly error: string }
  | { readonly type: 'case.wait'; readonly reason: string }
  | { readonly type: 'case.resume' }
  | { readonly type: 'case.close'; readonly outcome: CloseOutcome; readonly note?: string | null }
  | { readonly type: 'case.reopen'; readonly reason?: string | null }
  /** Immediate danger to staff or the public: whether the police were told, and why, by whoever decided (002 §6.3.3–6.3.4). */
  | { readonly type: 'case.police.refer'; readonly decision: PoliceDecision; readonly reason: string; readonly reference?: string | null }
  /** The bot routes a high reputational risk to the comms manager, offering leadership escalation (001 matrix option 5). */
  | { readonly type: 'case.reputation.flag'; readonly reasons: readonly string[] }
  /** The bot notes something on the record (an out-of-hours reply sent, a surge) without changing the case. */
  | { readonly type: 'case.note'; readonly text: string; readonly rule: string | null }
  | ServiceAnswerCommand;

/** What a service and leadership answer from the escalation card (issue 18); see decisions/escalation-answers.ts. */
export type ServiceAnswerCommand =
  /** The facts and proposed wording, for comms: the substantive response (001 matrix option 2). */
  | { readonly type: 'case.escalation.answer'; readonly escalationId: string; readonly facts: string; readonly proposedReply: string | null }
  /** The service writes the reply itself; comms signs it off before it is sent (001 matrix option 4). */
  | { readonly type: 'case.escalation.draft'; readonly escalationId: string; readonly text: string; readonly visibility: ReplyVisibility; readonly needsManager?: boolean }
  | { readonly type: 'case.escalation.pass'; readonly escalationId: string; readonly toPersonId: string; readonly toName: string }
  /** The bot hands an unacknowledged escalation (or an away lead's) on: lead → deputy → comms manager. */
  | { readonly type: 'case.escalation.handover'; readonly escalationId: string; readonly toPersonId: string; readonly toName: string; readonly stage: 'deputy' | 'manager'; readonly why: 'not_acknowledged' | 'away' }
  | { readonly type: 'case.leadership.answer'; readonly escalationId: string; readonly answer: LeadershipAnswer; readonly note: string | null };

/** A ready reply from the policy file (`signposts`): which one, of which kind, for which service. */
export interface SignpostUse {
  readonly templateId: string;
  readonly kind: 'signpost' | 'report_online';
  readonly serviceTag: string;
}

export interface ReplyFormStamp {
  readonly key: string;
  readonly repliesSeen: number;
}

export type CaseCommandType = CaseCommand['type'];
