// Owns sealing the event log: chaining each committed event's hash to the one before, in seq
// order, up to the high-water mark (the seq below which no transaction can still commit), and
// recording the seqs below it that no event took (rolled back) as gaps.
import type { Sql } from './db.js';
import { hashEvent } from './event-hash.js';

/** Any replica may seal; this transaction-scoped lock lets one at a time do it, the rest skip. */
const SEALER_LOCK = 7_468_202;
const ROWS_PER_PASS = 2_000;

export interface SealOutcome {
  /** Events chained by this call. */
  readonly sealed: number;
  /** Seqs recorded as gaps by this call. */
  readonly gaps: number;
  /** The chain head's seq after this call. */
  readonly headSeq: number;
  /** Work was left: a transaction running at the mark had not ended in time, or another sealer held the lock. */
  readonly deferred: boolean;
}

export interface EventSealerOptions {
  /** How long one call waits for transactions that may still commit below the mark. */
  readonly waitMs?: number;
  readonly pollMs?: number;
}

/** A seq read from the sequence, and the chain head's seq when it was read. */
interface Mark {
  readonly seq: number;
  readonly headSeq: number;
}

interface UnsealedRow {
  readonly seq: string;
  readonly body: unknown;
}

export class EventSealer {
  private readonly waitMs: number;
  private readonly pollMs: number;

  /** `sql` is the pool, not a transaction: the sealer waits for other transactions to end. */
  constructor(
    private readonly sql: Sql,
    options: EventSealerOptions = {},
  ) {
    this.waitMs = options.waitMs ?? 2_000;
    this.pollMs = options.pollMs ?? 5;
  }

  /** Seals every event appended before this call began, once no transaction can still commit below it. */
  async sealOnce(): Promise<SealOutcome> {
    const mark = await this.readMark();
    if (mark.seq <= mark.headSeq) return { sealed: 0, gaps: 0, headSeq: mark.headSeq, deferred: false };
    if (!(await this.waitUntilEnded(await this.takeBoundaryXid()))) return { sealed: 0, gaps: 0, headSeq: mark.headSeq, deferred: true };
    return this.sealUpTo(mark);
  }

  /**
   * The sequence's last value, read BEFORE the boundary transaction id is taken (a separate statement, so a later
   * one): an appender takes its transaction id before its seq (see PgEventLog.append), so every transaction holding a
   * seq at or below the mark has an id below the boundary. Once those have ended, nothing more can commit at or below
   * the mark.
   */
  private async readMark(): Promise<Mark> {
    const result = await this.sql.query<{ seq: string; head_seq: string }>(
      `SELECT (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM event_seq) AS seq,
              (SELECT last_seq FROM event_chain_head WHERE singleton) AS head_seq`,
    );
    const row = result.rows[0];
    if (!row || row.head_seq === null) throw new Error('event_chain_head is empty: the event log cannot be sealed');
    return { seq: Number(row.seq), headSeq: Number(row.head_seq) };
  }

  /**
   * A transaction id newer than every appender's that may hold a seq at or below the mark, taken by a statement of
   * its own that commits at once. Why not a snapshot's list of running transactions: a snapshot lists only ids below
   * its xmax (the latest COMPLETED id + 1), so an appender that took its id after the last transaction on the server
   * ended is running but in no list, and its seq was once recorded as a gap before it committed (seen in CI). Costs
   * one transaction id per sealing pass.
   */
  private async takeBoundaryXid(): Promise<string> {
    const result = await this.sql.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
    return result.rows[0]!.xid;
  }

