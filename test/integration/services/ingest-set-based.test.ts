// Intake is set-based: a batch of 100 costs the same statements as a batch of 1, and idempotency,
// duplicates inside one batch, and an author seen many times in one batch all come out as before.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { mentionSchema, type Mention } from '../../../src/domain/mention.js';
import { createWorkingCalendar } from '../../../src/policy/working-calendar.js';
import type { DeskContext } from '../../../src/services/desk-context.js';
import { ingestMentions } from '../../../src/services/ingest-mentions.js';
import { createPgStore } from '../../../src/store/create-pg-store.js';
import type { Db, Sql } from '../../../src/store/db.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { sampleMention } from '../../helpers/test-desk.js';

let db: Db;
let ctx: DeskContext;
let statements = 0;
const clock = { now: () => new Date('2026-11-23T10:00:00Z') }; // a Monday morning: no out-of-hours replies

/** Run once, after the next statement that reads case numbers (intake's look) and before its answer is used. */
let afterNextLook: (() => Promise<unknown>) | null = null;

/**
 * The same database, counting every statement intake sends (BEGIN and COMMIT included); not the announcement of its
 * new cases, sent after its commit on its own (pg-notifier.ts).
 */
function counting(inner: Db): Db {
  const wrap = (sql: Sql): Sql => ({
    query: async <T,>(text: string, params?: readonly unknown[]) => {
      if (!text.includes('pg_notify')) statements += 1;
      const rows = await sql.query<T>(text, params);
      const then = text.includes('intake_look(') ? afterNextLook : null;
      if (then) {
        afterNextLook = null;
        await then();
      }
      return rows;
    },
    transaction: (work) => ((statements += 2), sql.transaction((tx) => work(wrap(tx)))),
  });
  return { ...inner, ...wrap(inner) };
}

beforeAll(async () => {
  db = await openTestDatabase();
  const policy = await loadPolicy(null);
  ctx = { store: createPgStore(counting(db), { clock }), clock, policy, calendar: createWorkingCalendar(policy.calendar), surfaces: ['slack'], newId: randomUUID };
});
afterAll(async () => db?.close());

const mentions = (n: number, author = (i: number) => `author-${randomUUID()}-${i}`): Mention[] =>
  Array.from({ length: n }, (_, i) => mentionSchema.parse(sampleMention({ externalId: `set-${randomUUID()}`, author: { id: author(i), name: 'Jo Bloggs', handle: 'jo', followers: 10, verified: false } })));

async function statementsFor(batch: readonly Mention[]): Promise<number> {
  statements = 0;
  await ingestMentions(ctx, batch);
  return statements;
}

describe('set-based intake', () => {
  it('stores a batch of 100 in the same number of statements as a batch of 1', async () => {
    // The same topic throughout, so the surge look-up is one statement in both.
    const one = await statementsFor(mentions(1));
    const hundred = await statementsFor(mentions(100));
    expect(hundred).toBe(one);
    // The stored copies, case numbers and surge look-up; the mentions, cases, accounts, events and outbox, committed
    // as one statement (no BEGIN, no COMMIT).
    expect(hundred).toBe(2);
    const cases = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    expect(cases.rows[0]!.n).toBe(101);
  });

  it('answers a resent batch with the same cases, opening nothing, in a constant number of statements', async () => {
    const batch = mentions(50);
    const first = await ingestMentions(ctx, batch);
    statements = 0;
    const again = await ingestMentions(ctx, [...batch].reverse());
    // The look, which finds them all stored with their cases.
    expect(statements).toBe(1);
    expect(again).toEqual([...first].reverse().map((o) => ({ caseId: o.caseId, duplicate: true })));
    expect(new Set(first.map((o) => o.caseId)).size).toBe(50);
  });

  it('opens one case for a post sent twice in one batch, and calls the second a duplicate', async () => {
    const [m] = mentions(1);
    const outcomes = await ingestMentions(ctx, [m!, ...mentions(2), m!]);
    expect(outcomes[3]).toEqual({ caseId: outcomes[0]!.caseId, duplicate: true });
    expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(3);
  });

  it('counts every case of an author who appears many times in one batch, keeping the latest name', async () => {
    const batch = mentions(5, () => 'prolific-author');
    const last = { ...batch[4]!, author: { ...batch[4]!.author, name: 'Jo Bloggs-Renamed' } };
    await ingestMentions(ctx, [...batch.slice(0, 4), last]);
    const account = await db.query<{ cases_count: number; name: string }>(`SELECT cases_count, name FROM accounts WHERE key = $1`, [`${last.network}:prolific-author`]);
    expect(account.rows[0]).toEqual({ cases_count: 5, name: 'Jo Bloggs-Renamed' });
  });

  it('stores none of a batch one of whose posts another request stored after its look, then looks again and stores the rest', async () => {
    const batch = mentions(5);
    const events = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]!.n;
    const eventsBefore = await events();
    let other: Awaited<ReturnType<typeof ingestMentions>> = [];
    afterNextLook = async () => (other = await ingestMentions(ctx, [batch[2]!]));
    statements = 0;
    const outcomes = await ingestMentions(ctx, batch);
    // Look, store (refused: nothing of the batch goes in), look again, store the four still new.
    expect(statements - 2).toBe(4);
    expect(outcomes[2]).toEqual({ caseId: other[0]!.caseId, duplicate: true });
    expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(4);
    const stored = await db.query<{ id: string }>('SELECT c.id FROM cases c JOIN mentions m ON m.id = c.mention_id WHERE m.external_id = ANY($1::text[])', [batch.map((m) => m.externalId)]);
    expect(stored.rows.map((r) => r.id).sort()).toEqual(outcomes.map((o) => o.caseId).sort());
    // Each case's events went in once, with none for a case the refused statement numbered.
    const perCase = await db.query<{ case_id: string; n: number }>(`SELECT case_id, count(*)::int AS n FROM events WHERE type = 'case.opened' AND case_id = ANY($1::text[]) GROUP BY case_id`, [outcomes.map((o) => o.caseId)]);
    expect(perCase.rows.map((r) => r.n)).toEqual([1, 1, 1, 1, 1]);
    expect(await events()).toBe(eventsBefore + (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE case_id = ANY($1::text[])', [outcomes.map((o) => o.caseId)])).rows[0]!.n);
  });

  it('gives every concurrent sender of the same posts the same cases', async () => {
    const batch = mentions(30);
    const answers = await Promise.all(Array.from({ length: 4 }, (_, i) => ingestMentions(ctx, i % 2 ? [...batch].reverse() : batch)));
    const ids = answers.map((a, i) => (i % 2 ? [...a].reverse() : a).map((o) => o.caseId));
    for (const other of ids.slice(1)) expect(other).toEqual(ids[0]);
    const opened = answers.flat().filter((o) => !o.duplicate);
    expect(opened).toHaveLength(30);
  });
});
