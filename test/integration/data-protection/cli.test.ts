// The data-protection commands as an operator runs them: retention's dry run, audit:verify against the signed
// checkpoints (and catching a re-hashed chain), and a case export written to a file.
// Each command is a process of its own, as an operator starts it: slow on the embedded store, so only these three.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { publishCheckpoint } from '../../../src/services/publish-checkpoint.js';
import { createCheckpointFolder } from '../../../src/store/checkpoint-folder.js';
import { createCheckpointSigner, generateCheckpointKeys } from '../../../src/store/checkpoint-signature.js';
import type { Db } from '../../../src/store/db.js';
import { hashEvent } from '../../../src/store/event-hash.js';
import { EventSealer } from '../../../src/store/event-sealer.js';
import { migrate } from '../../../src/store/migrate.js';
import { openDatabase, type DatabaseOptions } from '../../../src/store/open-database.js';
import { PgChainHistory } from '../../../src/store/pg-chain-history.js';
import { seedPgliteFolder } from '../../helpers/desk-process.js';
import { entryPointArgs } from '../../helpers/entry-point.js';
import { openTestDatabase, testDatabaseKind } from '../../helpers/test-database.js';
import { buildHistory, dataProtectionContext, settableClock } from './history-builder.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-dp-cli-'));
const keys = generateCheckpointKeys();
let options: DatabaseOptions;
let cleanup: () => Promise<void>;
let caseId = '';

async function withDb<T>(job: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase(options);
  try {
    return await job(db);
  } finally {
    await db.close();
  }
}

async function cli(script: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env, DATABASE_URL: options.databaseUrl ?? '', DESK_DATA_DIR: options.dataDir, DESK_POLICY: '',
    DESK_CHECKPOINT_DIR: path.join(work, 'checkpoints'), DESK_CHECKPOINT_KEY: path.join(work, 'key.pem'), DESK_CHECKPOINT_PUBLIC_KEY: path.join(work, 'key.pub.pem'),
  };
  try {
    const { stdout, stderr } = await run(process.execPath, [...entryPointArgs(path.join('src/cli', script)), ...args], { cwd: root, env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  // Migrated already (copied from the template, or the migrated image written into the folder): these commands are
  // the subject here, and every migration replayed in WebAssembly took a third of this file on the embedded store.
  // migrate() below still runs, finding each migration applied, as a desk checks at start.
  if ((await testDatabaseKind()) === 'postgres') {
    const db = await openTestDatabase();
    options = { databaseUrl: String(db.connectionString), dataDir: '' };
    cleanup = () => db.close();
  } else {
    options = { dataDir: path.join(work, 'data') };
    await seedPgliteFolder(options.dataDir);
    cleanup = async () => {};
  }
  fs.writeFileSync(path.join(work, 'key.pem'), keys.privateKeyPem);
  fs.writeFileSync(path.join(work, 'key.pub.pem'), keys.publicKeyPem);
  await withDb(async (db) => {
    await migrate(db);
    const ctx = await dataProtectionContext(db, settableClock('2025-01-10T12:00:00Z'));
    caseId = await buildHistory(ctx, { authorId: '42', text: 'Is the library open?', reply: 'Yes, until 8', closedAt: '2025-01-10T10:00:00.000Z' });
    await buildHistory(ctx, { authorId: '43', text: 'Bins missed' });
    const deps = { chain: new PgChainHistory(db), signer: createCheckpointSigner(keys.privateKeyPem), archive: createCheckpointFolder(path.join(work, 'checkpoints')), sealNow: () => new EventSealer(db).sealOnce() };
    await publishCheckpoint(ctx, deps);
  });
}, 60_000);
afterAll(async () => {
  await cleanup?.();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('data-protection commands', () => {
  it('retention -- --dry-run lists the case that is due and changes nothing', async () => {
    const result = await cli('retention.ts', ['--dry-run']);
    expect(result.stdout).toMatch(new RegExp(`^would redact 1 closed case\\(s\\) \\(dry run: nothing changed\\)\\n  ${caseId}: routine, closed 2025-01-10T10:00:00.000Z, due 2026-01-10T10:00:00.000Z`));
    expect(result.code).toBe(0);
    const post = await withDb(async (db) => (await db.query<{ text: string }>(`SELECT m.body->>'text' AS text FROM mentions m JOIN cases c ON c.mention_id = m.id WHERE c.id = $1`, [caseId])).rows[0]?.text);
    expect(post).toBe('Is the library open?');
  });

  it('audit:verify agrees with the signed checkpoint, and names the divergence of a re-hashed chain', async (t: TestContext) => {
    const ok = await cli('audit-verify.ts');
    expect(ok.stdout).toMatch(/chain intact: \d+ events[\s\S]*agrees with 1 signed checkpoint\(s\)/);
    expect(ok.code).toBe(0);
    const superuser = await withDb(async (db) => (await db.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).rows[0]?.rolsuper === true);
    if (!superuser) t.skip('the test role cannot disable triggers');
    await withDb(async (db) => {
      // Rewrite event 2's actor and re-hash from there: the chain verifies by itself afterwards.
      const rows = (await db.query<{ seq: string; body: { actor: object }; prev_hash: string }>('SELECT seq, body, prev_hash FROM events WHERE seq >= 2 ORDER BY seq')).rows;
      let prev = rows[0]!.prev_hash;
      await db.transaction(async (tx) => {
        await tx.query('ALTER TABLE events DISABLE TRIGGER ALL');
        for (const [i, r] of rows.entries()) {
          const body = i === 0 ? { ...r.body, actor: { ...r.body.actor, name: 'Someone Else' } } : r.body;
          const hash = hashEvent(prev, body);
          await tx.query('UPDATE events SET body = $2, prev_hash = $3, hash = $4 WHERE seq = $1', [r.seq, JSON.stringify(body), prev, hash]);
          prev = hash;
        }
        await tx.query('ALTER TABLE events ENABLE TRIGGER ALL');
        await tx.query('UPDATE event_chain_head SET last_hash = $1', [prev]);
      });
    });
    const caught = await cli('audit-verify.ts');
    expect(caught.stdout).toMatch(/^chain intact/);
    expect(caught.stderr).toMatch(/log diverges from the signed checkpoints: event seq \d+ has hash .* the history was rewritten from an event in seq 1\.\.\d+/);
    expect(caught.code).toBe(1);
  });

  it('export:case writes the zip with a proof anchored by the checkpoint', async () => {
    const out = path.join(work, `${caseId}-export.zip`);
    const first = await cli('export-case.ts', [caseId, '--out', out]);
    expect(first.stdout).toMatch(/^wrote .*-export\.zip \(\d+ bytes\)/);
    expect(first.stdout).toMatch(/proof: anchored at seq \d+ by the checkpoint of/);
    expect(fs.existsSync(out)).toBe(true);
  });
});
