// The first-response overdue rule, shared by cards and case lists on every surface.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../../src/domain/case.js';
import { overdueFirstResponse } from '../../../src/domain/first-response.js';
import { openedCase } from '../../helpers/domain-builders.js';

const due = '2026-04-07T09:00:00.000Z';
const withDue = (over: Partial<Case> = {}): Case => ({ ...openedCase(), deadlines: { first_response: due }, ...over });

describe('overdueFirstResponse', () => {
  it('is the deadline once it has passed on an open case with no reply sent', () => {
    expect(overdueFirstResponse(withDue(), new Date('2026-04-07T09:00:00Z'))).toBe(due);
    expect(overdueFirstResponse(withDue(), new Date('2026-04-07T08:59:59Z'))).toBeNull();
  });

  it('is null once a reply was sent, the case is closed, or there is no deadline', () => {
    const later = new Date('2026-04-08T12:00:00Z');
    const sent = { id: 'rep-1', text: 'x', visibility: 'public' as const, status: 'sent' as const, by: 'Ana Patel', at: '2026-04-08T10:00:00.000Z', formKey: null, networkReplyId: 'n1', error: null };
    expect(overdueFirstResponse(withDue({ replies: [sent] }), later)).toBeNull();
    expect(overdueFirstResponse(withDue({ state: 'closed', outcome: 'monitored' }), later)).toBeNull();
    expect(overdueFirstResponse({ ...openedCase(), deadlines: {} }, later)).toBeNull();
  });
});
