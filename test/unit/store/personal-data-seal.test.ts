// Sealing residents' fields: the hashed body holds salted digests, unsealing gives the event back, any change shows.
import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../../src/domain/events.js';
import { personalDigest, personalFieldMisfit, sealEvent, unsealEvent } from '../../../src/store/personal-data-seal.js';

const reply: CaseEvent<'case.reply.requested'> = {
  type: 'case.reply.requested', caseId: 'MD-1', caseVersion: 3, at: '2026-03-02T10:00:00.000Z', actor: { personId: 'ana', name: 'Ana Patel', surface: 'slack' }, rule: null,
  data: { replyId: 'r1', text: 'Sorry Jo, a crew will call at 4 Elm Road', visibility: 'public', awaitingApproval: false },
};

describe('sealEvent', () => {
  it('replaces each personal field with a salted digest and keeps the rest as it was', () => {
    const { body, fields } = sealEvent(reply, () => 'a'.repeat(64));
    expect(body).toEqual({ ...reply, data: { ...reply.data, text: personalDigest('a'.repeat(64), reply.data.text) } });
    expect(fields).toEqual([{ field: 'text', value: reply.data.text, salt: 'a'.repeat(64), digest: personalDigest('a'.repeat(64), reply.data.text) }]);
    expect(JSON.stringify(body)).not.toContain('Elm Road');
  });

  it('gives the same words a different digest each time (a salt per field), so digests cannot be matched', () => {
    const textOf = (e: CaseEvent) => (e.data as { text?: string }).text;
    expect(textOf(sealEvent(reply).body)).not.toBe(textOf(sealEvent(reply).body));
  });

  it('leaves a null note alone and seals nothing in an event without personal fields', () => {
    const closed: CaseEvent<'case.closed'> = { ...reply, type: 'case.closed', data: { outcome: 'replied', note: null } };
    expect(sealEvent(closed)).toEqual({ body: closed, fields: [] });
  });
});

describe('unsealEvent and personalFieldMisfit', () => {
  const { body, fields } = sealEvent(reply);
  const stored = fields.map((f) => ({ field: f.field, value: f.value, salt: f.salt, erasureId: null }));

  it('puts the value back, or [erased] once it is gone', () => {
    expect(unsealEvent(body, stored)).toEqual(reply);
    expect(unsealEvent(body, [{ field: 'text', value: null, salt: null, erasureId: 'e1' }]).data).toMatchObject({ text: '[erased]' });
  });

  it('accepts kept and properly erased fields, and names every other change', () => {
    const known = (id: string) => id === 'e1';
    expect(personalFieldMisfit(body, stored, known)).toBeNull();
    expect(personalFieldMisfit(body, [{ field: 'text', value: null, salt: null, erasureId: 'e1' }], known)).toBeNull();
    expect(personalFieldMisfit(body, [{ ...stored[0]!, value: 'Sorry Jo' }], known)).toMatch(/does not match its digest/);
    expect(personalFieldMisfit(body, [], known)).toMatch(/missing without an erasure/);
    expect(personalFieldMisfit(body, [{ field: 'text', value: null, salt: null, erasureId: 'made-up' }], known)).toMatch(/without a recorded erasure event/);
    expect(personalFieldMisfit(body, [...stored, { field: 'visibility', value: 'x', salt: 'b'.repeat(64), erasureId: null }], known)).toMatch(/stored but the hashed event has no digest/);
  });

  it('reads an event written before sealing (inline text) as it is', () => {
    expect(unsealEvent(reply, [])).toEqual(reply);
    expect(personalFieldMisfit(reply, [], () => false)).toBeNull();
  });
});
