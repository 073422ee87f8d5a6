// `npm start` as an operator runs it: SIGTERM stops the desk promptly, and a data folder it cannot use is
// explained in words, not an EACCES stack.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDeskProcess as startProcess } from '../helpers/desk-process.js';

const startDeskProcess = (env: Record<string, string>) => startProcess({ DATABASE_URL: '', LOG_LEVEL: 'silent', ...env });

describe('the desk process', () => {
  it('stops within seconds of SIGTERM, with exit code 0', async () => {
    const p = startDeskProcess({ DESK_DATA_DIR: await mkdtemp(join(tmpdir(), 'desk-proc-')) });
    await expect.poll(p.output, { timeout: 100_000, interval: 100 }).toMatch(/http:\/\//);
    const started = Date.now();
    p.child.kill('SIGTERM');
    const code = await p.exited;
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(code).toBe(0);
  }, 120_000);

  it('explains a data folder it cannot write, and exits 1 without a stack trace', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'desk-proc-'));
    await writeFile(join(parent, 'data'), 'a file where the folder should be');
    const p = startDeskProcess({ DESK_DATA_DIR: join(parent, 'data', 'store') });
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/cannot write to its data folder .*data\/store/);
    expect(p.output()).toMatch(/DESK_DATA_DIR/);
    expect(p.output()).not.toMatch(/\n\s+at /);
  }, 60_000);
});
