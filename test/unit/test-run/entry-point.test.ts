// How tests start the desk's entry points (test/helpers/entry-point.ts): CI's fresh build when there is one, else the
// sources through tsx; a build older than the sources is never used.
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryPointArgs } from '../../helpers/entry-point.js';

/** A dist/ folder holding cli/migrate.js, written now or with its time set to `at`. */
function builtDist(at?: Date): string {
  const dir = mkdtempSync(join(tmpdir(), 'desk-entry-'));
  mkdirSync(join(dir, 'cli'));
  writeFileSync(join(dir, 'cli', 'migrate.js'), '');
  if (at) utimesSync(join(dir, 'cli', 'migrate.js'), at, at);
  return dir;
}

describe('entryPointArgs', () => {
  it('runs the sources through tsx when no build is named', () => {
    expect(entryPointArgs('src/cli/migrate.ts', {})).toEqual(['--import', 'tsx', 'src/cli/migrate.ts']);
  });

  it('runs the compiled file from a build made after the sources', () => {
    const dist = builtDist();
    expect(entryPointArgs('src/cli/migrate.ts', { DESK_BUILT_DIST: dist })).toEqual(['--enable-source-maps', join(dist, 'cli', 'migrate.js')]);
  });

  it('runs the sources through tsx when the build is older than them', () => {
    expect(entryPointArgs('src/cli/migrate.ts', { DESK_BUILT_DIST: builtDist(new Date('2001-01-01')) })).toEqual(['--import', 'tsx', 'src/cli/migrate.ts']);
  });
});
