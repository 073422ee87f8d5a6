// The curve the reader's safeguarding and threat bars are chosen from counts referrals as the reader makes them (issue 16).
import { describe, expect, it } from 'vitest';
import { barCurve, type BarCurveRow } from '../../../src/triage-eval/bar-curve.js';

const row = (r: Partial<BarCurveRow>): BarCurveRow => ({ sg: false, threat: false, lexiconConcern: false, lexiconThreat: false, read: true, concern: 0, threatProbability: 0, ...r });

describe('barCurve', () => {
  const rows = [
    row({ sg: true, lexiconConcern: true }),
    row({ sg: true, concern: 0.12 }),
    row({ sg: true, threat: true, concern: 0.02, threatProbability: 0.09 }),
    row({ concern: 0.3 }),
    row({ concern: 0.09, threatProbability: 0.2 }),
    // Too short for the model to read: only the lexicons count.
    row({ sg: true, read: false, concern: 0.9 }),
  ];

  it('refers a mention when the lexicons found a concern or either bar is reached, on texts the model reads', () => {
    const [low, high] = barCurve(rows, [0.1, 0.5], [0.08]);
    expect(low).toMatchObject({ recall: 3 / 4, falseAlarms: 2, routine: 2, threatRecall: 1, threatFalse: 1 });
    expect(high).toMatchObject({ recall: 2 / 4, falseAlarms: 1 });
  });

  it('reads a threat at the lower bar only in a mention referred anyway, so it refers nothing more', () => {
    const referredAnyway = row({ sg: true, threat: true, concern: 0.3, threatProbability: 0.01 });
    const routineLine = row({ concern: 0.01, threatProbability: 0.01 });
    const [off, on] = barCurve([referredAnyway, routineLine], [0.1], [0.05], [1, 0.005]);
    expect(off).toMatchObject({ threatRecall: 0, threatFalse: 0, falseAlarms: 0 });
    expect(on).toMatchObject({ threatWhenReferredAt: 0.005, threatRecall: 1, threatFalse: 0, falseAlarms: 0 });
  });

  it('reads fewer threats as the threat bar rises', () => {
    const [p] = barCurve(rows, [0.1], [0.1]);
    expect(p).toMatchObject({ threatRecall: 0, threatFalse: 1, recall: 2 / 4 });
  });
});
