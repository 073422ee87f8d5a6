// The case_facts refresh, which every intake statement and case save runs through triggers, is never JIT-compiled
// (migration 0095): its kept plan, estimated from big tables, passed jit_above_cost and each call spent ~100 ms
// compiling. Shown here with auto_explain's plans of the nested statements sent back as notices, on a session where
// anything else would be compiled (jit_above_cost 0). PostgreSQL only: PGlite has no JIT.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitOfWork } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { seedCase } from './store-fixtures.js';

let db: Db;
let client: pg.Client | null = null;
let jitAvailable = false;

beforeAll(async () => {
  db = await openTestDatabase();
  if (db.kind !== 'postgres') return;
  client = new pg.Client({ connectionString: db.connectionString });
  await client.connect();
  jitAvailable = (await client.query<{ on: boolean }>('SELECT pg_jit_available() AS on')).rows[0]!.on;
  for (const s of ["LOAD 'auto_explain'", 'SET auto_explain.log_min_duration = 0', 'SET auto_explain.log_nested_statements = on', 'SET auto_explain.log_analyze = on', "SET auto_explain.log_level = 'notice'", 'SET jit = on', 'SET jit_above_cost = 0']) {
    await client.query(s);
  }
});
afterAll(async () => {
  await client?.end();
  await db?.close();
});

/** The plans auto_explain sent while `sql` ran. */
async function plansOf(sql: string, params: unknown[]): Promise<string[]> {
  const plans: string[] = [];
  const heard = (n: { message?: string }) => void plans.push(n.message ?? '');
  client!.on('notice', heard);
  try {
    await client!.query(sql, params);
  } finally {
    client!.off('notice', heard);
  }
  return plans;
}

describe('the case facts refresh', () => {
  it('is not JIT-compiled, where any other statement of the session is', async (t) => {
    if (!client || !jitAvailable) t.skip();
    const { case: c } = await seedCase(unitOfWork(db));
    const outside = await plansOf('SELECT count(*) FROM case_facts WHERE case_id = $1', [c.id]);
    expect(outside.join('\n')).toContain('JIT:');
    // The calling SELECT is the session's own (and compiled); the refresh's insert inside it is not.
    const refresh = (await plansOf('SELECT refresh_case_facts(ARRAY[$1])', [c.id])).filter((p) => p.includes('INSERT INTO case_facts'));
    expect(refresh).toHaveLength(1);
    expect(refresh[0]).not.toContain('JIT:');
  });
});
