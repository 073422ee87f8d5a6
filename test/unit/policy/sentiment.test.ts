// Sentiment (AFINN-165 via the `sentiment` package, plus council words) and its part in reputational risk.
import { describe, expect, it } from 'vitest';
import Sentiment from 'sentiment';
import { assessRisk } from '../../../src/policy/assess-risk.js';
import { analyseSentiment, isStronglyNegative } from '../../../src/policy/sentiment.js';
import { defaultPolicy, mention } from './policy-fixtures.js';

describe('analyseSentiment', () => {
  it('labels thanks positive, a plain report neutral, and criticism negative', () => {
    expect(analyseSentiment('Thanks so much, great job!')).toMatchObject({ score: 5, label: 'positive', positive: ['thanks', 'great'] });
    expect(analyseSentiment('My garden waste was not collected on Tuesday')).toMatchObject({ score: 0, comparative: 0, label: 'neutral' });
    expect(analyseSentiment('This is not good enough')).toMatchObject({ label: 'negative', negative: ['good'] });
  });

  it('keeps one mildly negative word neutral', () => {
    expect(analyseSentiment('Sorry, quick question about my bin').label).toBe('neutral');
  });

  it('knows how residents write to a council: "a joke", "shambles"', () => {
    const r = analyseSentiment('This council is a joke, an absolute shambles');
    expect(r).toMatchObject({ score: -5, label: 'negative', negative: ['joke', 'shambles'] });
    expect(r.comparative).toBeCloseTo(-5 / 8);
  });

  it('leaves the package\'s own English table untouched', () => {
    analyseSentiment('shambles');
    expect(new Sentiment().analyze('shambles joke').score).toBe(2);
  });

  it('calls a score of -5 or lower strongly negative', () => {
    expect(isStronglyNegative(analyseSentiment('Disgusting and pathetic service'))).toBe(true);
    expect(isStronglyNegative(analyseSentiment('Useless council'))).toBe(false);
  });

  it('scores an empty text as neutral zero', () => {
    expect(analyseSentiment('')).toEqual({ score: 0, comparative: 0, label: 'neutral', positive: [], negative: [] });
  });
});

describe('assessRisk with sentiment', () => {
  it('raises a strongly negative post from a small account to medium, saying why', () => {
    const r = assessRisk(defaultPolicy, mention({ text: 'Absolutely disgusting and pathetic, the worst council ever' }));
    expect(r.level).toBe('medium');
    expect(r.reasons).toContain('strongly negative wording (sentiment -8: "disgusting", "pathetic", "worst")');
  });

  it('leaves an ordinary question low', () => {
    expect(assessRisk(defaultPolicy, mention({ text: 'When is the tip open?' }))).toEqual({ level: 'low', reasons: [], reputational: [], settled: 'low' });
  });

  it('raises a complaint to medium: it is critical of the council (001 "how critical")', () => {
    // Read from the tone alone, so nothing beside the wording settles it: a reading of the words may lower it.
    expect(assessRisk(defaultPolicy, mention({ text: 'Bin not collected again, useless' }))).toEqual({ level: 'medium', reasons: ['reads as a complaint'], reputational: [], settled: 'low' });
  });

  it('settles the level the audience sets, which the wording cannot lower', () => {
    expect(assessRisk(defaultPolicy, mention({ text: 'Bin not collected again, useless', author: { followers: 2_000 } })).settled).toBe('medium');
  });

  it('never lowers a high risk, and keeps every reason', () => {
    const r = assessRisk(defaultPolicy, mention({ text: 'Disgusting and pathetic, I have told the BBC', author: { followers: 50_000 } }));
    expect(r.level).toBe('high');
    expect(r.reasons).toEqual(expect.arrayContaining(['50,000 followers', 'mentions "bbc"', 'reads as a complaint']));
  });
});
