// The neutral case card: what a person sees and can do, decided once and rendered by each surface.
import type { RiskLevel } from '../domain/case.js';
import type { CardActionId } from './card-action-ids.js';

export type Tone = 'info' | 'warning' | 'danger' | 'good';

export interface CardFact {
  readonly label: string;
  readonly value: string;
}

export interface CardOption {
  readonly value: string;
  readonly label: string;
}

/** A button. `opens` names the form it opens instead of acting at once. */
export interface CardButton {
  readonly actionId: CardActionId;
  readonly label: string;
  readonly style: 'primary' | 'danger' | 'default';
  readonly opens?: CardFormId;
  /** Extra data for the command, e.g. an escalation id. */
  readonly args?: Readonly<Record<string, string>>;
}

export type CardFormId = 'reply' | 'classify' | 'escalate' | 'moderate' | 'close' | 'reassign' | 'decline' | 'reject' | 'reject-reply' | 'dismiss-safeguarding' | 'police'
  | EscalationAnswerFormId;

/** The forms a service's or leadership's answer opens (issue 18; src/cards/escalation-answer-forms.ts). */
export type EscalationAnswerFormId = 'answer-escalation' | 'draft-reply' | 'pass-escalation' | 'ask-more';
export const ESCALATION_ANSWER_FORM_IDS: readonly EscalationAnswerFormId[] = ['answer-escalation', 'draft-reply', 'pass-escalation', 'ask-more'];

export interface CaseCard {
  readonly caseId: string;
  readonly version: number;
  readonly title: string;
  readonly risk: RiskLevel;
  readonly banners: ReadonlyArray<{ readonly tone: Tone; readonly text: string }>;
  /** Set when the case is a safeguarding referral: shown first and in red on every surface, naming the referral. */
  readonly safeguarding?: { readonly title: string; readonly text: string };
  readonly author: { readonly name: string; readonly handle: string; readonly followers: number | null; readonly verified: boolean };
  readonly text: string;
  readonly textTruncated: boolean;
  readonly parent: { readonly text: string; readonly url: string | null } | null;
  readonly url: string;
  readonly facts: readonly CardFact[];
  /** One line each: escalations, replies and moderation, with their status. */
  readonly activity: readonly string[];
  readonly actions: readonly CardButton[];
}

/** A form a button opens: a Slack modal, a Teams dialog or inline inputs. */
export interface CardForm {
  readonly id: CardFormId;
  readonly caseId: string;
  readonly version: number;
  readonly title: string;
  readonly submitLabel: string;
  /** The command the form submits. */
  readonly actionId: CardActionId;
  readonly args?: Readonly<Record<string, string>>;
  readonly fields: readonly CardField[];
}

export type CardField =
  | { readonly kind: 'text'; readonly id: string; readonly label: string; readonly multiline: boolean; readonly initial?: string; readonly maxLength?: number; readonly hint?: string; readonly optional?: boolean }
  | { readonly kind: 'select'; readonly id: string; readonly label: string; readonly options: readonly CardOption[]; readonly initial?: string; readonly optional?: boolean; readonly hint?: string }
  /** Tick boxes; the answer (and `initial`) is the ticked values joined with commas. Always optional: ticking is the choice. */
  | { readonly kind: 'choices'; readonly id: string; readonly label: string; readonly options: readonly CardOption[]; readonly initial?: string; readonly hint?: string; readonly optional?: true };
