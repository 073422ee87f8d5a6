// What one intake batch reads must not grow with the history (issue 13). PostgreSQL keeps a prepared statement's
// or a PL/pgSQL statement's plan for the life of a connection, made with the sizes of the tables when it was first
// run, and replans only after an ANALYZE (none runs here, as none ran on the benchmark's server: autovacuum off). So
// the connection measured is one that ran intake on an empty database first, as a desk started on a new install
// does, and the work is counted in the database's own statistics for each of intake's statements, sent here in a
// transaction of its own (blocks of the desk's tables and indexes fetched, rows read by sequential scans), not timed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCaseHistory, insertCaseHistory } from '../../../bench/generate-case-history.js';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { mentionSchema, type Mention } from '../../../src/domain/mention.js';
import { createWorkingCalendar } from '../../../src/policy/working-calendar.js';
import type { DeskContext } from '../../../src/services/desk-context.js';
import { ingestMentions } from '../../../src/services/ingest-mentions.js';
import { createPgStore } from '../../../src/store/create-pg-store.js';
import type { Db, QueryOptions, Rows, Sql } from '../../../src/store/db.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { sampleMention } from '../../helpers/test-desk.js';

const HISTORY = 3_000;
const NOW = new Date('2026-11-23T10:00:00Z'); // a Monday morning
const clock = { now: () => NOW };

interface Work {
  /** Blocks of the desk's tables and indexes the transaction fetched (from shared buffers or disk). */
  readonly blocks: number;
  /** Rows the transaction's sequential scans of the desk's tables read. */
  readonly seqRows: number;
}

let db: Db;
let desk: Db;
let ctx: DeskContext;
/** What the statements of the intake under way have done so far. */
let work: Work = { blocks: 0, seqRows: 0 };

// What this backend has counted and not yet reported: the counts run on across transactions until they are
// flushed (at a transaction's end, at most once a second), never during one, so a transaction's work is the
// difference between its start and its end.
// The trigram index of mentions is left out: it gathers new entries in a pending list and merges them into the
// index when the list is full (4 MB), in whichever transaction fills it, so a batch's share of that work is a
// matter of timing, not of the history.
const COUNTED = `
  SELECT (SELECT coalesce(sum(pg_stat_get_xact_blocks_fetched(c.oid)), 0) FROM pg_class c
           WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'i')
             AND c.relname <> 'mentions_search_trgm_idx') AS blocks,
         (SELECT coalesce(sum(seq_tup_read), 0) FROM pg_stat_xact_user_tables WHERE schemaname = current_schema()) AS seq_rows`;

async function counted(tx: Sql): Promise<Work> {
  const row = (await tx.query<{ blocks: string; seq_rows: string }>(COUNTED)).rows[0]!;
  return { blocks: Number(row.blocks), seqRows: Number(row.seq_rows) };
}

/** `inner`, each statement sent in a transaction of its own that counts the statement's work into `work`. */
function measured(inner: Db): Db {
  const query = <T,>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<Rows<T>> =>
    inner.transaction(async (tx) => {
      const before = await counted(tx);
      const result = await tx.query<T>(text, params, options);
      const after = await counted(tx);
      work = { blocks: work.blocks + after.blocks - before.blocks, seqRows: work.seqRows + after.seqRows - before.seqRows };
      return result;
    });
  return { ...inner, query };
}

const batch = (): Mention[] => Array.from({ length: 100 }, () => mentionSchema.parse(sampleMention({ externalId: `bounded-${randomUUID()}`, postedAt: NOW.toISOString() })));

/** The work of intake taking a new batch of 100, then of the same batch sent again: every statement of each. */
async function workOfABatch(): Promise<{ fresh: Work; resent: Work }> {
  const mentions = batch();
  const workOf = async () => {
    work = { blocks: 0, seqRows: 0 };
    await ingestMentions(ctx, mentions);
    return work;
  };
  const fresh = await workOf();
  return { fresh, resent: await workOf() };
}

beforeAll(async () => {
  db = await openTestDatabase();
  // One connection, so every batch runs on the backend whose plans were made on the empty database.
  desk = db.openMaintenanceHandle();
  const policy = await loadPolicy(null);
  ctx = { store: createPgStore(measured(desk), { clock }), clock, policy, calendar: createWorkingCalendar(policy.calendar), surfaces: ['slack'], newId: randomUUID };
});
afterAll(async () => {
  await desk?.close();
  await db?.close();
});

describe('the work of an intake batch as the history grows', () => {
  it(`stays flat from an empty database to ${HISTORY.toLocaleString('en-GB')} stored cases, on the connection that planned it when empty`, async () => {
    // More than five runs of each statement: a prepared statement settles on its generic plan after five.
    for (let i = 0; i < 6; i++) await workOfABatch();
    const empty = await workOfABatch();

    // The history recent and largely on the batch's topic, so the surge look-up has plenty in its window.
    const calendar = createWorkingCalendar((await loadPolicy(null)).calendar);
    const history = [...generateCaseHistory({ cases: HISTORY, from: new Date(NOW.getTime() - 25 * 60_000), to: NOW, seed: 13, calendar, firstNumber: 5_000_000 })];
    let seq = 10_000_000;
    for (let i = 0; i < history.length; i += 2_000) seq = await insertCaseHistory(db, history.slice(i, i + 2_000), seq);
    const full = await workOfABatch();

    // A whole-table scan of mentions, cases or case_facts alone would read 10,000 rows or more.
    expect(full.fresh.seqRows).toBeLessThan(HISTORY / 20);
    expect(full.resent.seqRows).toBeLessThan(HISTORY / 20);
    // Each index look-up may go one level deeper (four blocks where there were three): more work, but not in
    // proportion to the history. (Before migration 0081, at 20,000 cases, a batch fetched 170 times as many.)
    expect(full.fresh.blocks).toBeLessThan(empty.fresh.blocks * 1.6);
    expect(full.resent.blocks).toBeLessThan(empty.resent.blocks * 1.6);
  }, 120_000);
});
