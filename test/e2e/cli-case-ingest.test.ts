// The newcomer's CLIs against a running desk: ingest a file through signed intake, then read a case's history.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryPointArgs } from '../helpers/entry-point.js';
import { startTestDesk, TEST_INTAKE_SECRET, TEST_READ_TOKEN, type TestDesk } from '../helpers/test-desk.js';

const run = promisify(execFile);
let desk: TestDesk;
beforeAll(async () => { desk = await startTestDesk(); });
afterAll(async () => { await desk.close(); });

function cli(script: string, ...args: string[]) {
  return run(process.execPath, [...entryPointArgs(`src/cli/${script}`), ...args, '--url', desk.url], { env: { ...process.env, INTAKE_SECRET: TEST_INTAKE_SECRET, DESK_API_TOKEN: TEST_READ_TOKEN }, timeout: 30_000 });
}

describe('npm run ingest and npm run case', () => {
  it('feeds the sample file in, then shows a case with its history', async () => {
    const ingested = await cli('ingest.ts', 'test/fixtures/mentions/sample.jsonl');
    expect(ingested.stdout).toContain('Done: 3 new cases, 0 duplicates.');
    const again = await cli('ingest.ts', 'test/fixtures/mentions/sample.jsonl');
    expect(again.stdout).toContain('Done: 0 new cases, 3 duplicates.');
    const rows = await desk.db.query<{ id: string }>(`SELECT c.id FROM cases c JOIN mentions m ON m.id = c.mention_id WHERE m.external_id = 'x-sample-2'`);
    const shown = await cli('show-case.ts', rows.rows[0]!.id);
    expect(shown.stdout).toMatch(new RegExp(`^${rows.rows[0]!.id} · new \\(version \\d+\\) · unclaimed · risk high`));
    expect(shown.stdout).toMatch(/#\d+ \S+ case\.opened by Mention Desk \(system\)/);
  });

  it('says so, and exits 1, for a case that does not exist', async () => {
    await expect(cli('show-case.ts', 'MD-999999')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('There is no case MD-999999.') });
  });
});
