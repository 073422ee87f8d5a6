// Owns the SQL every dashboard figure starts from: the period's filtered cases, and per case the facts
// its first response is judged by, all read from the cases table (the fold of the log) and the event log.
import type { DashboardFilter } from '../../domain/dashboard-figures.js';
import type { WorkingTime } from '../../policy/working-spans.js';
import type { SqlParams } from './sql-params.js';

/** The period's opening events: their time is the case's opening time, so the range is exact. */
export function openings(p: SqlParams, f: DashboardFilter): string {
  return `(SELECT e.case_id, e.body, e.occurred_at FROM events e WHERE e.type = 'case.opened' AND e.occurred_at >= ${p.add(f.from)}::timestamptz AND e.occurred_at < ${p.add(f.to)}::timestamptz)`;
}

/** `selected`: the cases opened in the period that pass the filters ('unclassified' matches no tag set). */
export function selectedCte(p: SqlParams, f: DashboardFilter): string {
  const service = p.add(f.service);
  const network = p.add(f.network);
  const kind = p.add(f.kind);
  return `selected AS (
    SELECT c.id, c.mention_id, c.network, coalesce(c.service_tag, 'unclassified') AS service,
           coalesce(c.kind, 'unclassified') AS kind, c.risk, c.state, c.opened_at
      FROM cases c
     WHERE c.opened_at >= ${p.add(f.from)} AND c.opened_at < ${p.add(f.to)}
       AND (${service}::text IS NULL OR coalesce(c.service_tag, 'unclassified') = ${service}::text)
       AND (${network}::text IS NULL OR c.network = ${network}::text)
       AND (${kind}::text IS NULL OR coalesce(c.kind, 'unclassified') = ${kind}::text))`;
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
 * The period's events of some types, found by type and time (an index range, not a probe per case): a
 * case's events all come at or after its opening, so none of the period's cases has one before `from`
 * (a day earlier allows for a replica's clock running behind).
 */
export function periodEvents(p: SqlParams, f: DashboardFilter, types: readonly string[]): string {
  return `(SELECT e.* FROM events e WHERE e.type = ANY(${p.add(types)}::text[]) AND e.occurred_at >= ${p.add(new Date(f.from.getTime() - 86_400_000))}::timestamptz)`;
}

/**
 * `facts` (needs `selected` and `days`): per case its posting time and sentiment as recorded on opening,
 * its first-response target (the latest one set), its first reply the network accepted, the working
 * minutes between post and reply, and how it stands against the target at `now`.
 */
export function factsCte(p: SqlParams, f: DashboardFilter, now: Date): string {
  const at = p.add(now);
  // MATERIALIZED: each case's facts are worked out once, not again in every expression that reads them.
  return `opened AS MATERIALIZED (
    SELECT s.*, coalesce((o.body->'data'->>'postedAt')::timestamptz, o.occurred_at) AS posted_at,
           coalesce(o.body->'data'->>'sentiment', 'unknown') AS sentiment,
           coalesce(moved.due, (o.body->'data'->'deadlines'->>'first_response')::timestamptz) AS due,
           replied.first_reply_at
      FROM selected s
      JOIN ${openings(p, f)} o ON o.case_id = s.id
      LEFT JOIN (SELECT DISTINCT ON (d.case_id) d.case_id, (d.body->'data'->>'due')::timestamptz AS due
                   FROM ${periodEvents(p, f, ['case.deadline.set'])} d
                  WHERE d.body->'data'->>'name' = 'first_response' AND d.body->'data'->>'due' IS NOT NULL
                  ORDER BY d.case_id, d.seq DESC) moved ON moved.case_id = s.id
      LEFT JOIN (SELECT r.case_id, min(r.occurred_at) AS first_reply_at FROM ${periodEvents(p, f, ['case.reply.sent'])} r GROUP BY 1) replied
             ON replied.case_id = s.id),
  facts AS MATERIALIZED (
    SELECT o.*,
           CASE WHEN o.first_reply_at IS NULL THEN NULL
                ELSE greatest(0, coalesce(${workingSecondsUpTo('o.first_reply_at', 'dr')}, 0) - coalesce(${workingSecondsUpTo('o.posted_at', 'dp')}, 0)) / 60 END AS working_minutes,
           CASE WHEN o.due IS NULL THEN 'no_target'
                WHEN o.first_reply_at IS NOT NULL THEN CASE WHEN o.first_reply_at <= o.due THEN 'met' ELSE 'missed' END
                WHEN o.state = 'closed' THEN 'closed_without_reply'
                WHEN o.due < ${at}::timestamptz THEN 'missed'
                ELSE 'pending' END AS response
      FROM opened o
      LEFT JOIN days dp ON dp.dn = ${dayNumber('o.posted_at')}
      LEFT JOIN days dr ON dr.dn = ${dayNumber('o.first_reply_at')})`;
}
