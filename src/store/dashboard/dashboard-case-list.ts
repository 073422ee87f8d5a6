// Owns listing the period's filtered cases (optionally only one bar's) with the facts the dashboard
// counted them by: the drill-down behind a bar and the CSV export read the same rows.
import { RUNG_OF_ACTION, type DashboardCaseRow, type DashboardFilter, type DrillDown, type ResponseOutcome } from '../../domain/dashboard-figures.js';
import type { WorkingTime } from '../../policy/working-spans.js';
import type { Sql } from '../db.js';
import { daysCte, factsCte, periodEvents, selectedCte } from './dashboard-selection.js';
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

export async function listDashboardCases(sql: Sql, q: CaseListQuery): Promise<DashboardCaseRow[]> {
  const p = new SqlParams();
  const ctes = [selectedCte(p, q.filter), daysCte(p, q.working), factsCte(p, q.filter, q.now)].join(',\n');
  const where = q.drill ? drillPredicate(p, q.drill, q.timeZone) : 'true';
  const limit = q.limit === null ? '' : `LIMIT ${p.add(q.limit)}`;
  const counted = (type: string) => `(SELECT x.case_id, count(*) AS n FROM ${periodEvents(p, q.filter, [type])} x GROUP BY 1)`;
  // The page of cases first, then their bodies and counts: a list of 500 reads 500 case rows, not the period's.
  const rows = await sql.query<Row>(
    `WITH ${ctes},
     page AS (SELECT * FROM facts f WHERE ${where} ORDER BY f.opened_at, f.id ${limit})
     SELECT f.id, f.opened_at, f.posted_at, f.network, f.service, f.kind, f.risk, f.sentiment, f.state,
            c.body->>'outcome' AS outcome, f.first_reply_at, f.due, f.response, f.working_minutes,
            coalesce(esc.n, 0) AS escalations, coalesce(modr.n, 0) AS moderation_actions
       FROM page f JOIN cases c ON c.id = f.id
       LEFT JOIN ${counted('case.escalated')} esc ON esc.case_id = f.id
       LEFT JOIN ${counted('case.moderation.done')} modr ON modr.case_id = f.id
      ORDER BY f.opened_at, f.id`,
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
    case 'escalation':
      return `EXISTS (SELECT 1 FROM events e WHERE e.case_id = f.id AND e.type = 'case.escalated' AND e.body->'data'->'target'->>'type' = ${v()})`;
    case 'rung': {
      const actions = p.add(Object.entries(RUNG_OF_ACTION).filter(([, rung]) => rung === d.value).map(([action]) => action));
      return `EXISTS (SELECT 1 FROM events d JOIN events r ON r.case_id = d.case_id AND r.type = 'case.moderation.requested'
                        AND r.body->'data'->>'moderationId' = d.body->'data'->>'moderationId'
                       WHERE d.case_id = f.id AND d.type = 'case.moderation.done' AND r.body->'data'->>'action' = ANY(${actions}::text[]))`;
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
