// Surges (001 risks "rapid proliferation of negative feedback"; 004 §6): more than N cases on a topic in M minutes.
import { describe, expect, it } from 'vitest';
import { detectSurge, type RecentCase } from '../../../src/policy/surge.js';
import { defaultPolicy, london, policyWith } from './policy-fixtures.js';

// The default policy: more than 5 cases within 30 minutes.
const NOW = london('2026-03-03T10:30');
const at = (minutesBeforeNow: number) => new Date(NOW.getTime() - minutesBeforeNow * 60_000);
const cases = (topic: string | null, minutesBefore: readonly number[], prefix = topic ?? 'none'): RecentCase[] =>
  minutesBefore.map((m, i) => ({ caseId: `${prefix}-${i + 1}`, topic, postedAt: at(m) }));

describe('detectSurge', () => {
  it('groups six cases on one topic inside 30 minutes, oldest first, with a message for the manager', () => {
    const surges = detectSurge(defaultPolicy, cases('waste', [1, 29, 5, 10, 15, 20]), NOW);
    expect(surges).toHaveLength(1);
    expect(surges[0]).toMatchObject({
      ruleId: 'risk:surge',
      topic: 'waste',
      caseIds: ['waste-2', 'waste-6', 'waste-5', 'waste-4', 'waste-3', 'waste-1'],
      firstAt: at(29),
      lastAt: at(1),
      source: defaultPolicy.risk.source,
    });
    expect(surges[0]!.message).toBe(
      '6 cases about "waste" in the last 30 minutes (10:01–10:29): more than 5 is a surge. Raise it with the comms manager and leadership; rumours spread fast.',
    );
  });

  it('needs more than the number in the policy, not exactly it', () => {
    expect(detectSurge(defaultPolicy, cases('waste', [1, 2, 3, 4, 5]), NOW)).toEqual([]);
  });

  it('counts only cases inside the window, including one exactly 30 minutes old, and none from after now', () => {
    expect(detectSurge(defaultPolicy, cases('waste', [0, 1, 2, 3, 4, 31]), NOW)).toEqual([]);
    expect(detectSurge(defaultPolicy, cases('waste', [0, 1, 2, 3, 4, 30]), NOW)).toHaveLength(1);
    expect(detectSurge(defaultPolicy, cases('waste', [-1, 1, 2, 3, 4, 5]), NOW)).toEqual([]);
  });

  it('keeps topics apart, ignores cases without a topic, and treats case and spacing as the same topic', () => {
    const recent = [...cases('waste', [1, 2, 3]), ...cases(' Waste ', [4, 5, 6], 'W'), ...cases('parking', [1, 2, 3, 4, 5]), ...cases(null, [1, 2, 3, 4, 5, 6])];
    const surges = detectSurge(defaultPolicy, recent, NOW);
    expect(surges.map((s) => [s.topic, s.caseIds.length])).toEqual([['waste', 6]]);
  });

  it('does not count one case twice', () => {
    const recent = cases('waste', [1, 2, 3, 4, 5]);
    expect(detectSurge(defaultPolicy, [...recent, recent[0]!], NOW)).toEqual([]);
  });

  it('lists the biggest surge first', () => {
    const surges = detectSurge(defaultPolicy, [...cases('parking', [1, 2, 3, 4, 5, 6]), ...cases('waste', [1, 2, 3, 4, 5, 6, 7])], NOW);
    expect(surges.map((s) => s.topic)).toEqual(['waste', 'parking']);
  });

  it('measures the window in real minutes across the night the clocks go forward', () => {
    // 00:50 GMT and 02:10 BST on 29 March 2026 are 20 real minutes apart.
    const now = london('2026-03-29T02:10');
    const recent: RecentCase[] = [london('2026-03-29T00:50'), ...[0, 1, 2, 3, 4].map((m) => new Date(now.getTime() - m * 60_000))].map((postedAt, i) => ({
      caseId: `c${i}`,
      topic: 'flooding',
      postedAt,
    }));
    const [surge] = detectSurge(defaultPolicy, recent, now);
    expect(surge?.caseIds).toHaveLength(6);
    expect(surge?.message).toContain('(00:50–02:10)');
  });

  it('follows the policy\'s numbers', () => {
    const tight = policyWith((p) => void (p.risk.surge = { cases: 2, withinMinutes: 5, holdingLineHours: 24 }));
    expect(detectSurge(tight, cases('parking', [1, 2, 4]), NOW)).toHaveLength(1);
    expect(detectSurge(tight, cases('parking', [1, 2, 6]), NOW)).toEqual([]);
  });
});
