// Owns the dashboard's volume counts: cases per local day and network, per kind, service and risk, and per
// local weekday and hour, for the period's filtered cases.
import { DateTime } from 'luxon';
import type { Count, DashboardFilter, DayNetworkCount, HourCount } from '../../domain/dashboard-figures.js';
import type { Sql } from '../db.js';
import { selectedCte } from './dashboard-selection.js';
import { SqlParams } from './sql-params.js';

export interface VolumeCounts {
  readonly byDayAndNetwork: DayNetworkCount[];
  readonly byKind: Count[];
  readonly byService: Count[];
  readonly byRisk: Count[];
  readonly byHour: HourCount[];
}

/** The local hours of the period on the council's wall clock: when each began, its date, ISO weekday and hour. */
interface LocalHours { starts: string[]; days: string[]; weekdays: number[]; hours: number[] }

export async function countVolumes(sql: Sql, f: DashboardFilter, timeZone: string): Promise<VolumeCounts> {
  const [time, columns] = await Promise.all([countByClock(sql, f, timeZone), countByColumns(sql, f)]);
  return { ...time, ...columns };
}

/**
 * Cases per local hour of the period and network, each case's hour found by a binary search of the hours'
 * starts (width_bucket): no case's time is converted to the zone, only the period's few thousand hours are,
 * here, once. Clock changes are the zone's: the repeated autumn hour is two hours, both counted as that hour.
 */
async function countByClock(sql: Sql, f: DashboardFilter, timeZone: string): Promise<Pick<VolumeCounts, 'byDayAndNetwork' | 'byHour'>> {
  const p = new SqlParams();
  const cte = selectedCte(p, f);
  const h = localHours(f, timeZone);
  const starts = p.add(h.starts);
  const rows = await sql.query<{ dim: 'day' | 'hour'; a: string; b: string; count: string }>(
    `WITH ${cte},
     counted AS (SELECT width_bucket(opened_at, ${starts}::timestamptz[]) AS i, network, count(*) AS n FROM selected GROUP BY 1, 2),
     clock AS (SELECT * FROM unnest(${starts}::timestamptz[], ${p.add(h.days)}::text[], ${p.add(h.weekdays)}::int[], ${p.add(h.hours)}::int[])
                 WITH ORDINALITY AS k(start, day, weekday, hour, i)),
     placed AS (SELECT k.day, k.weekday, k.hour, c.network, c.n FROM counted c JOIN clock k ON k.i = c.i)
     SELECT 'day' AS dim, day AS a, network AS b, sum(n) AS count FROM placed GROUP BY day, network
     UNION ALL
     SELECT 'hour', weekday::text, hour::text, sum(n) FROM placed GROUP BY weekday, hour`,
    p.values,
  );
  const of = (dim: 'day' | 'hour') => rows.rows.filter((r) => r.dim === dim);
  return {
    byDayAndNetwork: of('day').map((r) => ({ day: r.a, network: r.b, count: Number(r.count) })).sort((x, y) => compare(x.day, y.day) || compare(x.network, y.network)),
    byHour: of('hour').map((r) => ({ weekday: Number(r.a), hour: Number(r.b), count: Number(r.count) })).sort((x, y) => x.weekday - y.weekday || x.hour - y.hour),
  };
}

/** Kind, service and risk counted in one grouping of the period's cases. */
async function countByColumns(sql: Sql, f: DashboardFilter): Promise<Pick<VolumeCounts, 'byKind' | 'byService' | 'byRisk'>> {
  const p = new SqlParams();
  const rows = await sql.query<{ dim: 'kind' | 'service' | 'risk'; key: string; count: string }>(
    `WITH ${selectedCte(p, f)}
     SELECT CASE WHEN GROUPING(kind) = 0 THEN 'kind' WHEN GROUPING(service) = 0 THEN 'service' ELSE 'risk' END AS dim,
            CASE WHEN GROUPING(kind) = 0 THEN kind WHEN GROUPING(service) = 0 THEN service ELSE risk END AS key, count(*) AS count
       FROM selected GROUP BY GROUPING SETS ((kind), (service), (risk))`,
    p.values,
  );
  const counts = (dim: 'kind' | 'service' | 'risk'): Count[] =>
    rows.rows.filter((r) => r.dim === dim).map((r) => ({ key: r.key, count: Number(r.count) })).sort((x, y) => y.count - x.count || compare(x.key, y.key));
  return { byKind: counts('kind'), byService: counts('service'), byRisk: counts('risk') };
}

function localHours(f: DashboardFilter, zone: string): LocalHours {
  const h: LocalHours = { starts: [], days: [], weekdays: [], hours: [] };
  // Hour by hour in UTC, starting a new local hour whenever the wall clock's hour changes (zones a half or a
  // quarter hour off UTC included: their hours start at :30 or :45, found by stepping in quarter hours).
  let last = '';
  for (let t = f.from.getTime(); t < f.to.getTime(); t += 900_000) {
    const local = DateTime.fromMillis(t, { zone });
    const key = `${local.toISODate()}T${local.hour}|${local.offset}`;
    if (key === last) continue;
    last = key;
    h.starts.push(new Date(t).toISOString());
    h.days.push(local.toISODate()!);
    h.weekdays.push(local.weekday);
    h.hours.push(local.hour);
  }
  return h;
}

/** Byte order, as the database's ORDER BY gave them before (keys are ASCII tags and ISO dates); no value last. */
function compare(a: string | null, b: string | null): number {
  return a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
}
