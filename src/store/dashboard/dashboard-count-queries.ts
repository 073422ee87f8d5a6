// Owns the dashboard's counts of cases: per local day and network, per local weekday and hour, per kind, service,
// risk and sentiment, and per first-response outcome, for the period's filtered cases.
import { IANAZone } from 'luxon';
import type { Count, DashboardFilter, DayNetworkCount, HourCount } from '../../domain/dashboard-figures.js';
import type { Sql } from '../db.js';
import { responseOf, selectedCte } from './dashboard-selection.js';
import { SqlParams } from './sql-params.js';

export interface VolumeCounts {
  readonly byDayAndNetwork: DayNetworkCount[];
  readonly byKind: Count[];
  readonly byService: Count[];
  readonly byRisk: Count[];
  readonly byHour: HourCount[];
  readonly bySentiment: Count[];
  /** Cases by how their first response stands against its target (ResponseOutcome keys). */
  readonly byResponse: Count[];
}

/** The local hours of the period on the council's wall clock: when each began, its date, ISO weekday and hour. */
interface LocalHours { starts: string[]; days: string[]; weekdays: number[]; hours: number[] }

type Column = 'kind' | 'service' | 'risk' | 'sentiment' | 'response';
const COLUMNS: readonly Column[] = ['kind', 'service', 'risk', 'sentiment', 'response'];

type Row = { dim: 'day' | 'hour' | Column; a: string; b: string | null; count: string };

/**
 * Every count, from two groupings of the period's cases (each case grouped twice, not seven times: the work is
 * in the cases, not in the few groups), run side by side as statements of their own (on PostgreSQL on separate
 * connections, so the dashboard's longest statement is one grouping, not both).
 */
export async function countVolumes(sql: Sql, f: DashboardFilter, timeZone: string, now: Date): Promise<VolumeCounts> {
  const [byClock, byColumns] = await Promise.all([countByClock(sql, f, timeZone), countByColumns(sql, f, now)]);
  const rows = [...byClock, ...byColumns];
  const of = (d: 'day' | 'hour' | Column) => rows.filter((r) => r.dim === d);
  const counts = (c: Column): Count[] => of(c).map((r) => ({ key: r.a, count: Number(r.count) })).sort((x, y) => y.count - x.count || compare(x.key, y.key));
  return {
    byDayAndNetwork: of('day').map((r) => ({ day: r.a, network: r.b!, count: Number(r.count) })).sort((x, y) => compare(x.day, y.day) || compare(x.network, y.network)),
    byHour: of('hour').map((r) => ({ weekday: Number(r.a), hour: Number(r.b), count: Number(r.count) })).sort((x, y) => x.weekday - y.weekday || x.hour - y.hour),
    byKind: counts('kind'), byService: counts('service'), byRisk: counts('risk'), bySentiment: counts('sentiment'), byResponse: counts('response'),
  };
}

/**
 * Per local day and network, and per local weekday and hour: the cases grouped per local hour and network, each
 * case's hour found by a binary search of the hours' starts (width_bucket), so no case's time is converted to the
 * zone, only the period's few thousand hours are, here, once (clock changes are the zone's: the repeated autumn
 * hour is two hours, both counted as that hour). An hour's group finds its day, weekday and hour by subscript in
 * arrays of fixed-width elements (the day as its number among the period's days, named afterwards): joining the
 * groups to the hours instead sorted them first.
 */
