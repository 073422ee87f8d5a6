// Owns drawing any card form as a GOV.UK form, generically from the neutral CardForm: a text field becomes an
// input or a textarea, a select radios (few options) or a select, tick boxes checkboxes. New forms need no code.
import { encodeCardAction } from '../cards/card-action.js';
import type { CardField, CardForm, CardFormId } from '../cards/card-model.js';

/** Every form id the neutral card knows: the web accepts exactly these. */
export const FORM_IDS: ReadonlySet<string> = new Set<CardFormId>(['reply', 'classify', 'escalate', 'moderate', 'close', 'reassign', 'decline', 'reject', 'reject-reply', 'dismiss-safeguarding']);

/** Answers arrive as field_<id>; ticked boxes as several values, joined with commas as the card expects. */
const FIELD_PREFIX = 'field_';
const RADIOS_UP_TO = 6;

export function readFormValues(body: Record<string, unknown>): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(body)) {
    if (!name.startsWith(FIELD_PREFIX)) continue;
    const id = name.slice(FIELD_PREFIX.length);
    const list = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    values[id] = list.join(',');
  }
  return values;
}

export function formPageModel(form: CardForm, version: number, values: Readonly<Record<string, string | undefined>>, errors: Readonly<Record<string, string>>) {
  const fields = form.fields.map((f) => fieldModel(f, values[f.id] ?? f.initial ?? '', errors[f.id] ?? null));
  const fieldIds = new Set(form.fields.map((f) => f.id));
  // Errors for a field the form shows link to it; any other (the form as a whole, a refusal) leads the summary.
  const errorList = Object.entries(errors).map(([id, text]) => ({ text, href: fieldIds.has(id) ? `#${FIELD_PREFIX}${id}` : '#case-form' }));
  return {
    formId: form.id,
    formTitle: form.title,
    submitLabel: form.submitLabel,
    actionId: form.actionId,
    payload: encodeCardAction(form.caseId, version, form.args),
    fields,
    errorList,
  };
}

function fieldModel(f: CardField, value: string, error: string | null) {
  const name = `${FIELD_PREFIX}${f.id}`;
  const label = `${f.label}${f.optional ? ' (optional)' : ''}`;
  const base = { id: name, name, label, hint: f.hint ?? null, error };
  if (f.kind === 'text') return { ...base, control: f.multiline ? 'textarea' : 'input', value, maxLength: f.maxLength ?? null };
  const ticked = new Set(value.split(',').filter(Boolean));
  const items = f.options.map((o) => ({ value: o.value, text: o.label, checked: f.kind === 'choices' ? ticked.has(o.value) : o.value === value, selected: o.value === value }));
  if (f.kind === 'choices') return { ...base, control: 'checkboxes', items };
  if (f.options.length <= RADIOS_UP_TO) return { ...base, control: 'radios', items };
  return { ...base, control: 'select', items: value ? items : [{ value: '', text: 'Choose one', selected: true, checked: false }, ...items] };
}
