// Owns how a card button travels through Teams: the Action.Execute verb and data every button carries,
// form input ids, and parsing an adaptiveCard/action invoke back into the shared payload, with zod.
import { z } from 'zod';
import { cardActionPayloadSchema, encodeCardAction, type CardActionPayload } from '../../cards/card-action.js';
import type { CardFormId } from '../../cards/card-model.js';

/** Shows the card as it is now, to the clicker only: Cancel on a form, and the card's `refresh`. */
export const SHOW_VERB = 'desk.card.show';
/** The arg naming the form a submit comes from (as on Slack); stripped before the service sees the args. */
export const FORM_ARG = 'form';

/** Which message the button sits on, so the answer redraws that message: 'triage', 'escalation:esc-1', … */
export type CardView = string;

/** The shared payload every button carries (cards/card-action.ts), as the object Action.Execute data holds. */
export function payloadOf(caseId: string, version: number, args?: Readonly<Record<string, string>>): CardActionPayload {
  return JSON.parse(encodeCardAction(caseId, version, args)) as CardActionPayload;
}

/** Action.Execute data: the shared payload (c, v, a) plus the view it was drawn for. */
export function executeData(payload: CardActionPayload, view: CardView): Record<string, unknown> {
  return { ...payload, view };
}

/** Input ids carry their form (its prefix) so two forms on one card, each with a "note", stay unique. */
export function inputId(prefix: string, fieldId: string): string {
  return `${prefix}.${fieldId}`;
}

// Every form id, checked by the compiler: a form added to the card model fails here until it is listed.
const FORM_IDS = Object.keys({
  reply: 1, classify: 1, escalate: 1, moderate: 1, close: 1, reassign: 1, decline: 1, reject: 1, 'reject-reply': 1, 'dismiss-safeguarding': 1, police: 1,
  'answer-escalation': 1, 'draft-reply': 1, 'pass-escalation': 1, 'ask-more': 1,
} satisfies Record<CardFormId, 1>) as CardFormId[];

const invokeValueSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(100),
    // Teams merges the card's input values into data, next to what the button carried.
    data: z.record(z.string(), z.unknown()).optional(),
  }),
});

export interface TeamsClick {
  readonly verb: string;
  readonly caseId: string;
  readonly version: number;
  readonly args: Readonly<Record<string, string>>;
  readonly formId: CardFormId | null;
  /** True for a form's submit; false for a button that only asks for its form. */
  readonly submitted: boolean;
  /** The form's answers keyed by field id, as the service expects them. */
  readonly values: Readonly<Record<string, string>>;
  readonly view: CardView;
}

export type ParsedInvoke = { readonly ok: true; readonly click: TeamsClick } | { readonly ok: false; readonly reason: string };

export function parseCardInvoke(value: unknown): ParsedInvoke {
  const parsed = invokeValueSchema.safeParse(value);
  if (!parsed.success) return { ok: false, reason: 'not an Action.Execute invoke' };
  const { verb, data = {} } = parsed.data.action;
  const payload = cardActionPayloadSchema.safeParse(data);
  if (!payload.success) return { ok: false, reason: `the ${verb} button carries no valid case payload` };
  const { [FORM_ARG]: form, ...args } = payload.data.a ?? {};
  const formId = form === undefined ? null : (FORM_IDS.find((f) => f === form) ?? undefined);
  if (formId === undefined) return { ok: false, reason: `unknown form ${form}` };
  const view = typeof data['view'] === 'string' && data['view'].length <= 200 ? data['view'] : 'triage';
  const prefix = typeof data['fields'] === 'string' ? data['fields'] : null;
  const click = { verb, caseId: payload.data.c, version: payload.data.v, args, formId, submitted: prefix !== null, values: formValues(prefix, data), view };
  return { ok: true, click };
}

/** The answers of one form: the inputs named `${prefix}.${fieldId}`; other inputs on the card are not its. */
function formValues(fieldPrefix: string | null, data: Readonly<Record<string, unknown>>): Record<string, string> {
  if (!fieldPrefix) return {};
  const prefix = `${fieldPrefix}.`;
  const values: Record<string, string> = {};
  for (const [key, v] of Object.entries(data)) {
    if (key.startsWith(prefix) && typeof v === 'string') values[key.slice(prefix.length)] = v;
  }
  return values;
}
