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
  return selectedCteOf(selectionOf(p, f));
}

/** The selection's condition on a case_facts row `alias` (its parameters added once, however often it is used). */
export function selectionOf(p: SqlParams, f: DashboardFilter): (alias: string) => string {
  const service = p.add(f.service);
  const network = p.add(f.network);
  const kind = p.add(f.kind);
  const from = p.add(f.from);
  const to = p.add(f.to);
  return (c) => `${c}.opened_at >= ${from} AND ${c}.opened_at < ${to}
       AND (${service}::text IS NULL OR ${c}.service = ${service}::text)
       AND (${network}::text IS NULL OR ${c}.network = ${network}::text)
       AND (${kind}::text IS NULL OR ${c}.kind = ${kind}::text)`;
}

/** `selected` for a selection made by selectionOf. */
export function selectedCteOf(where: (alias: string) => string): string {
  // NOT MATERIALIZED: a query reading it twice reads the index twice (each time only the columns it needs),
  // rather than copying every column of every case into a temporary store first.
  return `selected AS NOT MATERIALIZED (
    SELECT c.case_id AS id, c.*
      FROM case_facts c
     WHERE ${where('c')})`;
}

/**
 * A subquery over `selected` (to alias): one row per element of a selected case's aligned arrays (columns named
 * by their keys), of the cases with any (the first array not empty, which its partial index reads). Unnested
 * in the select list, not with unnest(…) in FROM: that runs a function scan per case, which stores each case's
 * elements in a tuple store before reading them back (the escalations' statement took twice the CPU). Arrays of
 * unequal length would be padded with nulls either way (the facts' arrays are aligned).
 */
export function unnestedAligned(columns: Readonly<Record<string, string>>): string {
  const [first] = Object.values(columns);
  const list = Object.entries(columns).map(([name, column]) => `unnest(s.${column}) AS ${name}`).join(', ');
  return `(SELECT ${list} FROM selected s WHERE cardinality(s.${first}) > 0)`;
}

const DAY_S = 86_400;

/** A UTC day's working time: seconds before it began, its first two open periods (epoch seconds, 0–0 when none), any more. */
interface WorkingDay {
  dn: number; before_s: number; s1: number; e1: number; s2: number; e2: number; more_s: number[] | null; more_e: number[] | null;
}

/** The working time in SQL: the `days` CTE, and the working minutes from post to first reply of a case of measured(…). */
export interface WorkingClock {
  readonly cte: string;
  /** Null before a reply. */
  readonly minutes: string;
}

/**
 * `days`: one row per UTC day of the working time's bounds, with the working seconds before the
 * day began and the day's open periods. A time finds its day by equality (a hash join), so measuring a case
 * costs the same whatever the length of the period. A day's first two periods are columns, so measuring
 * a time is arithmetic; a day with more (none in a council's week) is summed from its arrays as well. The
 * minutes' expression has terms for as many periods as the busiest of these days has, no more: it is worked
 * out twice for every case replied to.
 */
export function workingClock(p: SqlParams, working: WorkingTime): WorkingClock {
  const days = workingDays(working);
  const periods = days.reduce((n, d) => Math.max(n, d.more_s ? 3 : d.e2 > d.s2 ? 2 : d.e1 > d.s1 ? 1 : 0), 0);
  const upTo = (t: string, d: string) => workingSecondsUpTo(t, d, periods);
  return {
    cte: `days AS MATERIALIZED (
    SELECT * FROM jsonb_to_recordset(${p.add(JSON.stringify(days))}::jsonb)
      AS d(dn int, before_s double precision, s1 double precision, e1 double precision, s2 double precision, e2 double precision,
           more_s double precision[], more_e double precision[]))`,
    minutes: `CASE WHEN o.first_reply_at IS NULL THEN NULL
                ELSE greatest(0, coalesce(${upTo('o.reply_s', 'dr')}, 0) - coalesce(${upTo('o.posted_s', 'dp')}, 0)) / 60 END`,
  };
}

