// The pre-election period (purdah, 004 §2): judged by the date on the council's clock, BST included.
import { describe, expect, it } from 'vitest';
import { politicalReasons, preElectionApproval, preElectionPeriodAt } from '../../../src/policy/pre-election.js';
import { defaultPolicy, london, policyWith } from './policy-fixtures.js';

// The clocks go forward at 01:00 GMT on Sunday 29 March 2026; the period starts the next day.
const policy = policyWith((p) => {
  p.replyRules.preElectionPeriods = [
    { name: 'Local elections 2026', from: '2026-03-30', to: '2026-05-07' },
    { name: 'By-election', from: '2026-11-01', to: '2026-11-26' },
  ];
});

describe('preElectionPeriodAt', () => {
  it('starts at local midnight in BST, which is 23:00 UTC the day before', () => {
    expect(preElectionPeriodAt(policy, new Date('2026-03-29T22:59:00Z'))).toBeNull();
    expect(preElectionPeriodAt(policy, new Date('2026-03-29T23:00:00Z'))?.name).toBe('Local elections 2026');
  });

  it('includes the whole of the last day, up to local midnight', () => {
    expect(preElectionPeriodAt(policy, london('2026-05-07T23:59'))?.name).toBe('Local elections 2026');
    expect(preElectionPeriodAt(policy, london('2026-05-08T00:00'))).toBeNull();
  });

  it('uses GMT once the clocks have gone back', () => {
    expect(preElectionPeriodAt(policy, new Date('2026-11-01T00:00:00Z'))?.name).toBe('By-election');
    expect(preElectionPeriodAt(policy, new Date('2026-10-31T23:59:00Z'))).toBeNull();
  });

  it('finds no period when the policy lists none', () => {
    expect(preElectionPeriodAt(defaultPolicy, london('2026-04-20T10:00'))).toBeNull();
  });
});

describe('politicalReasons', () => {
  it('names a political service and the political terms used, each once', () => {
    expect(politicalReasons(policy, 'democracy', ['Vote for change', 'I will vote for them, not the Tory'])).toEqual([
      'the case is tagged Democracy and Elections, a political service',
      'it mentions "vote for", "tory"',
    ]);
  });

  it('finds nothing political in an ordinary bin question', () => {
    expect(politicalReasons(policy, 'waste', ['When is my bin collected?'])).toEqual([]);
    expect(politicalReasons(policy, null, ['Is the greenhouse open?'])).toEqual([]);
  });
});

it('asks for approval only inside a period and only for political content', () => {
  const input = { serviceTag: 'democracy', texts: [] };
  expect(preElectionApproval(policy, { ...input, now: london('2026-04-01T10:00') })?.ruleId).toBe('reply:pre-election');
  expect(preElectionApproval(policy, { ...input, now: london('2026-03-27T10:00') })).toBeNull();
  expect(preElectionApproval(policy, { serviceTag: 'waste', texts: ['bins'], now: london('2026-04-01T10:00') })).toBeNull();
});
