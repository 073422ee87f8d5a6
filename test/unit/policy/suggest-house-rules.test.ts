// House-rule suggestions (000 rules 1–4, 002 §6.3.2): flagged from lexicons, never decided.
import { describe, expect, it } from 'vitest';
import { suggestHouseRules } from '../../../src/policy/suggest-house-rules.js';
import { defaultPolicy, policyWith } from './policy-fixtures.js';

const suggest = (text: string) => suggestHouseRules(defaultPolicy, text).map((s) => [s.ruleId, s.matched]);

describe('spam', () => {
  it('flags promotional phrases, with any links as evidence', () => {
    expect(suggest('HUGE crypto giveaway, buy now at https://scam.example/x')).toEqual([
      ['spam', ['buy now', 'crypto', 'giveaway', 'https://scam.example/x']],
    ]);
  });

  it('flags a post that is mostly links, but not one link on its own', () => {
    expect(suggest('see https://a.example https://b.example www.c.example')).toEqual([['spam', ['3 links']]]);
    expect(suggest('The BBC covered it: https://www.bbc.co.uk/news/1')).toEqual([]);
  });
});

describe('abuse of staff', () => {
  it.each([
    ['You lot are idiots', 'You lot are idiots'],
    ["you're all a bunch of morons", "you're all a bunch of morons"],
    ['Your staff are scum', 'Your staff are scum'],
    ['u r muppets', 'u r muppets'],
    ['I know where you live', 'I know where you live'],
    ["I'll find you", "I'll find you"],
  ])('flags "%s"', (text, matched) => {
    const found = suggestHouseRules(defaultPolicy, text);
    expect(found.map((s) => s.ruleId)).toEqual(['abuse_of_staff']);
    expect(found[0]?.matched).toContain(matched);
  });

  it('does not treat criticism of the service as abuse', () => {
    expect(suggest('You are useless and incompetent, fix the road')).toEqual([]);
  });
});

describe('hate speech', () => {
  it('flags category phrases from the policy\'s patterns', () => {
    expect(suggest('They should go back to their own country... no, go back to your country')).toEqual([
      ['hate_speech', ['go back to their own country']],
    ]);
  });

  it('uses the council\'s own lexicon for slurs and anything else it adds', () => {
    const policy = policyWith((p) => {
      p.houseRules.find((r) => r.id === 'hate_speech')!.lexicon = ['slurword'];
      p.houseRules.find((r) => r.id === 'misinformation')!.lexicon = ['5g masts'];
    });
    expect(suggestHouseRules(policy, 'SLURWORD, and the 5G masts cause it').map((s) => [s.ruleId, s.matched])).toEqual([
      ['hate_speech', ['slurword']],
      ['misinformation', ['5g masts']],
    ]);
  });
});

it('suggests nothing for an ordinary post', () => {
  expect(suggestHouseRules(defaultPolicy, 'My bin was not collected, can you help?')).toEqual([]);
});

it('returns the rule title and source so the card can preselect and explain it', () => {
  expect(suggestHouseRules(defaultPolicy, 'You are all idiots')).toEqual([
    { ruleId: 'abuse_of_staff', title: 'Abuse or harassment of staff, councillors or residents', matched: ['idiots', 'You are all idiots'], source: expect.stringContaining('000 rule 1') },
  ]);
});