async function countByClock(sql: Sql, f: DashboardFilter, timeZone: string): Promise<Row[]> {
  const p = new SqlParams();
  const cte = selectedCte(p, f);
  const h = localHours(f, timeZone);
  const dayNumber = new Map<string, number>();
  for (const d of h.days) if (!dayNumber.has(d)) dayNumber.set(d, dayNumber.size + 1);
  const days = [...dayNumber.keys()];
  const dayNumbers = h.days.map((d) => dayNumber.get(d)!);
  const rows = await sql.query<Row>(
    `WITH ${cte},
     grouped AS MATERIALIZED (
       SELECT width_bucket(o.opened_at, ${p.add(h.starts)}::timestamptz[]) AS i, o.network, count(*) AS n FROM selected o GROUP BY 1, 2),
     placed AS (
       SELECT (${p.add(dayNumbers)}::int[])[g.i] AS day, (${p.add(h.weekdays)}::int[])[g.i] AS weekday, (${p.add(h.hours)}::int[])[g.i] AS hour, g.network, g.n
         FROM grouped g WHERE g.i > 0)
     SELECT 'day' AS dim, (${p.add(days)}::text[])[day] AS a, network AS b, sum(n) AS count FROM placed GROUP BY day, network
     UNION ALL
     SELECT 'hour', weekday::text, hour::text, sum(n) FROM placed GROUP BY weekday, hour`,
    p.values,
  );
  return rows.rows;
}

/**
 * Per kind, service, risk, sentiment and how the first response stands against its target at `now`: the cases
 * grouped per combination of all five (a few thousand at most), which the per-column counts then sum.
 */
async function countByColumns(sql: Sql, f: DashboardFilter, now: Date): Promise<Row[]> {
  const p = new SqlParams();
  const rows = await sql.query<Row>(
    `WITH ${selectedCte(p, f)},
     grouped AS MATERIALIZED (
       SELECT ${COLUMNS.join(', ')}, count(*) AS n
         FROM (SELECT o.kind, o.service, o.risk, o.sentiment, ${responseOf(p, now)} AS response FROM selected o) s
        GROUP BY ${COLUMNS.join(', ')})
     ${COLUMNS.map((c) => `SELECT '${c}' AS dim, ${c} AS a, NULL AS b, sum(n) AS count FROM grouped GROUP BY ${c}`).join('\n     UNION ALL ')}`,
    p.values,
  );
  return rows.rows;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * Each local hour from where the wall clock shows it: the zone's offset is asked once a day, and hour by hour
 * only on a day whose offset changes (it never changes twice in a day); a change in the middle of an hour (a
 * half-hour clock change) starts a new hour at the minute it happens. The zone's rules are luxon's (Intl's).
 */
export function localHours(f: DashboardFilter, zone: string): LocalHours {
  const z = IANAZone.create(zone);
  const offsetAt = (t: number) => z.offset(t) * 60_000;
  const h: LocalHours = { starts: [], days: [], weekdays: [], hours: [] };
  let dayEnd = -Infinity;
  let steady = false;
  let dayOffset = 0;
  for (let t = f.from.getTime(); t < f.to.getTime(); ) {
    if (t >= dayEnd) {
      dayOffset = offsetAt(t);
      dayEnd = t + DAY;
      steady = offsetAt(dayEnd) === dayOffset;
    }
    const offset = steady ? dayOffset : offsetAt(t);
    const wall = new Date(t + offset);
    h.starts.push(new Date(t).toISOString());
    h.days.push(wall.toISOString().slice(0, 10));
    h.weekdays.push(wall.getUTCDay() || 7);
    h.hours.push(wall.getUTCHours());
    const next = Math.floor((t + offset) / HOUR) * HOUR + HOUR - offset;
    t = steady || offsetAt(next - 1) === offset ? next : firstChange(offsetAt, t, next - 1, offset);
  }
  return h;
}

/** The first minute in (from, to] at which the offset is no longer `offset` (it is not at `to`). */
function firstChange(offsetAt: (t: number) => number, from: number, to: number, offset: number): number {
  let lo = Math.floor(from / 60_000);
  let hi = Math.ceil(to / 60_000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid * 60_000) === offset) lo = mid;
    else hi = mid;
  }
  return hi * 60_000;
}

/** Byte order, as the database's ORDER BY gave them before (keys are ASCII tags and ISO dates); no value last. */
function compare(a: string | null, b: string | null): number {
  return a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
}
