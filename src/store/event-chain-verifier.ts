// Owns walking the whole event log and naming the first event that does not fit the chain.
import type { ChainVerdict } from '../services/ports.js';
import type { Sql } from './db.js';
import { GENESIS_HASH, hashEvent } from './event-hash.js';
import type { EventRow } from './event-row.js';
import { personalFieldMisfit } from './personal-data-seal.js';
import { personalFieldsOfEvents, recordedErasures } from './pg-personal-fields.js';

export async function verifyEventChain(sql: Sql, pageSize = 1000): Promise<ChainVerdict> {
  // Read the head first and walk only up to it: events sealed during the walk are after it and
  // are verified next time, so a busy desk gives no false alarm.
  const head = await sql.query<{ last_seq: string; last_hash: string }>('SELECT last_seq, last_hash FROM event_chain_head WHERE singleton');
  const headRow = head.rows[0];
  if (!headRow) return broken(0, { seq: 0, id: '(none)', caseId: '(none)' }, 'the chain head row is missing');
  const lastSeq = Number(headRow.last_seq);

  let count = 0;
  let cursor = 0;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const page = await sql.query<EventRow>(
      `SELECT seq, id, case_id, type, case_version, occurred_at, actor_id, surface, rule, body, prev_hash, hash
         FROM events WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3`,
      [cursor, lastSeq, pageSize],
    );
    const pageEnd = page.rows.length < pageSize ? lastSeq : Number(page.rows.at(-1)!.seq);
    const gaps = await gapsBetween(sql, cursor, pageEnd);
    const personal = await personalFieldsOfEvents(sql, page.rows.map((r) => r.id));
    const erasures = await recordedErasures(sql, [...personal.values()].flat().flatMap((f) => (f.erasureId ? [f.erasureId] : [])));
    for (const row of page.rows) {
      const seq = Number(row.seq);
      const erasureKnown = (id: string) => erasures.has(`${row.case_id} ${id}`);
      const problem = unrecordedGap(cursor, seq, gaps) ?? misfit(row, prevHash) ?? personalFieldMisfit(row.body, personal.get(row.id) ?? [], erasureKnown);
      if (problem) return broken(count, { seq, id: row.id, caseId: row.case_id }, problem);
      count += 1;
      cursor = seq;
      prevHash = row.hash!;
    }
    if (page.rows.length < pageSize) break;
  }
  const missingAtEnd = unrecordedGap(cursor, lastSeq + 1, await gapsBetween(sql, cursor, lastSeq));
  if (missingAtEnd || prevHash !== headRow.last_hash) {
    return broken(
      count,
      { seq: cursor + 1, id: '(missing)', caseId: '(unknown)' },
      `the log ends at seq ${cursor} but the chain head records seq ${lastSeq}: events were removed from the end`,
    );
  }
  return { ok: true, count };
}

/** Seqs in (after, upTo] the sealer recorded as never taken by a committed event (rolled back). */
async function gapsBetween(sql: Sql, after: number, upTo: number): Promise<Set<number>> {
  const result = await sql.query<{ seq: string }>('SELECT seq FROM event_gaps WHERE seq > $1 AND seq <= $2', [after, upTo]);
  return new Set(result.rows.map((r) => Number(r.seq)));
}

/** A jump from `after` to `seq` is fine only if the sealer recorded every seq between as a gap. */
function unrecordedGap(after: number, seq: number, gaps: ReadonlySet<number>): string | null {
  if (gaps.has(seq)) return `seq ${seq} is recorded both as a rolled-back gap and as an event`;
  for (let s = after + 1; s < seq; s++) {
    if (!gaps.has(s)) return `sequence gap: expected seq ${s}, found ${seq} (events ${s}..${seq - 1} are missing and were not recorded as rolled back)`;
  }
  return null;
}

function misfit(row: EventRow, prevHash: string): string | null {
  const seq = Number(row.seq);
  if (row.hash === null || row.prev_hash === null) return 'unsealed event below the chain head: its seal was removed';
  if (row.prev_hash !== prevHash) return `prev_hash does not match the hash of the event before seq ${seq}: events were removed, reordered or rewritten`;
  if (hashEvent(row.prev_hash, row.body) !== row.hash) return 'content hash mismatch: the event was changed after it was written';
  const column = disagreeingColumn(row);
  if (column) return `column ${column} disagrees with the hashed event body: the row was changed after it was written`;
  return null;
}

/** The copied columns are what queries filter on, so they must say what the hashed body says. */
function disagreeingColumn(row: EventRow): string | null {
  const e = row.body;
  const checks: [string, boolean][] = [
    ['case_id', row.case_id === e.caseId],
    ['type', row.type === e.type],
    ['case_version', row.case_version === e.caseVersion],
    ['occurred_at', row.occurred_at.getTime() === Date.parse(e.at)],
    ['actor_id', row.actor_id === e.actor?.personId],
    ['surface', row.surface === e.actor?.surface],
    ['rule', row.rule === (e.rule ?? null)],
  ];
  return checks.find(([, ok]) => !ok)?.[0] ?? null;
}

function broken(count: number, firstBad: { seq: number; id: string; caseId: string }, reason: string): ChainVerdict {
  return { ok: false, count, firstBad, reason };
}
