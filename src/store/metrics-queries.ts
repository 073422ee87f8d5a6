// Owns what /metrics reads from the store when it is scraped: the outbox backlog per kind and open cases per state.
import type { Sql } from './db.js';

export interface OutboxBacklog {
  readonly kind: string;
  /** Items still to run (waiting, retrying or running now). */
  readonly pending: number;
  readonly oldestCreatedAt: Date;
}

export interface StoreFigures {
  readonly outbox: readonly OutboxBacklog[];
  /** Cases not closed, per state; states with none are absent. */
  readonly openCases: ReadonlyMap<string, number>;
  /** Case numbers issued so far, from every source and replica (a rolled-back intake leaves a gap). */
  readonly casesOpened: number;
}

/** Two grouped counts (partial or state indexes, so a scrape stays cheap with many closed cases) and one sequence read. */
export async function readStoreFigures(sql: Sql): Promise<StoreFigures> {
  const outbox = await sql.query<{ kind: string; pending: number; oldest: Date }>(
    `SELECT kind, count(*)::int AS pending, min(created_at) AS oldest FROM outbox WHERE status = 'pending' GROUP BY kind`,
  );
  const cases = await sql.query<{ state: string; n: number }>(`SELECT state, count(*)::int AS n FROM cases WHERE state <> 'closed' GROUP BY state`);
  // The case number sequence counts every case opened, webhooks and pollers included, in one row read.
  const numbers = await sql.query<{ issued: string }>(`SELECT CASE WHEN is_called THEN last_value - 1000 ELSE 0 END AS issued FROM case_number_seq`);
  return {
    outbox: outbox.rows.map((r) => ({ kind: r.kind, pending: r.pending, oldestCreatedAt: new Date(r.oldest) })),
    openCases: new Map(cases.rows.map((r) => [r.state, r.n])),
    casesOpened: Number(numbers.rows[0]?.issued ?? 0),
  };
}
