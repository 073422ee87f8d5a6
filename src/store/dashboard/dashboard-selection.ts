// Owns the SQL every dashboard figure starts from: the period's filtered cases with their facts (case_facts,
// the database's per-case summary of the cases table and the event log), and how each first response is judged.
import type { DashboardFilter } from '../../domain/dashboard-figures.js';
import type { WorkingTime } from '../../policy/working-spans.js';
import type { SqlParams } from './sql-params.js';

/**
 * `selected`: the cases opened in the period that pass the filters ('unclassified' matches no tag set), with
 * their facts (case_facts: kept by the database from each case's row and events, see migration 0065).
 */
export function selectedCte(p: SqlParams, f: DashboardFilter): string {
  const service = p.add(f.service);
  const network = p.add(f.network);
  const kind = p.add(f.kind);
  return `selected AS (
    SELECT c.case_id AS id, c.*
      FROM case_facts c
     WHERE c.opened_at >= ${p.add(f.from)} AND c.opened_at < ${p.add(f.to)}
       AND (${service}::text IS NULL OR c.service = ${service}::text)
       AND (${network}::text IS NULL OR c.network = ${network}::text)
       AND (${kind}::text IS NULL OR c.kind = ${kind}::text))`;
}

const DAY_S = 86_400;

/**
 * `days`: one row per UTC day of the working time's bounds, with the working seconds before the
 * day began and the day's open periods. A time finds its day by equality (a hash join), so measuring a case
 * costs the same whatever the length of the period.
 */
export function daysCte(p: SqlParams, working: WorkingTime): string {
  return `days AS MATERIALIZED (
    SELECT * FROM jsonb_to_recordset(${p.add(JSON.stringify(workingDays(working)))}::jsonb) AS d(dn int, before_s double precision, starts timestamptz[], ends timestamptz[]))`;
}

function workingDays({ from, to, spans }: WorkingTime): Array<{ dn: number; before_s: number; starts: string[]; ends: string[] }> {
  const dayOf = (d: Date) => Math.floor(d.getTime() / 1000 / DAY_S);
  const days = new Map<number, { dn: number; before_s: number; starts: string[]; ends: string[] }>();
  const first = dayOf(from);
  const last = dayOf(to);
  let before = 0;
  let i = 0;
  for (let dn = first; dn <= last; dn++) {
    const dayStart = dn * DAY_S * 1000;
    const dayEnd = dayStart + DAY_S * 1000;
    const day = { dn, before_s: before, starts: [] as string[], ends: [] as string[] };
    // A span crossing midnight UTC is cut in two, one piece on each day.
    for (let j = i; j < spans.length && spans[j]!.start.getTime() < dayEnd; j++) {
      const s = Math.max(spans[j]!.start.getTime(), dayStart);
      const e = Math.min(spans[j]!.end.getTime(), dayEnd);
      if (e <= s) continue;
      day.starts.push(new Date(s).toISOString());
      day.ends.push(new Date(e).toISOString());
      before += (e - s) / 1000;
      if (spans[j]!.end.getTime() <= dayEnd) i = j + 1;
    }
    days.set(dn, day);
  }
  return [...days.values()];
}

/** Working seconds from the working time's start up to `t`, given `d`, the row of `days` for t's UTC day (needs a join). */
function workingSecondsUpTo(t: string, d: string): string {
  return `(${d}.before_s + (SELECT coalesce(sum(greatest(0, extract(epoch FROM least(${t}, u.e) - u.s))), 0) FROM unnest(${d}.starts, ${d}.ends) AS u(s, e)))`;
}

function dayNumber(t: string): string {
  return `floor(extract(epoch FROM ${t}) / ${DAY_S})::int`;
}

/**
 * `facts` (needs `days` and the cases of `from`, by default `selected`): per case the working minutes between
 * post and first reply, and how the first response stands against its target at `now`.
 */
export function factsCte(p: SqlParams, now: Date, from = 'selected'): string {
  const at = p.add(now);
  // MATERIALIZED: each case's facts are worked out once, not again in every expression that reads them.
  return `facts AS MATERIALIZED (
    SELECT o.*, o.first_response_due AS due,
           CASE WHEN o.first_reply_at IS NULL THEN NULL
                ELSE greatest(0, coalesce(${workingSecondsUpTo('o.first_reply_at', 'dr')}, 0) - coalesce(${workingSecondsUpTo('o.posted_at', 'dp')}, 0)) / 60 END AS working_minutes,
           CASE WHEN o.first_response_due IS NULL THEN 'no_target'
                WHEN o.first_reply_at IS NOT NULL THEN CASE WHEN o.first_reply_at <= o.first_response_due THEN 'met' ELSE 'missed' END
                WHEN o.state = 'closed' THEN 'closed_without_reply'
                WHEN o.first_response_due < ${at}::timestamptz THEN 'missed'
                ELSE 'pending' END AS response
      FROM ${from} o
      LEFT JOIN days dp ON dp.dn = ${dayNumber('o.posted_at')}
      LEFT JOIN days dr ON dr.dn = ${dayNumber('o.first_reply_at')})`;
}
