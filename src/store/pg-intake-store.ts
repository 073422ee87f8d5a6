// Owns intake's reads and writes in as few statements as can be, each sent on its own (autocommit): the stored
// copies, new case numbers and the surge look-up of every topic in one, and the mentions, cases, accounts, events
// and outbox items in one. The SQL of each table is its repository's, composed here as the CTEs of one statement.
import type { CaseEvent, IdentifiedCaseEvent } from '../domain/events.js';
import { IntakeRaceError } from '../services/errors.js';
import type { CaseOnTopic, IntakeBatch, IntakeClaim, IntakeStore } from '../services/intake-ports.js';
import type { Clock, MentionArrival } from '../services/ports.js';
import type { Sql } from './db.js';
import { foldSightings, recordSightingsSql } from './pg-account-repository.js';
import { announceOn, CASE_ID_PREFIX, caseRows, insertCasesSql, type AnnounceCases } from './pg-case-repository.js';
import { eventParams, identifyEvents, insertEventsCtes, withSeqs } from './pg-event-log.js';
import { insertMentionsSql, mentionRows } from './pg-mention-repository.js';
import { anyDueNow, enqueueSql, outboxRows } from './pg-outbox.js';

/** The SQLSTATE refuse_intake_race raises (migration 0090). */
const INTAKE_RACE = 'MD001';

/**
 * Each mention's stored copy and its case (`ord` is its place in the batch); a case number ($4 and a number) for
 * each of the others; and, per topic of those, the stored cases as MentionRepository.recentOnTopic reads them (up
 * to $3 posted since $2). The statement is the function intake_look (migration 0096), planned once per connection:
 * as a prepared statement it was planned again at every call, which cost more than running it. The stored ones are
 * read only up to the $3-th post time in the index's order (ties with it included, for the case id order): sorting
 * every post on the topic in the window made each batch cost in proportion to the surge it was looking for. A stored
 * copy is looked up by its key, per mention (a lateral subquery the planner cannot flatten, OFFSET 0): as a join, the
 * plan the statement kept from an empty database hashed the mentions and read them all whenever a batch was sent
 * again. Numbers are taken here, outside any transaction (a sequence never rolls back anyway): the numbers of a batch
 * whose store is refused (see STORE) are left unused, a gap, as a rolled-back intake's always were.
 */
const LOOK = `SELECT kind, ord, case_id, existing_id, topic, posted_at FROM intake_look($1::jsonb, $2::timestamptz, $3::integer, $4::text)`;

/**
 * One statement, so one round trip and no transaction left open while the desk works: it commits as a whole or not
 * at all. `raced` refuses the whole statement when ON CONFLICT skipped a mention (stored by another request since
 * the look), so no case, event or outbox item goes in for a mention this batch did not store. If the statement
 * commits and its answer is lost (the connection drops), the client is not told 2xx and sends again: the look then
 * finds every mention stored and answers with the same cases, storing nothing new. raced is read by the last line
 * only so that it runs (a CTE that only SELECTs runs when read); it answers one row of nulls, which is not an event.
 * The new cases are announced after the commit, not in it (see pg-notifier.ts).
 */
const STORE = `
  WITH ins AS (${insertMentionsSql('$1')} RETURNING id),
  raced AS MATERIALIZED (SELECT refuse_intake_race(jsonb_array_length($1::jsonb) - count(*)) FROM ins),
  saved AS (${insertCasesSql('$2')}),
  seen AS (${recordSightingsSql('$3')}),
  ${insertEventsCtes('$4', '$5')},
  queued AS (${enqueueSql('$6')})
  SELECT seq, id FROM inserted
  UNION ALL SELECT NULL, NULL FROM (SELECT count(*) FROM raced) AS r`;

export class PgIntakeStore implements IntakeStore {
  constructor(
    private readonly sql: Sql,
    // The outbox's "now" must come from the clock the worker compares run_at with.
    private readonly clock: Clock,
    private readonly onEnqueued: () => void = () => {},
    private readonly announceSaved: AnnounceCases = announceOn(sql),
  ) {}

  async look(arrivals: readonly MentionArrival[], surge: { readonly since: Date; readonly limit: number }): Promise<{ claims: IntakeClaim[]; recent: CaseOnTopic[] }> {
    if (!arrivals.length) return { claims: [], recent: [] };
    const keys = arrivals.map((a, ord) => ({ network: a.mention.network, external_id: a.mention.externalId, topic: a.extra?.topic ?? null, posted_at: a.extra?.postedAt ?? a.receivedAt, ord }));
    const result = await this.sql.query<{ kind: 'stored' | 'number' | 'recent'; ord: number | null; case_id: string | null; existing_id: string | null; topic: string | null; posted_at: Date | null }>(
      LOOK, [JSON.stringify(keys), surge.since, surge.limit, CASE_ID_PREFIX], { prepareAs: 'desk_intake_look' },
    );
    const stored = new Map(result.rows.flatMap((r) => (r.kind === 'stored' ? [[r.ord!, r] as const] : [])));
    const numbers = result.rows.flatMap((r) => (r.kind === 'number' ? [r.case_id!] : [])).sort(byCaseNumber);
    const claims = arrivals.map((a, ord): IntakeClaim => {
      const copy = stored.get(ord);
      if (!copy) return { inserted: true, caseId: numbers.shift()! };
      if (!copy.case_id) throw new Error(`mention ${a.mention.network}/${a.mention.externalId} is stored but cannot be found with its case`);
      return { inserted: false, existingId: copy.existing_id!, caseId: copy.case_id };
    });
    const recent = result.rows.flatMap((r) => (r.kind === 'recent' ? [{ caseId: r.case_id!, topic: r.topic!, postedAt: r.posted_at! }] : []));
    return { claims, recent };
  }

  identify(events: readonly CaseEvent[]): IdentifiedCaseEvent[] {
    return identifyEvents(events);
  }

  async store(batch: IntakeBatch): Promise<void> {
    if (!batch.mentions.length) return;
    const now = this.clock.now();
    const params = [
      JSON.stringify(mentionRows(batch.mentions)),
      JSON.stringify(caseRows(batch.cases)),
      JSON.stringify(foldSightings(batch.sightings)),
      ...eventParams(batch.events),
      JSON.stringify(outboxRows(batch.outbox, now)),
    ];
    const inserted = await this.sql.query<{ seq: string | null; id: string | null }>(STORE, params, { prepareAs: 'desk_intake_store' }).catch((e: unknown) => {
      if ((e as { code?: unknown }).code === INTAKE_RACE) throw new IntakeRaceError((e as Error).message, { cause: e });
      throw e;
    });
    withSeqs(batch.events, inserted.rows.filter((r): r is { seq: string; id: string } => r.id !== null));
    if (anyDueNow(batch.outbox, now)) this.onEnqueued();
    await this.announceSaved(batch.cases);
  }
}

/** Case ids by their number ("MD-999" before "MD-1000"). */
function byCaseNumber(a: string, b: string): number {
  return Number(a.slice(CASE_ID_PREFIX.length)) - Number(b.slice(CASE_ID_PREFIX.length));
}