  /**
   * True once every transaction with an id below `boundary` has committed or rolled back. The boundary has completed,
   * so every later snapshot's xmax is above it and lists each such transaction still running. Those known to be in
   * another database are not waited for: transaction ids are server-wide, and a long write elsewhere on a shared
   * server (another application, a bulk load) must not hold this log's sealing back. A transaction whose database
   * cannot be seen (pg_stat_activity hides other roles' sessions from a role without pg_read_all_stats) is waited for.
   */
  private async waitUntilEnded(boundary: string): Promise<boolean> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const result = await this.sql.query<{ ended: boolean }>(
        `SELECT NOT EXISTS (
           SELECT 1 FROM pg_snapshot_xip(pg_current_snapshot()) AS running(xid)
            WHERE running.xid < $1::xid8
              AND running.xid IS DISTINCT FROM pg_current_xact_id_if_assigned()
              AND (running.xid::text::numeric % 4294967296)::text NOT IN (
                SELECT backend_xid::text FROM pg_stat_activity
                 WHERE backend_xid IS NOT NULL AND datname IS DISTINCT FROM current_database())
         ) AS ended`,
        [boundary],
      );
      if (result.rows[0]?.ended) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, this.pollMs));
    }
  }

  private async sealUpTo(mark: Mark): Promise<SealOutcome> {
    let sealed = 0;
    let gaps = 0;
    let headSeq = mark.headSeq;
    for (;;) {
      const pass = await this.sql.transaction((tx) => sealPass(tx, mark.seq));
      if (pass === 'locked') return { sealed, gaps, headSeq, deferred: true };
      sealed += pass.sealed;
      gaps += pass.gaps;
      headSeq = pass.headSeq;
      if (headSeq >= mark.seq) return { sealed, gaps, headSeq, deferred: false };
    }
  }
}

/** One transaction: up to ROWS_PER_PASS events after the head, chained, and the head moved past them. */
async function sealPass(tx: Sql, markSeq: number): Promise<{ sealed: number; gaps: number; headSeq: number } | 'locked'> {
  const lock = await tx.query<{ got: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS got', [SEALER_LOCK]);
  if (!lock.rows[0]?.got) return 'locked';
  // The row lock too: a sealer of an older version, or one without the advisory lock, still queues here.
  const head = await tx.query<{ last_seq: string; last_hash: string }>('SELECT last_seq, last_hash FROM event_chain_head WHERE singleton FOR UPDATE');
  const from = Number(head.rows[0]!.last_seq);
  if (from >= markSeq) return { sealed: 0, gaps: 0, headSeq: from };
  const rows = await tx.query<UnsealedRow>('SELECT seq, body FROM events WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3', [from, markSeq, ROWS_PER_PASS]);
  // A full page may stop short of the mark; what lies between its last row and the mark is the next pass's.
  const upTo = rows.rows.length === ROWS_PER_PASS ? Number(rows.rows.at(-1)!.seq) : markSeq;
  const chain = chainRows(from, head.rows[0]!.last_hash, rows.rows, upTo);
  if (chain.seals.length) {
    await tx.query(
      `UPDATE events AS e SET prev_hash = s.prev_hash, hash = s.hash
         FROM jsonb_to_recordset($1::jsonb) AS s(seq bigint, prev_hash text, hash text)
        WHERE e.seq = s.seq`,
      [JSON.stringify(chain.seals)],
    );
  }
  if (chain.gaps.length) {
    await tx.query('INSERT INTO event_gaps (seq) SELECT value::bigint FROM jsonb_array_elements_text($1::jsonb)', [JSON.stringify(chain.gaps)]);
  }
  await tx.query('UPDATE event_chain_head SET last_seq = $1, last_hash = $2 WHERE singleton', [upTo, chain.lastHash]);
  return { sealed: chain.seals.length, gaps: chain.gaps.length, headSeq: upTo };
}

/** The seals for `rows` (seq order) after the head, and every seq in (from, upTo] that no row took. */
function chainRows(from: number, headHash: string, rows: readonly UnsealedRow[], upTo: number) {
  const seals: Array<{ seq: number; prev_hash: string; hash: string }> = [];
  const gaps: number[] = [];
  let expected = from + 1;
  let prevHash = headHash;
  for (const row of rows) {
    const seq = Number(row.seq);
    while (expected < seq) gaps.push(expected++);
    const hash = hashEvent(prevHash, row.body);
    seals.push({ seq, prev_hash: prevHash, hash });
    prevHash = hash;
    expected = seq + 1;
  }
  while (expected <= upTo) gaps.push(expected++);
  return { seals, gaps, lastHash: prevHash };
}
