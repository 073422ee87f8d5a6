// The order test files start in (test/longest-first-sequencer.ts): the longest estimates first, the rest as they came.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { longestFirst } from '../../longest-first-sequencer.js';

const durations = JSON.parse(readFileSync(new URL('../../file-durations.json', import.meta.url), 'utf8')) as Record<string, Record<string, number>>;

describe('longest first', () => {
  it('starts the files with the longest estimates first and keeps the order of files with equal ones', () => {
    const estimates: Record<string, number> = { 'b.test.ts': 30, 'd.test.ts': 4 };
    expect(longestFirst(['a.test.ts', 'b.test.ts', 'c.test.ts', 'd.test.ts', 'e.test.ts'], (f) => estimates[f] ?? 0)).toEqual([
      'b.test.ts', 'd.test.ts', 'a.test.ts', 'c.test.ts', 'e.test.ts',
    ]);
  });

  it('has estimates for both stores that name test files still in the repository', () => {
    for (const store of ['postgres', 'pglite']) {
      const files = Object.keys(durations[store] ?? {});
      expect(files.length, store).toBeGreaterThan(0);
      expect(files.filter((f) => !f.endsWith('.test.ts') || !exists(f)), store).toEqual([]);
    }
  });
});

function exists(file: string): boolean {
  try {
    readFileSync(new URL(`../../../${file}`, import.meta.url));
    return true;
  } catch {
    return false;
  }
}
