// Search over past cases reads the trigram index (migration 0066), not every mention, on both stores: the plan
// of the very query the web desk's search runs names the index once a pass over the whole table is ruled out
// (a handful of rows would otherwise rightly be read in full), and the answers are the ILIKE's.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { mentionSchema } from '../../../src/domain/mention.js';
import { createWorkingCalendar } from '../../../src/policy/working-calendar.js';
import type { DeskContext } from '../../../src/services/desk-context.js';
import { ingestMentions } from '../../../src/services/ingest-mentions.js';
import { createPgStore } from '../../../src/store/create-pg-store.js';
import type { Db, Sql } from '../../../src/store/db.js';
import { PgCaseListing } from '../../../src/store/pg-case-listing.js';
import type { CaseFilter } from '../../../src/web/case-listing.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { sampleMention } from '../../helpers/test-desk.js';

let db: Db;
let bins: string;

beforeAll(async () => {
  db = await openTestDatabase();
  const policy = await loadPolicy(null);
  const clock = { now: () => new Date('2026-06-01T09:00:00Z') };
  const ctx: DeskContext = { store: createPgStore(db, { clock }), clock, policy, calendar: createWorkingCalendar(policy.calendar), surfaces: [], newId: randomUUID };
  const opened = await ingestMentions(ctx, [
    mentionSchema.parse(sampleMention({ text: 'The recycling lorry skipped Elm Road again', author: { id: 'a1', name: 'Pat Jones', handle: 'patj' } })),
    mentionSchema.parse(sampleMention({ text: 'Lovely new benches in the park', author: { id: 'a2', name: 'Sam Green', handle: 'samgreen' } })),
  ]);
  bins = opened[0]!.caseId;
});
afterAll(async () => { await db?.close(); });

/** The search's answer, and the plan of its query with full passes over a table ruled out. */
async function search(filter: CaseFilter): Promise<{ ids: string[]; plan: string }> {
  const asked: Array<{ text: string; params: readonly unknown[] }> = [];
  const spy: Sql = { query: (text, params) => (asked.push({ text, params: params ?? [] }), db.query(text, params)), transaction: (work) => db.transaction(work) };
  const rows = await new PgCaseListing(spy).list(filter, { limit: 50, timeZone: 'Europe/London' });
  const { text, params } = asked[0]!;
  const plan = await db.transaction(async (tx) => {
    // A full pass over a table, by its heap or along its primary key, is what the index saves at scale.
    await tx.query('SET LOCAL enable_seqscan = off');
    await tx.query('SET LOCAL enable_indexscan = off');
    return (await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
  });
  return { ids: rows.map((r) => r.id), plan };
}

describe('search over past cases', () => {
  it('finds words of the post through the trigram index, whatever their case', async () => {
    const found = await search({ text: 'ELM ROAD' });
    expect(found.ids).toEqual([bins]);
    expect(found.plan).toContain('mentions_search_trgm_idx');
  });

  it('finds the author by name or handle through the same index', async () => {
    const found = await search({ author: 'patj' });
    expect(found.ids).toEqual([bins]);
    expect(found.plan).toContain('mentions_search_trgm_idx');
    expect((await search({ author: 'nobody like this' })).ids).toEqual([]);
  });
});
