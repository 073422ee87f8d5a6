// The answers kept for recent texts: each made once while kept, made again when no longer current, oldest forgotten first.
import { describe, expect, it } from 'vitest';
import { RecentTexts } from '../../../src/policy/recent-texts.js';

describe('recent texts', () => {
  it('makes an answer once for a run of questions about one text, and again when it is no longer current', () => {
    const made: string[] = [];
    const recent = new RecentTexts<{ text: string; version: number }>(2);
    let version = 1;
    const ask = (text: string) => recent.answer(text, (t) => (made.push(t), { text: t, version }), (kept) => kept.version === version);
    expect(ask('a')).toBe(ask('a'));
    ask('b');
    ask('a');
    expect(made).toEqual(['a', 'b']);
    version = 2;
    expect(ask('a').version).toBe(2);
    expect(made).toEqual(['a', 'b', 'a']);
  });

  it('forgets the text asked about longest ago once more than its size are kept', () => {
    const made: string[] = [];
    const recent = new RecentTexts<string>(2);
    const ask = (text: string) => recent.answer(text, (t) => (made.push(t), t));
    for (const text of ['a', 'b', 'c', 'b', 'a']) ask(text);
    expect(made).toEqual(['a', 'b', 'c', 'a']);
  });
});
