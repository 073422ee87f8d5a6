// The start-up check on the embedded store's data folder: a folder the desk cannot write is named, with the reason
// in words and how to fix it, instead of an EACCES stack.
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDataDir, DataDirError, type DataDirOps } from '../../../src/config/check-data-dir.js';

const failing = (code: string): DataDirOps => ({
  mkdir: async () => undefined,
  writeFile: async () => Promise.reject(Object.assign(new Error(`${code}: open '/srv/desk/.write-check'`), { code })),
  rm: async () => undefined,
});

describe('checkDataDir', () => {
  it('creates a missing folder and leaves nothing behind in it', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'desk-dir-')), 'data');
    await checkDataDir(dir);
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    ['EACCES', /permission denied/],
    ['EROFS', /read-only file system/],
    ['ENOSPC', /disk is full/],
  ])('explains %s in words, names the folder, and says how to fix it', async (code, why) => {
    const error = await checkDataDir('/srv/desk', failing(code)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirError);
    const message = (error as Error).message;
    expect(message).toMatch(why);
    expect(message).toContain('/srv/desk');
    expect(message).toMatch(/DESK_DATA_DIR/);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).not.toMatch(/at .*\.js:\d+/);
  });

  it('says so when a file stands where the folder should be', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'desk-dir-'));
    await writeFile(join(parent, 'data'), 'not a folder');
    await expect(checkDataDir(join(parent, 'data', 'inner'))).rejects.toThrow(/not a folder|in the way/);
  });
});
