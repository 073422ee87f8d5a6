// Card forms as Slack modals: inputs and selects within the limits, the answers read back, errors on the right block.
import { describe, expect, it } from 'vitest';
import { inputBlockIds, readViewValues, renderFormModal, viewErrors } from '../../../../src/adapters/slack/render-form-modal.js';
import { parseCardPayload } from '../../../../src/adapters/slack/slack-action-ids.js';
import type { CardForm } from '../../../../src/cards/card-model.js';
import { blockKitProblems } from './block-kit-check.js';

const reply: CardForm = {
  id: 'reply', caseId: 'MD-1001', version: 4, title: 'Reply', submitLabel: 'Send reply', actionId: 'case.reply.submit',
  fields: [
    { kind: 'text', id: 'text', label: 'Reply', multiline: true, maxLength: 280, hint: 'X allows 280 characters including the sign-off "^AP".' },
    { kind: 'select', id: 'visibility', label: 'Where', options: [{ value: 'public', label: 'Public reply' }, { value: 'private', label: 'Private message' }], initial: 'public' },
  ],
};

describe('renderFormModal', () => {
  it('renders the reply form exactly', () => {
    expect(renderFormModal(reply)).toEqual({
      type: 'modal',
      callback_id: 'case.reply.submit',
      private_metadata: '{"c":"MD-1001","v":4,"a":{"form":"reply"}}',
      title: { type: 'plain_text', text: 'Reply', emoji: true },
      submit: { type: 'plain_text', text: 'Send reply', emoji: true },
      close: { type: 'plain_text', text: 'Cancel', emoji: true },
      blocks: [
        { type: 'input', block_id: 'text', label: { type: 'plain_text', text: 'Reply', emoji: true }, optional: false,
          hint: { type: 'plain_text', text: 'X allows 280 characters including the sign-off "^AP".', emoji: true },
          element: { type: 'plain_text_input', action_id: 'text', multiline: true, max_length: 280 } },
        { type: 'input', block_id: 'visibility', label: { type: 'plain_text', text: 'Where', emoji: true }, optional: false,
          element: { type: 'static_select', action_id: 'visibility', placeholder: { type: 'plain_text', text: 'Choose…', emoji: true },
            options: [
              { text: { type: 'plain_text', text: 'Public reply', emoji: true }, value: 'public' },
              { text: { type: 'plain_text', text: 'Private message', emoji: true }, value: 'private' },
            ],
            initial_option: { text: { type: 'plain_text', text: 'Public reply', emoji: true }, value: 'public' } } },
      ],
    });
  });

  it('carries the case, version, args and form back through private_metadata', () => {
    const view = renderFormModal({ ...reply, id: 'decline', actionId: 'case.escalation.decline', args: { escalationId: 'esc-2' } });
    expect(parseCardPayload(view.callback_id ?? '', view.private_metadata)).toEqual({ actionId: 'case.escalation.decline', caseId: 'MD-1001', version: 4, args: { escalationId: 'esc-2' }, formId: 'decline' });
  });

  it('shows at most 100 options, keeps the chosen one, and cuts long titles and labels', () => {
    const options = Array.from({ length: 250 }, (_, i) => ({ value: `person-${i}-${'x'.repeat(200)}`, label: `Person ${i} ${'y'.repeat(100)}` }));
    const view = renderFormModal({
      ...reply, id: 'reassign', title: 'Reassign this case to someone else entirely', submitLabel: 'Give it to them right now please',
      fields: [{ kind: 'select', id: 'toPersonId', label: 'L'.repeat(3000), options, initial: options[200]!.value }],
    });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.submit?.text.length).toBeLessThanOrEqual(24);
    const select = (view.blocks[0] as { element: { options: Array<{ text: { text: string }; value: string }>; initial_option: { value: string } } }).element;
    expect(select.options).toHaveLength(100);
    expect(select.options.every((o) => o.text.text.length <= 75 && o.value.length <= 150)).toBe(true);
    expect(select.options).toContainEqual(select.initial_option);
    expect(blockKitProblems(view.blocks as unknown as Record<string, unknown>[], 'view')).toEqual([]);
  });

  it('redraws with what was typed and a notice', () => {
    const view = renderFormModal(reply, { values: { text: 'We are on it', visibility: 'private' }, notice: 'The case changed <here>' });
    expect(view.blocks[0]).toMatchObject({ block_id: 'notice', text: { text: ':warning: The case changed &lt;here&gt;' } });
    expect(view.blocks[1]).toMatchObject({ element: { initial_value: 'We are on it' } });
    expect(view.blocks[2]).toMatchObject({ element: { initial_option: { value: 'private' } } });
  });
});

describe('tick boxes (a choice a refusal offered)', () => {
  const withChoice: CardForm = { ...reply, fields: [...reply.fields, { kind: 'choices', id: 'confirm', label: 'Send anyway?', optional: true, options: [{ value: 'further:1', label: 'Send a further reply' }, { value: 'same-text:rep-1', label: 'Send the same text again' }] }] };

  it('renders checkboxes exactly, none ticked, and keeps the ticks through a redraw', () => {
    const view = renderFormModal(withChoice);
    expect(view.blocks[2]).toEqual({
      type: 'input', block_id: 'confirm', label: { type: 'plain_text', text: 'Send anyway?', emoji: true }, optional: true,
      element: { type: 'checkboxes', action_id: 'confirm', options: [
        { text: { type: 'plain_text', text: 'Send a further reply', emoji: true }, value: 'further:1' },
        { text: { type: 'plain_text', text: 'Send the same text again', emoji: true }, value: 'same-text:rep-1' },
      ] },
    });
    expect(blockKitProblems(view.blocks as unknown as Record<string, unknown>[], 'view')).toEqual([]);
    const redrawn = renderFormModal(withChoice, { values: { confirm: 'same-text:rep-1,gone:9' } });
    expect(redrawn.blocks[2]).toMatchObject({ element: { initial_options: [{ text: { type: 'plain_text', text: 'Send the same text again', emoji: true }, value: 'same-text:rep-1' }] } });
  });

  it('reads the ticked boxes back as one comma-separated answer, none as empty', () => {
    expect(readViewValues({ values: { confirm: { confirm: { selected_options: [{ value: 'further:1' }, { value: 'same-text:rep-1' }] } } } })).toEqual({ confirm: 'further:1,same-text:rep-1' });
    expect(readViewValues({ values: { confirm: { confirm: { selected_options: [] } } } })).toEqual({ confirm: '' });
  });
});

describe('reading a submission', () => {
  it('reads text inputs and selects by field id, empty ones as undefined', () => {
    expect(readViewValues({ values: {
      text: { text: { value: 'Thanks' } },
      visibility: { visibility: { selected_option: { value: 'public' } } },
      note: { note: { value: null } },
    } })).toEqual({ text: 'Thanks', visibility: 'public', note: undefined });
  });

  it('puts each field error on its block, and one about no field on the first input', () => {
    const ids = inputBlockIds([{ type: 'section', block_id: 'notice' }, { type: 'input', block_id: 'target' }, { type: 'input', block_id: 'reason' }]);
    expect(ids).toEqual(['target', 'reason']);
    expect(viewErrors(ids, { reason: 'Say why.', escalationId: 'Refresh the card.', target: 'Choose.' })).toEqual({ reason: 'Say why.', target: 'Refresh the card. Choose.' });
  });
});
