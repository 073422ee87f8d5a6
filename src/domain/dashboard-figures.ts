// The management dashboard's figures (002 §5.11, 001 "Evaluation"): what the store computes from the event
// log for one period and filter, in the shapes the JSON API, the charts and the weekly digest all read.

/** Cases opened in [from, to), narrowed by any of service, network and kind ('unclassified' matches none set). */
export interface DashboardFilter {
  readonly from: Date;
  readonly to: Date;
  readonly service: string | null;
  readonly network: string | null;
  readonly kind: string | null;
}

/** A bar's cases: one of the dashboard's groupings and the value of the bar clicked. */
export const DRILL_DIMENSIONS = ['day', 'network', 'kind', 'service', 'risk', 'sentiment', 'hour', 'response', 'escalation', 'rung'] as const;
export type DrillDimension = (typeof DRILL_DIMENSIONS)[number];
export interface DrillDown {
  readonly dimension: DrillDimension;
  readonly value: string;
}

/** How the first response of a case stands against its target. */
export const RESPONSE_OUTCOMES = ['met', 'missed', 'pending', 'closed_without_reply', 'no_target'] as const;
export type ResponseOutcome = (typeof RESPONSE_OUTCOMES)[number];

export interface Count<K extends string = string> {
  readonly key: K;
  readonly count: number;
}

export interface DayNetworkCount {
  /** The local date in the council's zone. */
  readonly day: string;
  readonly network: string;
  readonly count: number;
}

export interface FirstResponseFigures {
  /** Cases by outcome against the first-response target (see ResponseOutcome). */
  readonly outcomes: Record<ResponseOutcome, number>;
  /** Working minutes from the post to the first reply the network accepted, over the cases replied to. */
  readonly replied: number;
  readonly medianWorkingMinutes: number | null;
  readonly p90WorkingMinutes: number | null;
}

export interface EscalationFigures {
  /** service_lead, leadership or safeguarding. */
  readonly target: string;
  readonly raised: number;
  readonly acknowledged: number;
  readonly declined: number;
  readonly pending: number;
  /** Real minutes from raising to acknowledging (out of hours counts: escalations run at any hour). */
  readonly medianAckMinutes: number | null;
  readonly p90AckMinutes: number | null;
}

export interface SurgeFigures {
  readonly topic: string;
  /** When the first case that tipped the topic over the limit was posted, and the last. */
  readonly startedAt: string;
  readonly endedAt: string;
  /** The most cases on the topic inside one surge window. */
  readonly peak: number;
}

export interface HourCount {
  /** ISO weekday 1 (Monday) … 7, and hour 0–23, both local. */
  readonly weekday: number;
  readonly hour: number;
  readonly count: number;
}

/** Replies sent from one of the policy's ready replies (issue 16), counted once each however often the network took them. */
export interface SignpostFigures {
  readonly replies: number;
  /** 'signpost' or 'report_online'. */
  readonly byKind: readonly Count[];
  /** The service whose ready reply it was (its serviceTag), which may differ from the case's classification. */
  readonly byService: readonly Count[];
}

export interface DashboardFigures {
  readonly cases: number;
  readonly byDayAndNetwork: readonly DayNetworkCount[];
  readonly byKind: readonly Count[];
  readonly byService: readonly Count[];
  readonly byRisk: readonly Count[];
  /** 'unknown' for cases opened before sentiment was recorded. */
  readonly bySentiment: readonly Count[];
  readonly firstResponse: FirstResponseFigures;
  readonly escalations: readonly EscalationFigures[];
  /** Moderation actions carried out, by rung of the ladder (remove, warn, block, reverse) and by action. */
  readonly moderationByRung: readonly Count[];
  readonly moderationByAction: readonly Count[];
  readonly surges: readonly SurgeFigures[];
  readonly byHour: readonly HourCount[];
  readonly signposting: SignpostFigures;
  /** Leadership's agreements to a proposed holding line (issue 18), one per escalation. */
  readonly holdingLinesAgreed: number;
}

/** One row of the cases list, the drill-down and the CSV: no resident's words or identity, only the handling. */
export interface DashboardCaseRow {
  readonly id: string;
  readonly openedAt: string;
  readonly postedAt: string;
  readonly network: string;
  readonly service: string;
  readonly kind: string;
  readonly risk: string;
  readonly sentiment: string;
  readonly state: string;
  readonly outcome: string | null;
  readonly firstReplyAt: string | null;
  readonly firstResponseDue: string | null;
  readonly response: ResponseOutcome;
  readonly workingMinutesToReply: number | null;
  readonly escalations: number;
  readonly moderationActions: number;
}

/** The moderation ladder's rungs as the dashboard counts actions carried out (policy/moderation-ladder.ts). */
export const RUNG_OF_ACTION: Readonly<Record<string, string>> = { hide: 'remove', delete: 'remove', warn: 'warn', block: 'block', unhide: 'reverse', unblock: 'reverse' };
