// The rule index (docs/rule-index.md) cannot drift from the code unseen: every file it names exists, and every policy
// key it names resolves in the default policy.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/config/load-policy.js';

const ROOT = join(import.meta.dirname, '../..');
const rows = readFileSync(join(ROOT, 'docs/rule-index.md'), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('| ') && !line.startsWith('| rule ') && !line.startsWith('| ---'))
  .map((line) => line.split(' | '));
const quoted = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

describe('the rule index', () => {
  it('has a row for each rule', () => {
    expect(rows.length).toBeGreaterThan(20);
  });

  it('names only files that exist', () => {
    const files = rows.flatMap((cells) => quoted(cells[3] ?? ''));
    expect(files.length).toBeGreaterThan(rows.length);
    expect(files.filter((f) => !existsSync(join(ROOT, f)))).toEqual([]);
  });

  it('names only policy keys the default policy has', async () => {
    const policy = (await loadPolicy(null)) as unknown as Record<string, unknown>;
    const keys = rows.flatMap((cells) => quoted(cells[2] ?? ''));
    expect(keys.length).toBeGreaterThanOrEqual(rows.length);
    const resolves = (path: string) => path.split('.').reduce<unknown>((at, part) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined), policy) !== undefined;
    expect(keys.filter((k) => !resolves(k))).toEqual([]);
  });
});
