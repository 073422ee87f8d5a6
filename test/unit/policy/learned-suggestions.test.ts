// Suggestions that learn (issue 16): a naive Bayes classifier on the council's decisions, combined with the rules.
import { describe, expect, it } from 'vitest';
import { NO_LEARNING, suggestWithLearning } from '../../../src/policy/combine-suggestions.js';
import { trainClassifier } from '../../../src/policy/learned-classifier.js';
import { probabilityOf } from '../../../src/policy/log-odds.js';
import { defaultPolicy } from './policy-fixtures.js';

const decisions = [
  ['The gulley outside ours is blocked solid again', 'highways'],
  ['gulley by the school overflowing onto the path', 'highways'],
  ['Another blocked gulley on Mill Lane, water everywhere', 'highways'],
  ['gulley cover missing on Station Road', 'highways'],
  ['who clears the gulley by the shops', 'highways'],
  ['gulley smells and is full of leaves', 'highways'],
  ['Bins not emptied on our street', 'waste'],
  ['recycling left behind again', 'waste'],
  ['garden waste missed this week', 'waste'],
  ['brown bin not collected', 'waste'],
  ['food caddy left full', 'waste'],
  ['bin men skipped our road', 'waste'],
] as const;
const service = trainClassifier(decisions.map(([text, label]) => ({ text, label })));

describe('the learned classifier', () => {
  it('learns a council\'s own word for a service, and says which of the resident\'s words it leaned on', () => {
    const guess = service?.guess('is anyone going to unblock the gulley on Park Road');
    expect(guess).toMatchObject({ label: 'highways' });
    expect(guess!.words[0]).toBe('gulley');
    expect(guess!.confidence).toBeGreaterThan(0.7);
  });

  it('says how likely its guess is: wink gives log (base 2) odds against the rest, 3 of them is 8 in 9', () => {
    expect(probabilityOf(0)).toBe(0.5);
    expect(probabilityOf(3)).toBeCloseTo(8 / 9, 12);
    expect(probabilityOf(-1)).toBeCloseTo(1 / 3, 12);
    expect(probabilityOf(Infinity)).toBe(1);
  });

  it('waits for two labels before it learns anything', () => {
    expect(trainClassifier([{ text: 'bins bins bins', label: 'waste' }])).toBeNull();
  });
});

describe('rules and learning together', () => {
  it('fills in a service no keyword names, saying it was learned and from how many decisions', () => {
    const text = 'gulley outside number 4 still not sorted';
    expect(suggestWithLearning(defaultPolicy, text, undefined, NO_LEARNING).serviceTag).toBeNull();
    const s = suggestWithLearning(defaultPolicy, text, undefined, { kind: null, service });
    expect(s.serviceTag).toBe('highways');
    expect(s.reasons[0]).toMatch(/^service Roads and Highways: learned from 12 decisions \(\d+%\), matched "gulley"/);
  });

  it('never lets learning override a safeguarding concern', () => {
    const kind = trainClassifier([
      { text: 'I want to end it all, the queue at the tip', label: 'complaint' },
      { text: 'end it all with these roadworks', label: 'complaint' },
      { text: 'thanks for the lovely park', label: 'compliment' },
      { text: 'what a lovely job on the flowers', label: 'compliment' },
    ]);
    expect(suggestWithLearning(defaultPolicy, 'I want to end it all', undefined, { kind, service: null }).kind).toBe('safeguarding');
  });
});
