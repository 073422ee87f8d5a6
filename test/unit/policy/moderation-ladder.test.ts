// The moderation ladder (002 §6.3.3 with 000's stricter lines): suggested steps, approvals, appeals.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { appealDate, approverRole, needsApproval, suggestLadderStep, type AccountHistory } from '../../../src/policy/moderation-ladder.js';
import { defaultPolicy, london, policyWith, ZONE } from './policy-fixtures.js';

const clean: AccountHistory = { breaches: [], warnings: 0, blocked: false };
const breach = (ruleId: string, day = 1) => ({ ruleId, at: london(`2026-03-0${day}T10:00`) });
const step = (ruleId: string, history: AccountHistory = clean) => suggestLadderStep(defaultPolicy, ruleId, history);

describe('suggestLadderStep', () => {
  it('deletes hate speech and blocks at once, with a manager approving the block and leadership told (000 rule 2)', () => {
    const s = step('hate_speech');
    expect(s).toMatchObject({ ruleId: 'hate_speech', rung: 'block', actions: ['delete', 'block'], needsApproval: ['block'], referToManager: true, tellLeadership: true });
    expect(s.explanation).toContain('the house rules say delete and block straight away');
    expect(s.explanation).toContain('make the Chief Executive aware; the account can appeal after 12 months');
    expect(s.source).toBe('000 rule 2 (immediately deleted and the account blocked); 002 §6.3.2; 002 §6.3.3');
  });

  it('hides abuse of staff and blocks (000 rule 1: zero tolerance)', () => {
    expect(step('abuse_of_staff').actions).toEqual(['hide', 'block']);
  });

  it('only hides a first spam post, and says to record it first', () => {
    const s = step('spam');
    expect(s).toMatchObject({ rung: 'remove', actions: ['hide'], needsApproval: [], referToManager: false, tellLeadership: false });
    expect(s.explanation).toContain("First record the account's name and handle, the date, the post and the rule (002 §6.3.3)");
  });

  it('moves a repeat offender on to a written warning that a manager approves', () => {
    const s = step('spam', { breaches: [breach('spam')], warnings: 0, blocked: false });
    expect(s).toMatchObject({ rung: 'warn', actions: ['hide', 'warn'], needsApproval: ['warn'], referToManager: true, tellLeadership: false });
    expect(s.explanation).toContain(`link to the house rules (${defaultPolicy.council.policyUrl})`);
    expect(s.explanation).toContain('A comms manager must approve the warning before it goes.');
  });

  it('blocks when it continues after a warning (002 §6.3.3)', () => {
    const s = step('spam', { breaches: [breach('spam'), breach('defamatory', 2)], warnings: 1, blocked: false });
    expect(s).toMatchObject({ rung: 'block', actions: ['hide', 'block'], needsApproval: ['block'], tellLeadership: true });
    expect(s.explanation).toContain('the account was warned before and the behaviour has continued');
  });

  it('hides unrelated comments, warns the second time and blocks on the third (000 rule 4, blockAfterBreaches 3)', () => {
    expect(step('unrelated').actions).toEqual(['hide']);
    expect(step('unrelated', { breaches: [breach('unrelated')], warnings: 0, blocked: false }).actions).toEqual(['hide', 'warn']);
    const third = step('unrelated', { breaches: [breach('unrelated'), breach('unrelated', 2)], warnings: 0, blocked: false });
    expect(third.actions).toEqual(['hide', 'block']);
    expect(third.explanation).toContain('this is breach 3 of this rule and the policy blocks after 3');
  });

  it('warns one breach before a low block count is reached', () => {
    const policy = policyWith((p) => void (p.houseRules.find((r) => r.id === 'unrelated')!.blockAfterBreaches = 2));
    expect(suggestLadderStep(policy, 'unrelated', clean).actions).toEqual(['hide', 'warn']);
    expect(suggestLadderStep(policy, 'unrelated', { breaches: [breach('unrelated')], warnings: 0, blocked: false }).actions).toEqual(['hide', 'block']);
  });

  it('refers defamatory posts to a manager, with a warning after hiding', () => {
    const s = step('defamatory');
    expect(s).toMatchObject({ rung: 'warn', actions: ['hide', 'warn'], referToManager: true });
    expect(s.explanation).toContain('Refer it to a comms manager');
  });

  it('only removes the post when the account is already blocked', () => {
    expect(step('hate_speech', { breaches: [breach('abuse_of_staff')], warnings: 1, blocked: true })).toMatchObject({ rung: 'already_blocked', actions: ['delete'], needsApproval: [], tellLeadership: false });
  });

  it('follows the council\'s approval list', () => {
    const relaxed = policyWith((p) => void (p.moderation.needsApproval = ['block', 'unblock']));
    expect(suggestLadderStep(relaxed, 'spam', { breaches: [breach('spam')], warnings: 0, blocked: false }).needsApproval).toEqual([]);
  });

  it('refuses a rule the policy does not have, naming the ones it does', () => {
    expect(() => step('rudeness')).toThrow(/no house rule "rudeness" in the policy \(known: hate_speech, abuse_of_staff/);
  });

  it('never suggests more than removing, warning and blocking, and blocks only with approval', () => {
    const ruleIds = defaultPolicy.houseRules.map((r) => r.id);
    fc.assert(
      fc.property(
        fc.constantFrom(...ruleIds),
        fc.array(fc.constantFrom(...ruleIds), { maxLength: 6 }),
        fc.nat({ max: 3 }),
        fc.boolean(),
        (ruleId, past, warnings, blocked) => {
          const s = step(ruleId, { breaches: past.map((r) => breach(r)), warnings, blocked });
          expect(s.actions.every((a) => ['hide', 'delete', 'warn', 'block'].includes(a))).toBe(true);
          if (s.actions.includes('block')) expect(s.needsApproval).toContain('block');
          if (blocked) expect(s.actions).not.toContain('block');
          expect(s.tellLeadership).toBe(s.actions.includes('block'));
        },
      ),
    );
  });
});

describe('appealDate', () => {
  const local = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm');

  it('is 12 months later at the same time on the council\'s clock, across a clock change', () => {
    // 28 March 2026 is GMT; 28 March 2027 is the day the clocks go forward, so 10:00 is BST.
    const due = appealDate(london('2026-03-28T10:00'), defaultPolicy, ZONE);
    expect(local(due)).toBe('2027-03-28 10:00');
    expect(due.toISOString()).toBe('2027-03-28T09:00:00.000Z');
  });

  it('lands on 28 February after a block on 29 February', () => {
    expect(local(appealDate(london('2028-02-29T15:30'), defaultPolicy))).toBe('2029-02-28 15:30');
  });

  it('follows the policy\'s appeal period', () => {
    const six = policyWith((p) => void (p.moderation.appealAfterMonths = 6));
    expect(local(appealDate(london('2026-01-15T12:00'), six))).toBe('2026-07-15 12:00');
  });
});

describe('needsApproval', () => {
  it('holds an officer\'s warning or block for a comms manager', () => {
    expect(needsApproval(defaultPolicy, 'warn', ['comms_officer'])).toBe(true);
    expect(needsApproval(defaultPolicy, 'block', ['comms_officer'])).toBe(true);
    expect(needsApproval(defaultPolicy, 'hide', ['comms_officer'])).toBe(false);
  });

  it('lets a comms manager\'s own warning or block go without a second approval', () => {
    expect(needsApproval(defaultPolicy, 'warn', ['comms_manager'])).toBe(false);
    expect(needsApproval(defaultPolicy, 'block', ['comms_officer', 'comms_manager'])).toBe(false);
  });

  it('always holds an unblock for leadership, whoever asks and whatever the list says', () => {
    const noList = policyWith((p) => void (p.moderation.needsApproval = []));
    expect(needsApproval(noList, 'unblock', ['comms_manager', 'leadership'])).toBe(true);
    expect(approverRole('unblock')).toBe('leadership');
    expect(approverRole('block')).toBe('comms_manager');
  });
});
