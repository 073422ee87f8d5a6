// Owns running the desk as an operator does, in a child process (from the TypeScript sources, or a built dist/),
// on the store this test run uses: a fresh PostgreSQL database, or an embedded store in a temp folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite } from '../../src/store/open-pglite.js';
import { entryPointArgs } from './entry-point.js';
import { migratedPgliteImage } from './pglite-image.js';
import { copyDatabase, databaseUrl, migratedTemplate } from './postgres-template.js';
import { admin, testDatabaseKind, testServerUrl } from './test-database.js';

export interface ProcessStore {
  readonly kind: 'postgres' | 'pglite';
  /** DATABASE_URL (empty for the embedded store) and DESK_DATA_DIR for the child. */
  readonly env: Record<string, string>;
  dispose(): Promise<void>;
}

export interface ProcessStoreOptions {
  /**
   * true: the schema already in place, as a desk restarted on its store finds it (copied from the migrated template or
   * image, test-database.ts), for tests about something other than a first start: on PGlite a desk's first start runs
   * initdb and every migration in WebAssembly, which took the child most of its start-up. Default: an empty store.
   */
  readonly migrated?: boolean;
}

/** A store of its own for a desk process: a new database on the test server, or a temp data folder. */
export async function processStore(options: ProcessStoreOptions = {}): Promise<ProcessStore> {
  const dataDir = await mkdtemp(join(tmpdir(), 'desk-proc-'));
  const removeDir = () => rm(dataDir, { recursive: true, force: true });
  if ((await testDatabaseKind()) === 'pglite') {
    if (options.migrated) await seedPgliteFolder(dataDir);
    return { kind: 'pglite', env: { DATABASE_URL: '', DESK_DATA_DIR: dataDir }, dispose: removeDir };
  }
  const server = testServerUrl();
  const name = `desk_proc_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (options.migrated) await copyDatabase(server, name, await migratedTemplate(server));
  else await admin(server, `CREATE DATABASE ${name}`);
  return {
    kind: 'postgres',
    env: { DATABASE_URL: databaseUrl(server, name), DESK_DATA_DIR: dataDir },
    dispose: async () => {
      await admin(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await removeDir();
    },
  };
}

/** Writes the migrated image into a data folder (PGlite loads an image only into an empty one), then lets it go. */
export async function seedPgliteFolder(dataDir: string): Promise<void> {
  await (await openPglite(dataDir, { image: await migratedPgliteImage() })).close();
}

export interface DeskProcess {
  readonly child: ChildProcess;
  output(): string;
  readonly exited: Promise<number | null>;
  /** Resolves with the base URL once the desk prints where it listens. */
  listening(timeoutMs?: number): Promise<string>;
}

/** src/main.ts from the repository (entry-point.ts: through tsx, or CI's fresh build), or `node dist/main.js` from cwd. */
export function startDeskProcess(env: Record<string, string>, o: { cwd?: string; entry?: 'sources' | 'dist' } = {}): DeskProcess {
  const args = o.entry === 'dist' ? ['--enable-source-maps', 'dist/main.js'] : entryPointArgs('src/main.ts');
  const child = spawn(process.execPath, args, {
    cwd: o.cwd ?? process.cwd(),
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => void (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => void (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    async listening(timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const port = /listening on http:\/\/[^:\s]+:(\d+)/.exec(out)?.[1];
        if (port) return `http://127.0.0.1:${port}`;
        if (child.exitCode !== null) throw new Error(`the desk exited with ${child.exitCode} before listening:\n${out}`);
        if (Date.now() > until) throw new Error(`the desk did not listen within ${timeoutMs} ms:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}
