// The retention schedule's rules: which class a case is, when its words go, what an erasure request leaves.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../../src/domain/case.js';
import { DEFAULT_DATA_PROTECTION } from '../../../src/policy/default-data-protection.js';
import { heldBackFromErasure, recordClassOf, redactionDue, shortestRetentionMonths } from '../../../src/policy/retention-schedule.js';
import { openedCase } from '../../helpers/domain-builders.js';

const r = DEFAULT_DATA_PROTECTION.retention;
const closed = (overrides: Partial<Case> = {}): Case => ({ ...openedCase(), state: 'closed', outcome: 'replied', closedAt: '2026-01-31T16:30:00.000Z', ...overrides });
const hide = { id: 'm1', action: 'hide' as const, ruleId: 'abuse', status: 'done' as const, requestedBy: 'Ana', decidedBy: null, note: null };
const referral = (status: 'pending' | 'declined') => ({ id: 'e1', target: { type: 'safeguarding' as const }, reason: 'r', status, raisedBy: 'Ana', raisedAt: '2026-01-31T10:00:00.000Z', answeredBy: null, answer: null });

describe('the retention schedule', () => {
  it('keeps a routine case 12 months from closing, counting calendar months (31 January + 12 months is 31 January)', () => {
    expect(recordClassOf(closed(), r).name).toBe('routine');
    expect(redactionDue(closed(), r)?.toISOString()).toBe('2027-01-31T16:30:00.000Z');
  });

  it('has no due date while the case is open', () => {
    expect(redactionDue(openedCase(), r)).toBeNull();
  });

  it('takes the longest class a case falls in', () => {
    const complaint = closed({ classification: { serviceTag: 'waste', kind: 'complaint', note: null } });
    expect(recordClassOf(complaint, r)).toMatchObject({ name: 'kind:complaint', months: 72 });
    expect(recordClassOf(closed({ classification: { serviceTag: 'x', kind: 'foi_request', note: null }, moderation: [hide] }), r).name).toBe('moderation');
    expect(recordClassOf(closed({ escalations: [referral('pending')] }), r).name).toBe('safeguarding');
    expect(shortestRetentionMonths(r)).toBe(12);
  });

  it('does not count a lifted action or a dismissed referral as a record to keep', () => {
    expect(recordClassOf(closed({ moderation: [{ ...hide, action: 'unhide' }] }), r).name).toBe('routine');
    expect(recordClassOf(closed({ moderation: [{ ...hide, status: 'rejected' }] }), r).name).toBe('routine');
    expect(recordClassOf(closed({ escalations: [referral('declined')] }), r).name).toBe('routine');
  });

  it('holds moderation evidence and safeguarding referrals back from erasure with the reason, unless the policy says not to', () => {
    expect(heldBackFromErasure(closed({ moderation: [hide] }), DEFAULT_DATA_PROTECTION)).toMatch(/^Moderation evidence.*Art 17\(3\)\(e\)/);
    expect(heldBackFromErasure(closed({ escalations: [referral('pending')], moderation: [hide] }), DEFAULT_DATA_PROTECTION)).toMatch(/^A safeguarding referral/);
    expect(heldBackFromErasure(closed(), DEFAULT_DATA_PROTECTION)).toBeNull();
    const lenient = { ...DEFAULT_DATA_PROTECTION, erasure: { ...DEFAULT_DATA_PROTECTION.erasure, moderation: { hold: false, reason: 'n/a' } } };
    expect(heldBackFromErasure(closed({ moderation: [hide] }), lenient)).toBeNull();
  });
});
