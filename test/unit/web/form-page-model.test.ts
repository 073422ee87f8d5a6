// The web draws any neutral card form generically: a form it has never seen gets the right GOV.UK controls.
import { describe, expect, it } from 'vitest';
import { decodeCardAction } from '../../../src/cards/card-action.js';
import type { CardForm } from '../../../src/cards/card-model.js';
import { formPageModel, isFormId, readFormValues } from '../../../src/web/form-page-model.js';

const form = {
  id: 'refer-police' as CardForm['id'], caseId: 'MD-1', version: 4, title: 'Refer to the police', submitLabel: 'Refer', actionId: 'case.police.refer', args: { escalationId: 'esc-2' },
  fields: [
    { kind: 'text', id: 'summary', label: 'What happened', multiline: true, maxLength: 500 },
    { kind: 'text', id: 'ref', label: 'Crime reference', multiline: false, optional: true },
    { kind: 'select', id: 'force', label: 'Force', options: [{ value: 'met', label: 'Metropolitan' }, { value: 'herts', label: 'Hertfordshire' }] },
    { kind: 'select', id: 'team', label: 'Team', options: Array.from({ length: 8 }, (_, i) => ({ value: `t${i}`, label: `Team ${i}` })) },
    { kind: 'choices', id: 'confirm', label: 'Send anyway?', options: [{ value: 'further', label: 'A further reply' }, { value: 'same', label: 'The same text' }] },
  ],
} satisfies CardForm;

describe('a card form on the web', () => {
  it('draws every kind of field as its GOV.UK control, with answers kept and the case version seen', () => {
    const model = formPageModel(form, 3, { summary: 'Threat <b>', team: 't5', confirm: 'same' }, {});
    expect(model.fields.map((f) => [f.name, f.control])).toEqual([
      ['field_summary', 'textarea'], ['field_ref', 'input'], ['field_force', 'radios'], ['field_team', 'select'], ['field_confirm', 'checkboxes'],
    ]);
    expect(model.fields[0]).toMatchObject({ value: 'Threat <b>', maxLength: 500, label: 'What happened' });
    expect(model.fields[1]).toMatchObject({ label: 'Crime reference (optional)' });
    expect(model.fields[3]).toMatchObject({ items: expect.arrayContaining([expect.objectContaining({ value: 't5', selected: true })]) });
    expect(model.fields[4]).toMatchObject({ items: [expect.objectContaining({ value: 'further', checked: false }), expect.objectContaining({ value: 'same', checked: true })] });
    expect(decodeCardAction(model.payload)).toEqual({ c: 'MD-1', v: 3, a: { escalationId: 'esc-2' } });
    expect(model.actionId).toBe('case.police.refer');
  });

  it('asks for a choice on a long select with nothing chosen, and links each error to its field', () => {
    const model = formPageModel(form, 4, {}, { team: 'Choose a team.', form: 'Someone else changed this case.' });
    expect(model.fields[3]).toMatchObject({ items: [expect.objectContaining({ value: '', text: 'Choose one' }), ...Array.from({ length: 8 }, () => expect.anything())] });
    expect(model.errorList).toEqual([{ text: 'Choose a team.', href: '#field_team' }, { text: 'Someone else changed this case.', href: '#case-form' }]);
  });

  it('reads answers from field_ names only, joining ticked boxes with commas as the card expects', () => {
    expect(readFormValues({ _csrf: 'x', actionId: 'a', field_text: 'Hello', field_confirm: ['further', 'same'], field_bad: 42 })).toEqual({ text: 'Hello', confirm: 'further,same', bad: '' });
  });

  it('takes any form id shaped like one, and nothing else', () => {
    expect(['reply', 'dismiss-safeguarding', 'refer-police'].every(isFormId)).toBe(true);
    expect(['', 'Reply', '../x', 'a'.repeat(41), 42, null].some(isFormId)).toBe(false);
  });
});
