// "Not a safeguarding concern" (issue 16): the safeguarding lead's one click for a false alarm, with a reason, on the record.
import { describe, expect, it } from 'vitest';
import type { CaseCommand } from '../../../src/domain/commands.js';
import { applyOne, ana, cmd, expectRefused, gil, openedCase, run, system } from '../../helpers/domain-builders.js';

const refer: CaseCommand = { type: 'case.escalate', target: { type: 'safeguarding' }, reason: 'Possible safeguarding concern ("kill myself laughing")' };
const dismiss = (reason = 'A figure of speech: they were laughing at the queue', escalationId = 'esc-1'): CaseCommand => ({ type: 'case.safeguarding.dismiss', escalationId, reason });
const referred = () => run(openedCase(), [refer, system]);

describe('dismissing a safeguarding referral', () => {
  it('records the ruling and its reason, and closes the referral as answered by the lead', () => {
    const { event, case: after } = applyOne(referred(), dismiss(), gil);
    expect(event).toMatchObject({ type: 'case.safeguarding.dismissed', data: { escalationId: 'esc-1', reason: 'A figure of speech: they were laughing at the queue' } });
    expect(after.escalations[0]).toMatchObject({ status: 'declined', answeredBy: 'Gil Moss', answer: 'Not a safeguarding concern: A figure of speech: they were laughing at the queue' });
  });

  it('asks for a reason', () => {
    expectRefused(referred(), dismiss('  '), gil, { code: 'invalid', rule: 'safeguarding:dismiss-reason', message: 'Say why this is not a safeguarding concern' });
  });

  it('is for the safeguarding lead only', () => {
    expectRefused(referred(), dismiss(), ana, { code: 'not_permitted', rule: 'permission:case.safeguarding.dismiss', message: 'safeguarding lead' });
  });

  it('applies only to a pending safeguarding referral', () => {
    const toLead = run(openedCase(), [cmd.claim, ana], [cmd.escalateToLead(), ana]);
    expectRefused(toLead, dismiss(), gil, { code: 'invalid', rule: 'safeguarding:referral', message: 'Only a safeguarding referral' });
    const answered = run(referred(), [dismiss(), gil]);
    expectRefused(answered, dismiss(), gil, { code: 'wrong_state', rule: 'escalation:pending', message: 'already declined by Gil Moss' });
    expectRefused(referred(), dismiss('x', 'esc-9'), gil, { code: 'not_found', rule: 'escalation:exists', message: 'no escalation esc-9' });
  });
});
