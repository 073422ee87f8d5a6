// Owns appending to and reading the event log: one linear hash chain across all cases, sealed
// by EventSealer after commit, so appenders never wait for one another.
import { randomUUID } from 'node:crypto';
import type { AppendedCaseEvent, CaseEvent, StoredCaseEvent } from '../domain/events.js';
import type { ChainVerdict, EventLog } from '../services/ports.js';
import type { Sql } from './db.js';
import { verifyEventChain } from './event-chain-verifier.js';
import type { EventRow } from './event-row.js';
import { EventSealer } from './event-sealer.js';
import { sealEvent, unsealEvent } from './personal-data-seal.js';
import { personalFieldsOfEvents } from './pg-personal-fields.js';

/**
 * One statement whatever the number of events: the CTEs `tx`, `inserted` (seq, id of each event) and `personal`,
 * to stand in a WITH of their own or of a larger statement (intake). The MATERIALIZED CTE gives the transaction
 * its id before nextval hands out a seq: the sealer relies on that order (see EventSealer.readMark).
 * The copied columns are read out of the body, so they cannot disagree with it. The residents'
 * fields kept apart (`personalParam`) go in with their events, so an event is never stored without them.
 */
export function insertEventsCtes(eventsParam: string, personalParam: string): string {
  return `
  tx AS MATERIALIZED (SELECT pg_current_xact_id() AS xid),
  inserted AS (
    INSERT INTO events (seq, xid, id, case_id, type, case_version, occurred_at, actor_id, surface, rule, body)
    SELECT nextval('event_seq'), tx.xid, (e.value->>'id')::uuid, b->>'caseId', b->>'type', (b->>'caseVersion')::int,
           (b->>'at')::timestamptz, b->'actor'->>'personId', b->'actor'->>'surface', b->>'rule', b
      FROM tx, jsonb_array_elements(${eventsParam}::jsonb) WITH ORDINALITY AS e(value, ord), LATERAL (SELECT e.value->'body' AS b) AS body
     ORDER BY e.ord
    RETURNING seq, id
  ), personal AS (
    INSERT INTO event_personal_data (event_id, field, value, salt)
    SELECT (p->>'eventId')::uuid, p->>'field', p->'value', p->>'salt' FROM jsonb_array_elements(${personalParam}::jsonb) AS p
  )`;
}

const INSERT_EVENTS = `WITH ${insertEventsCtes('$1', '$2')} SELECT seq, id FROM inserted`;

/** Events as they will be stored: each with its id, as JSON gives it back (what forCase will return). */
export function identifyEvents(events: readonly CaseEvent[]): Array<{ readonly id: string; readonly event: CaseEvent }> {
  return events.map((e) => ({ id: randomUUID(), event: JSON.parse(JSON.stringify(e)) as CaseEvent }));
}

/**
 * The two parameters of insertEventsCtes. The row holds (and the sealer hashes) the body with residents' fields
 * as salted digests; the fields are kept apart in event_personal_data so they can be erased without breaking the
 * chain (docs/erasure-design.md).
 */
export function eventParams(events: ReadonlyArray<{ readonly id: string; readonly event: CaseEvent }>): [string, string] {
  const sealed = events.map((e) => ({ id: e.id, ...sealEvent(e.event) }));
  const rows = sealed.map((r) => ({ id: r.id, body: r.body }));
  const personal = sealed.flatMap((r) => r.fields.map((f) => ({ eventId: r.id, field: f.field, value: f.value, salt: f.salt })));
  return [JSON.stringify(rows), JSON.stringify(personal)];
}

/**
 * Each event with the seq the statement gave it. Volatile expressions are evaluated after ORDER BY, so seqs
 * follow the given order; a case's history depends on it, so check rather than trust.
 */
export function withSeqs(events: ReadonlyArray<{ readonly id: string; readonly event: CaseEvent }>, inserted: ReadonlyArray<{ seq: string; id: string }>): AppendedCaseEvent[] {
  const seqOf = new Map(inserted.map((r) => [r.id, Number(r.seq)]));
  const appended = events.map((e) => ({ seq: seqOf.get(e.id) ?? NaN, id: e.id, event: e.event }));
  if (appended.some((a, i) => !(a.seq > (appended[i - 1]?.seq ?? 0)))) throw new Error('event seqs were not assigned in the order given');
  return appended;
}

export class PgEventLog implements EventLog {
  constructor(
    private readonly sql: Sql,
    private readonly verifyPageSize = 1000,
  ) {}

  /** Takes no lock: concurrent appenders interleave their seqs and the sealer chains them in seq order. */
  async append(events: readonly CaseEvent[]): Promise<AppendedCaseEvent[]> {
    if (events.length === 0) return [];
    const identified = identifyEvents(events);
    const inserted = await this.sql.query<{ seq: string; id: string }>(INSERT_EVENTS, eventParams(identified));
    return withSeqs(identified, inserted.rows);
  }

  async forCase(caseId: string): Promise<StoredCaseEvent[]> {
    const result = await this.sql.query<Pick<EventRow, 'seq' | 'id' | 'hash' | 'prev_hash' | 'body'>>(
      'SELECT seq, id, hash, prev_hash, body FROM events WHERE case_id = $1 ORDER BY seq',
      [caseId],
    );
    const personal = await personalFieldsOfEvents(this.sql, result.rows.map((r) => r.id));
    return result.rows.map((r) => ({ seq: Number(r.seq), id: r.id, hash: r.hash, prevHash: r.prev_hash, event: unsealEvent(r.body, personal.get(r.id) ?? []) }));
  }

  /** Seals what can be sealed first, so a verification covers everything committed before it began. */
  async verifyChain(): Promise<ChainVerdict> {
    await new EventSealer(this.sql).sealOnce();
    return verifyEventChain(this.sql, this.verifyPageSize);
  }
}
