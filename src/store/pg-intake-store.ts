// Owns intake's writes in as few statements as can be: the mentions with their case ids, any stored copies and
// the surge look-up of every topic in one, and the cases, accounts, events and outbox items in one. The SQL of
// each table is its repository's, composed here as the CTEs of one statement.
import type { Case } from '../domain/case.js';
import type { CaseEvent, IdentifiedCaseEvent } from '../domain/events.js';
import type { CaseOnTopic, IntakeClaim, IntakeStore } from '../services/intake-ports.js';
import type { AccountSeen, Clock, MentionArrival, OutboxItem } from '../services/ports.js';
import type { Sql } from './db.js';
import { foldSightings, recordSightingsSql } from './pg-account-repository.js';
import { ANNOUNCE, CASE_ID_PREFIX, caseRows, insertCasesSql } from './pg-case-repository.js';
import { eventParams, identifyEvents, insertEventsCtes, withSeqs } from './pg-event-log.js';
import { existingMentionIds, insertMentionsSql, mentionKey, mentionRows } from './pg-mention-repository.js';
import { anyDueNow, enqueueSql, outboxRows } from './pg-outbox.js';

/**
 * Inserted mentions get a case id each ($4 and a number, ascending in the order given, `ord`); the others their
 * stored copy and its case, as far as the statement's snapshot shows them (a copy committed while ON CONFLICT
 * waited on it is not in it: see claim). Then, per topic of the new cases, the stored cases as
 * MentionRepository.recentOnTopic reads them (up to $3 posted since $2) and the new ones, the first $3 of both
 * (which are among the first $3 of each). The snapshot shows none of this statement's mentions, so a new case
 * is counted once. The stored ones are read only up to the $3-th post time in the index's order (ties with it
 * included, for the case id order): sorting every post on the topic in the window made each transaction cost
 * in proportion to the surge it was looking for. A stored copy is looked up by its key, per mention (a lateral
 * subquery the planner cannot flatten, OFFSET 0): as a join, the plan the statement kept from an empty database
 * hashed the mentions and read them all whenever a batch was sent again.
 */
const CLAIM = `
  WITH input AS MATERIALIZED (
    SELECT r.id, r.network, r.external_id, r.topic, r.posted_at, r.ord
      FROM jsonb_to_recordset($1::jsonb) AS r(id text, network text, external_id text, topic text, posted_at timestamptz, ord integer)
  ), ins AS (${insertMentionsSql('$1')} RETURNING id),
  numbers AS MATERIALIZED (SELECT nextval('case_number_seq') AS n FROM ins),
  opening AS MATERIALIZED (
    SELECT a.id, a.topic, a.posted_at, $4::text || k.n AS case_id
      FROM (SELECT i.id, i.topic, i.posted_at, row_number() OVER (ORDER BY i.ord) AS r FROM input i WHERE i.id IN (SELECT id FROM ins)) a
      JOIN (SELECT n, row_number() OVER (ORDER BY n) AS r FROM numbers) k ON k.r = a.r
  )
  SELECT 'new' AS kind, o.id, o.case_id, NULL AS existing_id, NULL AS topic, NULL::timestamptz AS posted_at FROM opening o
  UNION ALL
  SELECT 'stored', i.id, s.case_id, s.existing_id, NULL, NULL
    FROM input i CROSS JOIN LATERAL (
      SELECT c.id AS case_id, m.id AS existing_id FROM mentions m JOIN cases c ON c.mention_id = m.id
       WHERE m.network = i.network AND m.external_id = i.external_id OFFSET 0) s
   WHERE i.id NOT IN (SELECT id FROM ins)
  UNION ALL
  SELECT 'recent', NULL, r.case_id, NULL, t.topic, r.posted_at
    FROM (SELECT DISTINCT topic FROM opening WHERE topic IS NOT NULL) t
    CROSS JOIN LATERAL (
      SELECT u.case_id, u.posted_at FROM (
        (SELECT c.id AS case_id, m.posted_at FROM mentions m JOIN cases c ON c.mention_id = m.id
          WHERE m.topic = t.topic AND m.posted_at >= $2
            AND m.posted_at <= coalesce((
              SELECT m2.posted_at FROM mentions m2 JOIN cases c2 ON c2.mention_id = m2.id
               WHERE m2.topic = t.topic AND m2.posted_at >= $2 ORDER BY m2.posted_at OFFSET $3 - 1 LIMIT 1), 'infinity')
          ORDER BY m.posted_at, c.id LIMIT $3)
        UNION ALL
        SELECT o.case_id, o.posted_at FROM opening o WHERE o.topic = t.topic AND o.posted_at >= $2
      ) u ORDER BY u.posted_at, u.case_id LIMIT $3) r
  ORDER BY kind, topic, posted_at, case_id`;

