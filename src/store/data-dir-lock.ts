// Owns the one-process-per-data-folder rule for embedded PGlite, which has no lock of its own:
// two processes on one folder corrupt it (checked: a second PGlite.create on an open folder succeeds).
import fs from 'node:fs';
import path from 'node:path';

const LOCK_FILE = 'mention-desk.lock';
const heldHere = new Set<string>();

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  const dir = path.resolve(dataDir);
  if (heldHere.has(dir)) throw new Error(`${dir} is already open in this process: close the first handle before opening another`);
  const file = path.join(dir, LOCK_FILE);
  if (!tryCreate(file)) {
    const holder = readPid(file);
    if (holder !== null && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `the data folder ${dir} is in use by process ${holder}. PGlite allows one process per folder: ` +
          'stop that process (or point DATABASE_URL at a PostgreSQL server to share the data).',
      );
    }
    // Left behind by a process that died: take it over.
    fs.writeFileSync(file, `${process.pid}\n`);
  }
  heldHere.add(dir);
  return {
    release() {
      if (!heldHere.delete(dir)) return;
      if (readPid(file) === process.pid) fs.rmSync(file, { force: true });
    },
  };
}

function tryCreate(file: string): boolean {
  try {
    fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
