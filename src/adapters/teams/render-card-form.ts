// Owns a card form as Adaptive Card inputs (Input.Text, Input.ChoiceSet) with its submit: the answers a
// person gave are kept, and each field's error (fieldErrors, by field id) is shown under that field.
import { fitByGrapheme } from '../../domain/cut-text.js';
import type { CardField, CardForm } from '../../cards/card-model.js';
import type { FieldErrors } from '../../cards/command-from-action.js';
import { textBlock, type AcElement } from './adaptive-elements.js';
import { FORM_ARG, executeData, inputId, payloadOf, type CardView } from './teams-card-action.js';
import { cutText, safeText } from './teams-text.js';

export interface FormState {
  /** What the person typed or chose last time. */
  readonly values?: Readonly<Record<string, string | undefined>>;
  readonly errors?: FieldErrors;
}

const TEXT_MAX = 4000;
const CHOICES_MAX = 100;

export function renderFormInputs(form: CardForm, state: FormState = {}): AcElement[] {
  const prefix = form.id;
  const fieldIds = form.fields.map((f) => f.id);
  // An error about something that is not a field of this form (a missing button arg) shows first, so it is seen.
  const loose = Object.entries(state.errors ?? {}).filter(([field]) => !fieldIds.includes(field)).map(([, m]) => m);
  const elements: AcElement[] = loose.length ? [errorBlock(loose.join(' '), `${prefix}.form-error`)] : [];
  for (const field of form.fields) {
    elements.push(renderInput(field, inputId(prefix, field.id), state.values?.[field.id]));
    if (field.hint) elements.push(textBlock(safeText(field.hint, 500), { size: 'Small', subtle: true, spacing: 'None' }));
    const error = state.errors?.[field.id];
    if (error) elements.push(errorBlock(error, `${inputId(prefix, field.id)}.error`));
  }
  return elements;
}

/** The submit button: the form's action id as verb, the shared payload (with the form) as data. */
export function submitAction(form: CardForm, view: CardView): AcElement {
  const payload = payloadOf(form.caseId, form.version, { ...form.args, [FORM_ARG]: form.id });
  return {
    type: 'Action.Execute',
    title: form.submitLabel,
    verb: form.actionId,
    style: 'positive',
    // `fields` marks a submit (and names the inputs' prefix), as opposed to a click that asks for the form.
    data: { ...executeData(payload, view), fields: form.id },
  };
}

function errorBlock(message: string, id: string): AcElement {
  return textBlock(safeText(message, 1000), { color: 'Attention', size: 'Small', spacing: 'None', id });
}

function renderInput(field: CardField, id: string, value: string | undefined): AcElement {
  const required = !field.optional;
  const common = {
    id,
    label: cutText(field.label, 200).text,
    ...(required ? { isRequired: true, errorMessage: `${field.label} is required.` } : {}),
  };
  if (field.kind === 'text') {
    const max = Math.min(field.maxLength ?? TEXT_MAX, TEXT_MAX);
    const initial = value ?? field.initial;
    return { type: 'Input.Text', ...common, isMultiline: field.multiline, maxLength: max, ...(initial ? { value: fitByGrapheme(initial, max) } : {}) };
  }
  if (field.kind === 'choices') {
    // Tick boxes, never required: Teams sends the ticked values joined with commas, as the service reads them.
    const ticked = (value ?? field.initial ?? '').split(',').filter((v) => field.options.some((o) => o.value === v));
    return {
      type: 'Input.ChoiceSet', id, label: cutText(field.label, 200).text, isMultiSelect: true, style: 'expanded',
      choices: field.options.slice(0, CHOICES_MAX).map((o) => ({ title: cutText(o.label, 200).text, value: o.value })),
      ...(ticked.length ? { value: ticked.join(',') } : {}),
    };
  }
  // An empty list is not a valid ChoiceSet (and a choice nobody can make): say what is missing instead.
  if (!field.options.length) return textBlock(`${safeText(field.label, 200)}: nothing to choose from yet. Ask whoever keeps the policy file to add it.`, { color: 'Warning', id });
  const chosen = value ?? field.initial;
  const options = field.options.slice(0, CHOICES_MAX);
  // A chosen option beyond the cut is kept, so the person's answer survives the redraw.
  const picked = field.options.find((o) => o.value === chosen);
  if (picked && !options.includes(picked)) options[options.length - 1] = picked;
  return {
    type: 'Input.ChoiceSet',
    ...common,
    style: 'compact',
    placeholder: 'Choose…',
    choices: options.map((o) => ({ title: cutText(o.label, 200).text, value: o.value })),
    ...(picked ? { value: picked.value } : {}),
  };
}