/**
 * announced is read by the last line only so that it runs (a CTE that only SELECTs runs when read); it answers
 * one row of nulls, which is not an event.
 */
const RECORD = `
  WITH saved AS (${insertCasesSql('$1')}),
  announced AS MATERIALIZED (${ANNOUNCE}),
  seen AS (${recordSightingsSql('$2')}),
  ${insertEventsCtes('$3', '$4')},
  queued AS (${enqueueSql('$5')})
  SELECT seq, id FROM inserted
  UNION ALL SELECT NULL, NULL FROM (SELECT count(*) FROM announced) AS a`;

export class PgIntakeStore implements IntakeStore {
  constructor(
    private readonly sql: Sql,
    // The outbox's "now" must come from the clock the worker compares run_at with.
    private readonly clock: Clock,
    private readonly onEnqueued: () => void = () => {},
  ) {}

  async claim(arrivals: readonly MentionArrival[], surge: { readonly since: Date; readonly limit: number }): Promise<{ claims: IntakeClaim[]; recent: CaseOnTopic[] }> {
    if (!arrivals.length) return { claims: [], recent: [] };
    const order = new Map(arrivals.map((a, i) => [a.id, i]));
    const rows = mentionRows(arrivals).map((r) => ({ ...r, ord: order.get(r.id) }));
    const result = await this.sql.query<{ kind: 'new' | 'stored' | 'recent'; id: string | null; case_id: string; existing_id: string | null; topic: string | null; posted_at: Date | null }>(
      CLAIM, [JSON.stringify(rows), surge.since, surge.limit, CASE_ID_PREFIX], { prepareAs: 'desk_intake_claim' },
    );
    const opened = new Map(result.rows.flatMap((r) => (r.kind === 'new' ? [[r.id!, r.case_id] as const] : [])));
    const seen = new Map(result.rows.flatMap((r) => (r.kind === 'stored' ? [[r.id!, { existingId: r.existing_id!, caseId: r.case_id }] as const] : [])));
    const late = await this.lateCopies(arrivals.filter((a) => !opened.has(a.id) && !seen.has(a.id)));
    const claims = arrivals.map((a): IntakeClaim => {
      const caseId = opened.get(a.id);
      if (caseId) return { inserted: true, caseId };
      const copy = seen.get(a.id) ?? late.get(mentionKey(a.mention));
      if (!copy) throw new Error(`mention ${a.mention.network}/${a.mention.externalId} conflicted but cannot be found with its case`);
      return { inserted: false, ...copy };
    });
    const recent = result.rows.flatMap((r) => (r.kind === 'recent' ? [{ caseId: r.case_id, topic: r.topic!, postedAt: r.posted_at! }] : []));
    return { claims, recent };
  }

  identify(events: readonly CaseEvent[]): IdentifiedCaseEvent[] {
    return identifyEvents(events);
  }

  async record(batch: { readonly cases: readonly Case[]; readonly sightings: readonly { readonly account: AccountSeen; readonly at: Date }[]; readonly events: readonly IdentifiedCaseEvent[]; readonly outbox: readonly OutboxItem[] }): Promise<void> {
    if (!batch.cases.length) return;
    const now = this.clock.now();
    const inserted = await this.sql.query<{ seq: string | null; id: string | null }>(RECORD, [
      JSON.stringify(caseRows(batch.cases)),
      JSON.stringify(foldSightings(batch.sightings)),
      ...eventParams(batch.events),
      JSON.stringify(outboxRows(batch.outbox, now)),
    ], { prepareAs: 'desk_intake_record' });
    withSeqs(batch.events, inserted.rows.filter((r): r is { seq: string; id: string } => r.id !== null));
    if (anyDueNow(batch.outbox, now)) this.onEnqueued();
  }

  /**
   * Copies the claim's snapshot did not show (committed by another transaction while ours waited on them in ON
   * CONFLICT), with their cases, by mentionKey: statements begun after the claim see them.
   */
  private async lateCopies(unseen: readonly MentionArrival[]): Promise<Map<string, { existingId: string; caseId: string }>> {
    if (!unseen.length) return new Map();
    const ids = await existingMentionIds(this.sql, unseen.map((a) => a.mention));
    const result = await this.sql.query<{ id: string; mention_id: string }>('SELECT id, mention_id FROM cases WHERE mention_id = ANY($1::text[])', [[...ids.values()]]);
    const caseOf = new Map(result.rows.map((r) => [r.mention_id, r.id]));
    return new Map([...ids].flatMap(([key, existingId]) => {
      const caseId = caseOf.get(existingId);
      return caseId ? [[key, { existingId, caseId }] as const] : [];
    }));
  }
}
