// Owns intake's writes as few statements as can be: the mentions with their case numbers and any stored copies
// in one, the surge look-up of every topic in one, and the cases, accounts, events and outbox items in one. The SQL
// of each table is its repository's, composed here as the CTEs of one statement.
import type { Case } from '../domain/case.js';
import type { CaseEvent, IdentifiedCaseEvent } from '../domain/events.js';
import type { AccountSeen, CaseOnTopic, Clock, IntakeClaim, IntakeStore, MentionArrival, OutboxItem } from '../services/ports.js';
import type { Sql } from './db.js';
import { foldSightings, recordSightingsSql } from './pg-account-repository.js';
import { ANNOUNCE, CASE_ID_PREFIX, caseRows, insertCasesSql } from './pg-case-repository.js';
import { eventParams, identifyEvents, insertEventsCtes, withSeqs } from './pg-event-log.js';
import { existingMentionIds, insertMentionsSql, mentionKey, mentionRows } from './pg-mention-repository.js';
import { enqueueSql, outboxRows } from './pg-outbox.js';

/**
 * Inserted mentions get a case number each; the others their stored copy and its case, as far as the statement's
 * snapshot shows them (a copy committed while ON CONFLICT waited on it is not in it: see claim).
 */
const CLAIM = `
  WITH input AS MATERIALIZED (
    SELECT r.id, r.network, r.external_id FROM jsonb_to_recordset($1::jsonb) AS r(id text, network text, external_id text)
  ), ins AS (${insertMentionsSql('$1')} RETURNING id)
  SELECT ins.id, nextval('case_number_seq')::text AS case_number, NULL AS existing_id, NULL AS case_id FROM ins
  UNION ALL
  SELECT i.id, NULL, m.id, c.id
    FROM input i JOIN mentions m ON m.network = i.network AND m.external_id = i.external_id
    JOIN cases c ON c.mention_id = m.id
   WHERE i.id NOT IN (SELECT id FROM ins)`;

/**
 * Per topic, the stored cases as recentOnTopic reads them (up to $3), then with the cases about to be recorded
 * ($4) the first $3 again: the first n of both are among the first n of each.
 */
const RECENT_ON_TOPICS = `
  SELECT t.topic, r.case_id, r.posted_at
    FROM unnest($1::text[]) WITH ORDINALITY AS t(topic, ord)
    CROSS JOIN LATERAL (
      SELECT u.case_id, u.posted_at FROM (
        (SELECT c.id AS case_id, m.posted_at FROM mentions m JOIN cases c ON c.mention_id = m.id
          WHERE m.topic = t.topic AND m.posted_at >= $2 ORDER BY m.posted_at, c.id LIMIT $3)
        UNION ALL
        SELECT o.case_id, o.posted_at FROM jsonb_to_recordset($4::jsonb) AS o(case_id text, topic text, posted_at timestamptz)
         WHERE o.topic = t.topic AND o.posted_at >= $2
      ) u ORDER BY u.posted_at, u.case_id LIMIT $3) r
   ORDER BY t.ord, r.posted_at, r.case_id`;

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

  async claim(arrivals: readonly MentionArrival[]): Promise<IntakeClaim[]> {
    if (!arrivals.length) return [];
    const result = await this.sql.query<{ id: string; case_number: string | null; existing_id: string | null; case_id: string | null }>(CLAIM, [JSON.stringify(mentionRows(arrivals))]);
    const numbers = result.rows.flatMap((r) => (r.case_number === null ? [] : [Number(r.case_number)])).sort((a, b) => a - b);
    const inserted = new Set(result.rows.flatMap((r) => (r.case_number === null ? [] : [r.id])));
    const seen = new Map(result.rows.flatMap((r) => (r.existing_id === null ? [] : [[r.id, { existingId: r.existing_id, caseId: r.case_id! }] as const])));
    const late = await this.lateCopies(arrivals.filter((a) => !inserted.has(a.id) && !seen.has(a.id)));
    let next = 0;
    return arrivals.map((a) => {
      if (inserted.has(a.id)) return { inserted: true, caseId: `${CASE_ID_PREFIX}${numbers[next++]}` };
      const copy = seen.get(a.id) ?? late.get(mentionKey(a.mention));
      if (!copy) throw new Error(`mention ${a.mention.network}/${a.mention.externalId} conflicted but cannot be found with its case`);
      return { inserted: false, ...copy };
    });
  }

  async recentOnTopics(topics: readonly string[], since: Date, limit: number, opening: readonly CaseOnTopic[]): Promise<CaseOnTopic[]> {
    if (!topics.length) return [];
    const batch = opening.map((o) => ({ case_id: o.caseId, topic: o.topic, posted_at: o.postedAt }));
    const result = await this.sql.query<{ topic: string; case_id: string; posted_at: Date }>(RECENT_ON_TOPICS, [[...topics], since, limit, JSON.stringify(batch)]);
    return result.rows.map((r) => ({ caseId: r.case_id, topic: r.topic, postedAt: r.posted_at }));
  }

  identify(events: readonly CaseEvent[]): IdentifiedCaseEvent[] {
    return identifyEvents(events);
  }

  async record(batch: { readonly cases: readonly Case[]; readonly sightings: readonly { readonly account: AccountSeen; readonly at: Date }[]; readonly events: readonly IdentifiedCaseEvent[]; readonly outbox: readonly OutboxItem[] }): Promise<void> {
    if (!batch.cases.length) return;
    const inserted = await this.sql.query<{ seq: string | null; id: string | null }>(RECORD, [
      JSON.stringify(caseRows(batch.cases)),
      JSON.stringify(foldSightings(batch.sightings)),
      ...eventParams(batch.events),
      JSON.stringify(outboxRows(batch.outbox, this.clock.now())),
    ]);
    withSeqs(batch.events, inserted.rows.filter((r): r is { seq: string; id: string } => r.id !== null));
    if (batch.outbox.length) this.onEnqueued();
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
