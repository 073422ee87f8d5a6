// Owns listing the period's filtered cases (optionally only one bar's) with the facts the dashboard
// counted them by: the drill-down behind a bar and the CSV export read the same rows.
import { RUNG_OF_ACTION, type DashboardCaseRow, type DashboardFilter, type DrillDown, type ResponseOutcome } from '../../domain/dashboard-figures.js';
import type { WorkingTime } from '../../policy/working-spans.js';
import type { Sql } from '../db.js';
import { factsCte, selectedCte, workingClock } from './dashboard-selection.js';
import { SqlParams } from './sql-params.js';

export interface CaseListQuery {
  readonly filter: DashboardFilter;
  readonly drill: DrillDown | null;
  readonly working: WorkingTime;
  readonly now: Date;
  readonly timeZone: string;
  readonly limit: number | null;
}

interface Row {
  id: string; opened_at: Date; posted_at: Date; network: string; service: string; kind: string; risk: string; sentiment: string;
  state: string; outcome: string | null; first_reply_at: Date | null; due: Date | null; response: ResponseOutcome;
  working_minutes: number | null; escalations: string; moderation_actions: string;
}

/** What a row of the list shows beyond the first-response facts. */
const LIST_COLUMNS = ['o.id', 'o.network', 'o.service', 'o.kind', 'o.risk', 'o.outcome', 'cardinality(o.escalation_targets) AS escalations', 'o.moderations_done'];

export async function listDashboardCases(sql: Sql, q: CaseListQuery): Promise<DashboardCaseRow[]> {
  const p = new SqlParams();
  const where = q.drill ? drillPredicate(p, q.drill, q.timeZone) : 'true';
  const limit = q.limit === null ? '' : `LIMIT ${p.add(q.limit)}`;
  // The page of cases first, then their working minutes: a list of 500 measures 500 cases, not the period's.
  // Only a drill into response outcomes needs every case judged first.
  const judgedFirst = q.drill?.dimension === 'response';
  const page = `page AS (SELECT * FROM selected f WHERE ${judgedFirst ? 'true' : where} ORDER BY f.opened_at, f.id ${judgedFirst ? '' : limit})`;
  const clock = workingClock(p, q.working);
  const ctes = [selectedCte(p, q.filter), page, clock.cte, factsCte(p, q.now, 'page', LIST_COLUMNS, clock.minutes)].join(',\n');
  const rows = await sql.query<Row>(
    `WITH ${ctes}
     SELECT f.id, f.opened_at, f.posted_at, f.network, f.service, f.kind, f.risk, f.sentiment, f.state,
            f.outcome, f.first_reply_at, f.due, f.response, f.working_minutes,
            f.escalations, f.moderations_done AS moderation_actions
       FROM facts f WHERE ${judgedFirst ? where : 'true'} ORDER BY f.opened_at, f.id ${judgedFirst ? limit : ''}`,
    p.values,
  );
  return rows.rows.map(toRow);
}

/** The cases behind one bar; the value is the bar's label as the figures name it. */
function drillPredicate(p: SqlParams, d: DrillDown, timeZone: string): string {
  const v = () => `${p.add(d.value)}::text`;
  switch (d.dimension) {
    case 'day': return `to_char(f.opened_at AT TIME ZONE ${p.add(timeZone)}::text, 'YYYY-MM-DD') = ${v()}`;
    case 'hour': return `extract(hour FROM f.opened_at AT TIME ZONE ${p.add(timeZone)}::text)::int::text = ${v()}`;
    case 'network': case 'kind': case 'service': case 'risk': case 'sentiment': case 'response': return `f.${d.dimension} = ${v()}`;
    case 'escalation': return `${v()} = ANY(f.escalation_targets)`;
    case 'rung': {
      const actions = p.add(Object.entries(RUNG_OF_ACTION).filter(([, rung]) => rung === d.value).map(([action]) => action));
      return `f.moderation_done_actions && ${actions}::text[]`;
    }
  }
}

function toRow(r: Row): DashboardCaseRow {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: r.id, openedAt: iso(r.opened_at)!, postedAt: iso(r.posted_at)!, network: r.network, service: r.service, kind: r.kind, risk: r.risk,
    sentiment: r.sentiment, state: r.state, outcome: r.outcome, firstReplyAt: iso(r.first_reply_at), firstResponseDue: iso(r.due), response: r.response,
    workingMinutesToReply: r.working_minutes === null ? null : Math.round(Number(r.working_minutes) * 10) / 10,
    escalations: Number(r.escalations), moderationActions: Number(r.moderation_actions),
  };
}
