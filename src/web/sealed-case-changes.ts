// Owns finding, in the event log, the cases saved since a point: what the case-change feed reads to catch an
// announcement that never came (sent after the commit, so a crash or a dropped connection in between loses it).
// Only the sealed part is read: below the chain head's seq no transaction can still commit (event-sealer.ts), so
// reading up to it and remembering where it stopped misses no event, whatever order transactions commit in.
import type { Sql } from '../store/db.js';
import type { CaseChange } from './case-change.js';

/** The most seqs one read covers: a feed far behind (a stalled poll) catches up over several reads. */
const SEQS_A_READ = 50_000;

export interface SealedChanges {
  /** The seq read up to: the next read starts after it. */
  readonly upTo: number;
  /** Each case with an event in (after, upTo], at the newest version those events give it. */
  readonly changes: readonly CaseChange[];
}

/**
 * The last seq handed out: a feed that starts listening and then reads this is owed only the events after it. Not
 * the sealed head: events committed before the feed started but not sealed yet would be found as news when sealed.
 * An event below it still being committed is announced to the feed, which is listening by then.
 */
export async function lastSeqHandedOut(sql: Sql): Promise<number> {
  const result = await sql.query<{ seq: string }>('SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END AS seq FROM event_seq');
  return Number(result.rows[0]?.seq ?? 0);
}

export async function sealedChangesAfter(sql: Sql, after: number): Promise<SealedChanges> {
  const result = await sql.query<{ up_to: string; case_id: string | null; version: number | null }>(
    `SELECT least(h.last_seq, $1::bigint + $2) AS up_to, e.case_id, max(e.case_version) AS version
       FROM event_chain_head h
       LEFT JOIN events e ON e.seq > $1::bigint AND e.seq <= least(h.last_seq, $1::bigint + $2)
      WHERE h.singleton
      GROUP BY 1, 2`,
    [after, SEQS_A_READ],
    { prepareAs: 'desk_sealed_case_changes' },
  );
  const upTo = Math.max(after, Number(result.rows[0]?.up_to ?? after));
  const changes = result.rows.flatMap((r) => (r.case_id !== null && r.version !== null ? [{ caseId: r.case_id, version: r.version }] : []));
  return { upTo, changes };
}
