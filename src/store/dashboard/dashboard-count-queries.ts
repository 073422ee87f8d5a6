// Owns the dashboard's volume queries: cases per local day and network, per kind, service and risk,
// and per local weekday and hour, for the period's filtered cases.
import type { Count, DashboardFilter, DayNetworkCount, HourCount } from '../../domain/dashboard-figures.js';
import type { Sql } from '../db.js';
import { selectedCte } from './dashboard-selection.js';
import { SqlParams } from './sql-params.js';

export async function countByDayAndNetwork(sql: Sql, f: DashboardFilter, timeZone: string): Promise<DayNetworkCount[]> {
  const p = new SqlParams();
  const cte = selectedCte(p, f);
  const rows = await sql.query<{ day: string; network: string; count: string }>(
    `WITH ${cte}
     SELECT to_char(day, 'YYYY-MM-DD') AS day, network, count FROM (
       -- Grouped by the local date, and only the groups written out as text: a date is cheaper to group than a string.
       SELECT (opened_at AT TIME ZONE ${p.add(timeZone)}::text)::date AS day, network, count(*) AS count FROM selected GROUP BY 1, 2) d
      ORDER BY 1, 2`,
    p.values,
  );
  return rows.rows.map((r) => ({ day: r.day, network: r.network, count: Number(r.count) }));
}

/** Column counts straight off the covering index: kind, service, risk. */
export async function countByColumn(sql: Sql, f: DashboardFilter, column: 'kind' | 'service' | 'risk' | 'network'): Promise<Count[]> {
  const p = new SqlParams();
  const rows = await sql.query<{ key: string; count: string }>(
    `WITH ${selectedCte(p, f)} SELECT ${column} AS key, count(*) AS count FROM selected GROUP BY 1 ORDER BY 2 DESC, 1`,
    p.values,
  );
  return rows.rows.map((r) => ({ key: r.key, count: Number(r.count) }));
}

/** When cases arrive, by the council's wall clock. */
export async function countByHour(sql: Sql, f: DashboardFilter, timeZone: string): Promise<HourCount[]> {
  const p = new SqlParams();
  const cte = selectedCte(p, f);
  const local = `(opened_at AT TIME ZONE ${p.add(timeZone)}::text)`;
  const rows = await sql.query<{ weekday: number; hour: number; count: string }>(
    `WITH ${cte}
     SELECT date_part('isodow', ${local})::int AS weekday, date_part('hour', ${local})::int AS hour, count(*) AS count
       FROM selected GROUP BY 1, 2 ORDER BY 1, 2`,
    p.values,
  );
  return rows.rows.map((r) => ({ weekday: Number(r.weekday), hour: Number(r.hour), count: Number(r.count) }));
}
