// Owns how a card button travels through Slack: unique action_ids per message, the value it carries, and parsing a click back.
import { decodeCardAction, encodeCardAction } from '../../cards/card-action.js';
import { ESCALATION_ANSWER_FORM_IDS, type CardButton, type CardFormId } from '../../cards/card-model.js';
import { BLOCK_KIT } from './block-kit-limits.js';

/** Every card action id starts with `case.`; Bolt listeners match on this. */
export const CASE_ACTION = /^case\./;

/** The payload arg that names the form a button opens; stripped before the service sees the args. */
export const FORM_ARG = 'form';

const FORM_IDS: readonly CardFormId[] = ['reply', 'classify', 'escalate', 'moderate', 'close', 'reassign', 'decline', 'reject', 'reject-reply', 'dismiss-safeguarding', 'police', ...ESCALATION_ANSWER_FORM_IDS];
const SUFFIX = /#\d+$/;

/**
 * Slack needs action_ids unique within a message; a card may show the same action twice (two
 * moderation approvals). The second and later copies get `#2`, `#3`…, stripped again on parse.
 */
export function uniqueActionIds(actionIds: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return actionIds.map((id) => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id}#${n}`;
  });
}

export function baseActionId(slackActionId: string): string {
  return slackActionId.replace(SUFFIX, '');
}

/** The button's value: the shared card payload, with the form it opens when it opens one. */
export function buttonValue(caseId: string, version: number, button: CardButton): string {
  const args = button.opens ? { ...button.args, [FORM_ARG]: button.opens } : button.args;
  const value = encodeCardAction(caseId, version, args);
  if (value.length > BLOCK_KIT.buttonValue) throw new Error(`button ${button.actionId} on ${caseId} carries ${value.length} characters; Slack allows ${BLOCK_KIT.buttonValue}`);
  return value;
}

export interface ParsedClick {
  readonly actionId: string;
  readonly caseId: string;
  readonly version: number;
  readonly args: Readonly<Record<string, string>>;
  /** Set when the button opens a form instead of acting at once. */
  readonly formId: CardFormId | null;
}

/** A button click or a form's private_metadata, back into the shared payload; null when it is not ours or is damaged. */
export function parseCardPayload(slackActionId: string, value: string | undefined): ParsedClick | null {
  const payload = value ? decodeCardAction(value) : null;
  if (!payload || !CASE_ACTION.test(slackActionId)) return null;
  const { [FORM_ARG]: form, ...args } = payload.a ?? {};
  const formId = form === undefined ? null : FORM_IDS.find((f) => f === form);
  if (formId === undefined) return null;
  return { actionId: baseActionId(slackActionId), caseId: payload.c, version: payload.v, args, formId };
}