function workingDays({ from, to, spans }: WorkingTime): WorkingDay[] {
  const dayOf = (d: Date) => Math.floor(d.getTime() / 1000 / DAY_S);
  const days: WorkingDay[] = [];
  const first = dayOf(from);
  const last = dayOf(to);
  let before = 0;
  let i = 0;
  for (let dn = first; dn <= last; dn++) {
    const dayStart = dn * DAY_S * 1000;
    const dayEnd = dayStart + DAY_S * 1000;
    const open: Array<[number, number]> = [];
    // A span crossing midnight UTC is cut in two, one piece on each day.
    for (let j = i; j < spans.length && spans[j]!.start.getTime() < dayEnd; j++) {
      const s = Math.max(spans[j]!.start.getTime(), dayStart);
      const e = Math.min(spans[j]!.end.getTime(), dayEnd);
      if (e <= s) continue;
      open.push([s / 1000, e / 1000]);
      if (spans[j]!.end.getTime() <= dayEnd) i = j + 1;
    }
    const [p1 = [0, 0], p2 = [0, 0], ...more] = open;
    days.push({ dn, before_s: before, s1: p1[0], e1: p1[1], s2: p2[0], e2: p2[1], more_s: more.length ? more.map((m) => m[0]) : null, more_e: more.length ? more.map((m) => m[1]) : null });
    before += open.reduce((n, [s, e]) => n + (e - s), 0);
  }
  return days;
}

/**
 * Working seconds from the working time's start up to `t` (epoch seconds), given `d`, the row of `days` for t's UTC
 * day (needs a join), counting a day's first `periods` open periods (3: all of them).
 */
function workingSecondsUpTo(t: string, d: string, periods: number): string {
  const upTo = (s: string, e: string) => `greatest(0, least(${t}, ${e}) - ${s})`;
  const terms = [`${d}.before_s`, upTo(`${d}.s1`, `${d}.e1`), upTo(`${d}.s2`, `${d}.e2`),
    `CASE WHEN ${d}.more_s IS NULL THEN 0 ELSE (SELECT sum(${upTo('u.s', 'u.e')}) FROM unnest(${d}.more_s, ${d}.more_e) AS u(s, e)) END`];
  return `(${terms.slice(0, periods + 1).join(' + ')})`;
}

function dayNumber(t: string): string {
  return `floor(${t} / ${DAY_S})::int`;
}

/** How the first response of case `o` stands against its target at `now` (a ResponseOutcome). */
export function responseOf(p: SqlParams, now: Date): string {
  return `CASE WHEN o.first_response_due IS NULL THEN 'no_target'
                WHEN o.first_reply_at IS NOT NULL THEN CASE WHEN o.first_reply_at <= o.first_response_due THEN 'met' ELSE 'missed' END
                WHEN o.state = 'closed' THEN 'closed_without_reply'
                WHEN o.first_response_due < ${p.add(now)}::timestamptz THEN 'missed'
                ELSE 'pending' END`;
}

/**
 * The cases of `from` as `o`, with their posting and first reply as epoch seconds (double precision: arithmetic
 * on them is cheap, on timestamps' numeric epochs not) and the rows of `days` they fall on (dp, dr).
 */
export function measured(from: string): string {
  return `(SELECT x.*, date_part('epoch', x.posted_at) AS posted_s, date_part('epoch', x.first_reply_at) AS reply_s FROM ${from} x) o
      LEFT JOIN days dp ON dp.dn = ${dayNumber('o.posted_s')}
      LEFT JOIN days dr ON dr.dn = ${dayNumber('o.reply_s')}`;
}

/**
 * `facts` (needs `days` and the cases of `from`): per case the working minutes between post and first reply,
 * and how the first response stands against its target at `now`, with `more` columns (expressions over `o`,
 * a case of `from`).
 */
export function factsCte(p: SqlParams, now: Date, from: string, more: readonly string[], workingMinutes: string): string {
  // MATERIALIZED: each case's facts are worked out once, not again in every expression that reads them.
  return `facts AS MATERIALIZED (
    SELECT o.opened_at, o.posted_at, o.sentiment, o.state, o.first_reply_at, o.first_response_due AS due, ${more.map((c) => `${c}, `).join('')}
           ${workingMinutes} AS working_minutes, ${responseOf(p, now)} AS response
      FROM ${measured(from)})`;
}
