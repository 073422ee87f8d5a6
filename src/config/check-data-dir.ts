// Owns the start-up check that the embedded store's data folder can be written, said in words rather than as an
// EACCES stack: what is wrong, and the two ways to fix it.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export class DataDirError extends Error {
  override readonly name = 'DataDirError';
}

export interface DataDirOps {
  mkdir(dir: string): Promise<unknown>;
  writeFile(file: string, data: string): Promise<unknown>;
  rm(file: string): Promise<unknown>;
}

const nodeOps: DataDirOps = {
  mkdir: (dir) => mkdir(dir, { recursive: true }),
  writeFile: (file, data) => writeFile(file, data),
  rm: (file) => rm(file, { force: true }),
};

const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'it is on a read-only file system',
  ENOTDIR: 'part of the path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
};

/** Creates the folder if need be and writes (then removes) a probe file in it. */
export async function checkDataDir(dataDir: string, ops: DataDirOps = nodeOps): Promise<void> {
  const dir = path.resolve(dataDir);
  const probe = path.join(dir, `.write-check-${process.pid}`);
  try {
    await ops.mkdir(dir);
    await ops.writeFile(probe, 'ok');
    await ops.rm(probe);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const why = (typeof code === 'string' && WHY[code]) || (e instanceof Error ? e.message : String(e));
    throw new DataDirError(
      `Mention Desk cannot write to its data folder ${dir} (${why}).\n` +
        'The embedded store keeps its files there. Either make the folder writable by the user running the desk, ' +
        'set DESK_DATA_DIR to a folder it can write, or set DATABASE_URL to use a PostgreSQL server instead.',
      { cause: e },
    );
  }
}
