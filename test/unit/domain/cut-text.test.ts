// Cutting text for cards never splits what a person sees as one character: ZWJ emoji, flags, skin tones,
// combining accents; limits still count UTF-16 code units, the unit Slack and Teams count.
import { describe, expect, it } from 'vitest';
import { cutByGrapheme, fitByGrapheme } from '../../../src/domain/cut-text.js';
import { cut, escapeAndCut, quoteAndCut } from '../../../src/adapters/slack/slack-text.js';
import { cutText, safeText } from '../../../src/adapters/teams/teams-text.js';
import { truncate } from '../../../src/cards/build-case-card.js';

const FAMILY = '👨‍👩‍👧‍👦'; // man ZWJ woman ZWJ girl ZWJ boy: 11 code units, one grapheme
const FLAG = '🇬🇧'; // two regional indicators: 4 code units
const WAVE = '👋🏽'; // hand + skin tone: 4 code units
const ACCENTED = 'e\u0301'; // e + combining acute: 2 code units
const SCOTLAND = '🏴󠁧󠁢󠁳󠁣󠁴󠁿'; // black flag + tag sequence: 14 code units

/** The shown text (ellipsis and trailing spaces aside) is the original up to a grapheme boundary. */
function isWholeGraphemes(original: string, shown: string): boolean {
  const body = shown.replace(/…$/, '');
  const boundaries = new Set([...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(original)].map((s) => s.index).concat(original.length));
  return original.startsWith(body) && boundaries.has(body.length);
}

it('the checker itself catches a split emoji', () => {
  expect(isWholeGraphemes(`ab${FAMILY}`, `ab${FAMILY.slice(0, 2)}…`)).toBe(false);
  expect(isWholeGraphemes(`ab${FAMILY}`, 'ab…')).toBe(true);
});

describe('cutByGrapheme', () => {
  it('leaves text that fits alone', () => {
    expect(cutByGrapheme(`Hi ${FAMILY}`, 20)).toEqual({ text: `Hi ${FAMILY}`, cut: false });
  });

  it('never splits a ZWJ family, a flag, a skin tone, a tag-sequence flag or a combining accent', () => {
    for (const g of [FAMILY, FLAG, WAVE, ACCENTED, SCOTLAND]) {
      const text = `ab${g}${g}cd`;
      for (let max = 1; max <= text.length; max++) {
        const { text: shown } = cutByGrapheme(text, max);
        expect(shown.length, `${g} at ${max}`).toBeLessThanOrEqual(max);
        expect(isWholeGraphemes(text, shown), `${JSON.stringify(shown)} from ${g} at ${max}`).toBe(true);
      }
    }
  });

  it('drops the whole emoji rather than half of it when it straddles the limit', () => {
    expect(cutByGrapheme(`ab${FAMILY}cd`, 10)).toEqual({ text: 'ab…', cut: true });
    expect(cutByGrapheme(`ab${FAMILY}cd`, 14)).toEqual({ text: `ab${FAMILY}…`, cut: true });
    expect(cutByGrapheme(`caf${ACCENTED}s`, 4)).toEqual({ text: 'caf…', cut: true });
    expect(fitByGrapheme(`${FLAG}${FLAG}`, 7)).toBe(FLAG);
  });

  it('counts what each grapheme is written as, with a prefix', () => {
    expect(cutByGrapheme('a<b', 6, { render: (t) => t.replace(/</g, '&lt;'), prefix: '>' })).toEqual({ text: '>a…', cut: true });
  });
});

describe('every card cut goes by grapheme', () => {
  const post = `Bins ${FAMILY} ${FLAG} caf${ACCENTED} ${WAVE}`.repeat(80);

  it('the card text (2,000), parent and reply lines', () => {
    for (const max of [2000, 500, 300, 7]) {
      const [shown, wasCut] = truncate(post, max);
      expect(wasCut).toBe(true);
      expect(shown.length).toBeLessThanOrEqual(max);
      expect(isWholeGraphemes(post, shown)).toBe(true);
    }
  });

  it('Slack: escaped, quoted and plain cuts', () => {
    for (let max = 2; max < 60; max++) {
      for (const shown of [escapeAndCut(`<${post}`, max).text, cut(post, max)]) {
        expect(shown.length).toBeLessThanOrEqual(max);
        expect(/[\uD800-\uDBFF]…?$/.test(shown.replace(/…$/, ''))).toBe(false);
      }
      const quoted = quoteAndCut(post, max).text;
      expect(isWholeGraphemes(`>${post}`, quoted)).toBe(true);
    }
    expect(escapeAndCut(`ab${FAMILY}`, 12).text).toBe('ab…');
  });

  it('Teams: cut text and escaped text', () => {
    expect(cutText(`ab${FAMILY}`, 12)).toEqual({ text: 'ab…', cut: true });
    expect(cutText(`ab${WAVE}${WAVE}`, 8)).toEqual({ text: `ab${WAVE}…`, cut: true });
    for (let max = 2; max < 60; max++) expect(isWholeGraphemes(post, safeText(post, max))).toBe(true);
  });
});
