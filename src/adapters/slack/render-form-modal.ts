// Owns a card form as a Slack modal: inputs and selects within Block Kit's limits, reading the answers back,
// and placing field errors on the right input block for `response_action: 'errors'`.
import { fitByGrapheme } from '../../domain/cut-text.js';
import type { types } from '@slack/bolt';
import { encodeCardAction } from '../../cards/card-action.js';
import type { CardField, CardForm, CardOption } from '../../cards/card-model.js';
import { BLOCK_KIT } from './block-kit-limits.js';
import { FORM_ARG } from './slack-action-ids.js';
import { cut, escapeAndCut, mrkdwn, plain } from './slack-text.js';

export interface ModalExtras {
  /** What the person typed or chose last time (a form redrawn after the case changed). */
  readonly values?: Readonly<Record<string, string | undefined>>;
  /** A line shown above the fields, e.g. why the form was redrawn. */
  readonly notice?: string;
  /** Context under the notice, e.g. the post being replied to (plain words; escaped here). */
  readonly context?: string;
}

export function renderFormModal(form: CardForm, extras: ModalExtras = {}): types.ModalView {
  const blocks: types.KnownBlock[] = [];
  if (extras.notice) blocks.push({ type: 'section', block_id: 'notice', text: mrkdwn(`:warning: ${escapeAndCut(extras.notice, 2900).text}`) });
  if (extras.context) blocks.push({ type: 'context', block_id: 'context', elements: [mrkdwn(escapeAndCut(extras.context, 2900).text)] });
  blocks.push(...form.fields.map((f) => inputBlock(f, extras.values?.[f.id])));
  const metadata = encodeCardAction(form.caseId, form.version, { ...form.args, [FORM_ARG]: form.id });
  if (metadata.length > BLOCK_KIT.privateMetadata) throw new Error(`form ${form.id} metadata is ${metadata.length} characters; Slack allows ${BLOCK_KIT.privateMetadata}`);
  return {
    type: 'modal',
    callback_id: form.actionId,
    private_metadata: metadata,
    title: plain(form.title, BLOCK_KIT.modalTitle),
    submit: plain(form.submitLabel, BLOCK_KIT.modalButton),
    close: plain('Cancel', BLOCK_KIT.modalButton),
    blocks: blocks.slice(0, BLOCK_KIT.viewBlocks),
  };
}

function inputBlock(field: CardField, value: string | undefined): types.InputBlock {
  const common = {
    type: 'input' as const,
    block_id: field.id,
    label: plain(field.label, BLOCK_KIT.inputLabel),
    optional: field.optional ?? false,
    ...(field.hint ? { hint: plain(field.hint, BLOCK_KIT.inputHint) } : {}),
  };
  if (field.kind === 'text') {
    const max = Math.min(field.maxLength ?? BLOCK_KIT.textInputMax, BLOCK_KIT.textInputMax);
    const initial = value ?? field.initial;
    return {
      ...common,
      element: {
        type: 'plain_text_input',
        action_id: field.id,
        multiline: field.multiline,
        max_length: max,
        ...(initial ? { initial_value: fitByGrapheme(initial, max) } : {}),
      },
    };
  }
  if (field.kind === 'choices') {
    // Ticked boxes survive a redraw; Slack refuses initial_options that are not among the options.
    const ticked = new Set((value ?? field.initial ?? '').split(','));
    const options = field.options.slice(0, BLOCK_KIT.checkboxOptions);
    const initial = options.filter((o) => ticked.has(o.value));
    return { ...common, optional: true, element: { type: 'checkboxes', action_id: field.id, options: options.map(option), ...(initial.length ? { initial_options: initial.map(option) } : {}) } };
  }
  const options = limitOptions(field.options, value ?? field.initial);
  const initial = options.find((o) => o.value === (value ?? field.initial));
  return {
    ...common,
    element: {
      type: 'static_select',
      action_id: field.id,
      placeholder: plain('Choose…', 150),
      options: options.map(option),
      ...(initial ? { initial_option: option(initial) } : {}),
    },
  };
}

/** Slack shows at most 100 options; the chosen one is kept when the list is cut. */
function limitOptions(options: readonly CardOption[], chosen: string | undefined): CardOption[] {
  if (options.length <= BLOCK_KIT.selectOptions) return [...options];
  const first = options.slice(0, BLOCK_KIT.selectOptions);
  const picked = options.find((o) => o.value === chosen);
  if (picked && !first.includes(picked)) first[first.length - 1] = picked;
  return first;
}

function option(o: CardOption): types.PlainTextOption {
  // The initial_option must equal one of the options exactly, so both come from here.
  return { text: plain(o.label, BLOCK_KIT.optionText), value: cut(o.value, BLOCK_KIT.optionValue) };
}

/** The answers in a submitted view, keyed by field id (the action_id), as the service expects them. */
export function readViewValues(state: { values: Record<string, Record<string, ViewStateValueLike>> }): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const block of Object.values(state.values)) {
    for (const [actionId, v] of Object.entries(block)) {
      values[actionId] = v.selected_options ? v.selected_options.map((o) => o.value).join(',') : (v.selected_option?.value ?? v.value ?? undefined);
    }
  }
  return values;
}

interface ViewStateValueLike {
  readonly value?: string | null;
  readonly selected_option?: { readonly value: string } | null;
  /** Checkboxes: every ticked option. */
  readonly selected_options?: ReadonlyArray<{ readonly value: string }>;
}

/**
 * fieldErrors are keyed by form field id, which is also the block id. An error about something
 * that is not an input of this view (a missing button arg) goes on the first input, so it shows.
 */
export function viewErrors(inputBlockIds: readonly string[], fieldErrors: Readonly<Record<string, string>>): Record<string, string> {
  const errors: Record<string, string> = {};
  const fallback = inputBlockIds[0];
  for (const [field, message] of Object.entries(fieldErrors)) {
    const blockId = inputBlockIds.includes(field) ? field : fallback;
    if (blockId === undefined) continue;
    errors[blockId] = errors[blockId] ? `${errors[blockId]} ${message}` : message;
  }
  return errors;
}

export function inputBlockIds(blocks: ReadonlyArray<{ type: string; block_id?: string }>): string[] {
  return blocks.filter((b) => b.type === 'input' && b.block_id).map((b) => b.block_id as string);
}
