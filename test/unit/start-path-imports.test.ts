// A desk starts with only what every desk uses: the chat SDKs, the embedded database, organisation sign-in,
// the feed parser, the zip writer and the learned classifier's text tools are loaded when first needed
// (dynamic import), so an idle desk without them stays small. This follows src/main.ts's static imports.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

/** Static imports and re-exports that load code (`import type` is erased; `import { type X }` is not, under verbatimModuleSyntax). */
function loadedBy(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(import|export)\s+(?!type\s)[^;]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[m.length - 1]!);
}

/** Every package reached from `entry` through static imports. */
function packagesOnStartPath(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of loadedBy(file)) {
      if (spec.startsWith('node:')) continue;
      if (!spec.startsWith('.')) {
        packages.add(/^(@[^/]+\/)?[^/]+/.exec(spec)![0]);
        continue;
      }
      const ts = join(dirname(file), spec).replace(/\.js$/, '.ts');
      if (existsSync(ts)) pending.push(ts);
    }
  }
  return packages;
}

const LOADED_WHEN_NEEDED = [
  '@slack/bolt', '@microsoft/teams.apps', '@microsoft/teams.api', '@electric-sql/pglite', 'openid-client',
  '@rowanmanning/feed-parser', 'yazl', 'wink-nlp-utils', 'wink-naive-bayes-text-classifier',
];

describe('what a desk loads at start', () => {
  const onStart = packagesOnStartPath(join(SRC, 'main.ts'));

  it('leaves the optional SDKs and tools to be loaded when first used', () => {
    expect(LOADED_WHEN_NEEDED.filter((p) => onStart.has(p))).toEqual([]);
  });

  it('follows the imports at all (the check is not vacuous)', () => {
    expect([...onStart]).toEqual(expect.arrayContaining(['pg', 'express', 'pino', 'zod']));
  });
});
