// White space read character by character is what a regular expression's \s matches, every UTF-16 code unit of it.
import { describe, expect, it } from 'vitest';
import { boundWords } from '../../../src/policy/bounded-words.js';
import { isWhiteSpace } from '../../../src/policy/white-space.js';

describe('white space', () => {
  it('is exactly what \\s matches', () => {
    const differ: number[] = [];
    for (let code = 0; code <= 0xffff; code++) if (isWhiteSpace(code) !== /\s/.test(String.fromCharCode(code))) differ.push(code);
    expect(differ).toEqual([]);
  });

  it('bounds runs of either longer than 100 characters, and leaves every other text as it is', () => {
    const word = 'x'.repeat(100);
    expect(boundWords(`a ${word} b`)).toBe(`a ${word} b`);
    expect(boundWords(`a ${word}y b`)).toBe(`a ${word} b`);
    expect(boundWords(`a${'\u00a0'.repeat(60)}\t${' '.repeat(40)}b`)).toBe(`a${'\u00a0'.repeat(60)}\t${' '.repeat(39)}b`);
    expect(boundWords(`a${' '.repeat(100)}b`)).toBe(`a${' '.repeat(100)}b`);
  });
});
