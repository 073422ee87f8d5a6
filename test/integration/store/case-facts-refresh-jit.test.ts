// The case-facts refresh that every claim and every intake statement runs must never be compiled to machine code
// (migration 0095). On a table never ANALYZEd its estimated cost grows with the events table and passed
// jit_above_cost at about 100,000 events; each call then compiled for 50-80 ms around 0.3 ms of work, twice a claim.
// jit_above_cost = 0 here stands in for that estimate; auto_explain, sent to this client, shows what was compiled.
// PostgreSQL only: PGlite has no JIT.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { mentionSchema } from '../../../src/domain/mention.js';
import { createWorkingCalendar } from '../../../src/policy/working-calendar.js';
import { ingestMentions } from '../../../src/services/ingest-mentions.js';
import { createPgStore } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { openTestDatabase, testDatabaseKind } from '../../helpers/test-database.js';
import { sampleMention } from '../../helpers/test-desk.js';

const POLICY_FILE = new URL('../../fixtures/policy/test-policy.yml', import.meta.url).pathname;
const onPostgres = (await testDatabaseKind()) === 'postgres';

let db: Db;
let client: pg.Client;
/** The plans auto_explain sent this client since the last clear. */
let plans: string[] = [];
let jitAvailable = false;

beforeAll(async () => {
  if (!onPostgres) return;
  db = await openTestDatabase();
  client = new pg.Client({ connectionString: db.connectionString });
  await client.connect();
  client.on('notice', (n) => plans.push(n.message ?? ''));
  jitAvailable = (await client.query<{ on: boolean }>('SELECT pg_jit_available() AS on')).rows[0]!.on;
  await client.query(`LOAD 'auto_explain'`);
  for (const setting of ['auto_explain.log_min_duration = 0', 'auto_explain.log_nested_statements = on', 'auto_explain.log_analyze = on', 'auto_explain.log_timing = off', 'client_min_messages = log', 'jit_above_cost = 0']) {
    await client.query(`SET ${setting}`);
  }
});
afterAll(async () => {
  await client?.end();
  await db?.close();
});

describe.runIf(onPostgres)('the case-facts refresh', () => {
  it('is not compiled to machine code, however costly its plan looks', async (t) => {
    if (!jitAvailable) t.skip();
    const clock = { now: () => new Date() };
    const policy = await loadPolicy(POLICY_FILE);
    const ctx = { store: createPgStore(db, { clock }), clock, policy, calendar: createWorkingCalendar(policy.calendar), surfaces: ['slack' as const], newId: randomUUID };
    const [opened] = await ingestMentions(ctx, [mentionSchema.parse(sampleMention({ externalId: `jit-${randomUUID()}` }))]);

    // The control: at this cost any other statement of this session is compiled.
    plans = [];
    await client.query('SELECT count(*) FROM events WHERE case_id = $1', [opened!.caseId]);
    expect(plans.join('\n')).toContain('JIT:');

    plans = [];
    await client.query('SELECT refresh_case_facts(ARRAY[$1::text])', [opened!.caseId]);
    const refresh = plans.filter((p) => p.includes('INSERT INTO case_facts'));
    expect(refresh).toHaveLength(1);
    expect(refresh[0]).not.toContain('JIT:');
  });
});
