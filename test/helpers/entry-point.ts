// Owns how a test starts one of the desk's entry points (src/main.ts, src/cli/*.ts) in a process of its own: from the
// sources through tsx, as `npm start` and `npm run <cli>` do, or, when CI has just built the sources (.ci/run sets
// DESK_BUILT_DIST after `npm run build`), as the compiled JavaScript, as the production image runs them. Node starts
// the compiled files in about half the time, with no loader compiling each module on the way; the processes tests
// start (desks killed and restarted, each CLI command) made up a good part of the slowest files. A build older than
// any source file is not used, so a run with a stale DESK_BUILT_DIST still tests the sources.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const sources = join(root, 'src');

/** node's arguments to run `source` (a path under src/, from the repository root), e.g. 'src/cli/migrate.ts'. */
export function entryPointArgs(source: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const dist = builtDist(env.DESK_BUILT_DIST);
  if (!dist) return ['--import', 'tsx', source];
  return ['--enable-source-maps', join(dist, relative(sources, resolve(root, source)).replace(/\.ts$/, '.js'))];
}

let checked: { readonly dir: string; readonly fresh: boolean } | null = null;

/** The built dist/ folder, if one is named and was built after the last change to src/. */
function builtDist(dir: string | undefined): string | null {
  if (!dir) return null;
  if (checked?.dir !== dir) checked = { dir, fresh: newestChange(sources) <= oldestChange(dir) };
  return checked.fresh ? dir : null;
}

function newestChange(dir: string): number {
  return Math.max(0, ...filesUnder(dir).map((f) => statSync(f).mtimeMs));
}

function oldestChange(dir: string): number {
  const built = filesUnder(dir).filter((f) => f.endsWith('.js'));
  return built.length === 0 ? 0 : Math.min(...built.map((f) => statSync(f).mtimeMs));
}

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}
