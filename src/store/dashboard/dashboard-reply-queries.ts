// Owns the dashboard's counts of ready wording: replies sent from a signposting or "report it online" template
// (issue 16, the signpost recorded on case.reply.requested) and holding lines leadership agreed (issue 18:
// case.leadership.answered 'agree' on an escalation that proposed a holding line), for the period's cases.
import type { Count, DashboardFilter, SignpostFigures } from '../../domain/dashboard-figures.js';
import type { Sql } from '../db.js';
import { selectedCte, unnestedAligned } from './dashboard-selection.js';
import { SqlParams } from './sql-params.js';

/** A signposted reply counts when the network took it (a sent event for its replyId), once however many there were. */
export async function signpostFigures(sql: Sql, f: DashboardFilter): Promise<SignpostFigures> {
  const p = new SqlParams();
  const rows = await sql.query<{ kind: string; service: string; count: string }>(
    `WITH ${selectedCte(p, f)}
     SELECT r.kind, r.service, count(*) AS count
       FROM ${unnestedAligned({ kind: 'signpost_kinds', service: 'signpost_services' })} r
      GROUP BY 1, 2`,
    p.values,
  );
  const groups = rows.rows.map((r) => ({ kind: r.kind, service: r.service, count: Number(r.count) }));
  return {
    replies: groups.reduce((n, g) => n + g.count, 0),
    byKind: sumBy(groups, (g) => g.kind),
    byService: sumBy(groups, (g) => g.service),
  };
}

/** Each escalation whose proposed holding line leadership agreed counts once, whether or not a surge then recorded it. */
export async function holdingLinesAgreed(sql: Sql, f: DashboardFilter): Promise<number> {
  const p = new SqlParams();
  const rows = await sql.query<{ count: string }>(
    // A holding line is proposed in an escalation: only escalated cases can have one.
    `WITH ${selectedCte(p, f)} SELECT coalesce(sum(holding_lines_agreed), 0) AS count FROM selected WHERE cardinality(escalation_targets) > 0`,
    p.values,
  );
  return Number(rows.rows[0]?.count ?? 0);
}

function sumBy<T extends { count: number }>(groups: readonly T[], key: (g: T) => string): Count[] {
  const sums = new Map<string, number>();
  for (const g of groups) sums.set(key(g), (sums.get(key(g)) ?? 0) + g.count);
  return [...sums].map(([k, count]) => ({ key: k, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
