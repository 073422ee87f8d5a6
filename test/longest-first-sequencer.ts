// Owns the order test files start in: longest first. CI runs each pass on two workers; a long file that starts last
// keeps one worker busy after the other has run out of files (in one measured run the last file to start took 35 s),
// so the wall time is the sum of the files over two plus that tail. Vitest's own order runs the longest first only
// when its results cache holds every file's duration, and a fresh clone has none (it then orders by file size, and the
// long files are mostly short files that start desks or read the whole corpus). The estimates come from a measured
// run on each store (test/file-durations.json: seconds from queued to done in a `.ci/run` on a busy two-core machine,
// the files that took at least 3% of the longest); a file not listed there is taken as short.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

type Store = 'postgres' | 'pglite';

interface FileDurations {
  /** Seconds per file (path from the repository root), for the files that take a while on that store. */
  readonly postgres: Readonly<Record<string, number>>;
  readonly pglite: Readonly<Record<string, number>>;
}

const durations = JSON.parse(readFileSync(new URL('./file-durations.json', import.meta.url), 'utf8')) as FileDurations;

/** The store the estimates are read for: the PGlite pass's files are slow in other places. */
function storeOfThisRun(env: NodeJS.ProcessEnv = process.env): Store {
  return env.DESK_TEST_DB === 'pglite' ? 'pglite' : 'postgres';
}

/** The files with the longest estimate first; files with the same estimate (unlisted ones: 0) keep their order. */
export function longestFirst<T>(files: readonly T[], estimate: (file: T) => number): T[] {
  return [...files].sort((a, b) => estimate(b) - estimate(a)); // Array.prototype.sort is stable
}

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const estimates = durations[storeOfThisRun()];
    return longestFirst(await super.sort(files), (file) => estimates[relative(file.project.config.root, file.moduleId)] ?? 0);
  }
}
