// Owns answering the management dashboard from PostgreSQL/PGlite: every figure one SQL query over the
// period's cases and their events (see the queries beside this file).
import { RESPONSE_OUTCOMES, type DashboardCaseRow, type DashboardFigures, type DrillDown, type ResponseOutcome } from '../../domain/dashboard-figures.js';
import type { DashboardQuery, DashboardSource } from '../../services/ports.js';
import type { Sql } from '../db.js';
import { listDashboardCases } from './dashboard-case-list.js';
import { countVolumes } from './dashboard-count-queries.js';
import { escalationFigures, moderationFigures, replyTimeFigures, surgeFigures } from './dashboard-handling-queries.js';
import { holdingLinesAgreed, signpostFigures } from './dashboard-reply-queries.js';

/**
 * How each dashboard statement is run (set for it only, SET LOCAL in a transaction of its own, not for the desk's
 * other work): room to sort and group a period's cases in memory (a quarter of a million-case desk is some
 * 80,000 rows, which the default 4 MB of work_mem sends to disk); no parallel workers, as the figures' statements
 * already run side by side and workers only add their start-up to each; no memoizing of a case's arrays, each
 * of which is unnested once; no JIT compiling, which costs more than these short statements take.
 */
const DASHBOARD_SETTINGS: Record<string, string> = { work_mem: '32MB', max_parallel_workers_per_gather: '0', enable_memoize: 'off', jit: 'off' };
const APPLY_SETTINGS = `SELECT ${Object.entries(DASHBOARD_SETTINGS).map(([name, value]) => `set_config('${name}', '${value}', true)`).join(', ')}`;

function withDashboardSettings(sql: Sql): Sql {
  return {
    query: <T>(text: string, params?: readonly unknown[]) => sql.transaction(async (tx) => {
      await tx.query(APPLY_SETTINGS);
      return tx.query<T>(text, params);
    }),
    transaction: (work) => sql.transaction(work),
  };
}

export class PgDashboardSource implements DashboardSource {
  private readonly sql: Sql;

  constructor(sql: Sql) {
    this.sql = withDashboardSettings(sql);
  }

  async figures(q: DashboardQuery): Promise<DashboardFigures> {
    const f = q.filter;
    // Independent reads: on PostgreSQL they run on separate pooled connections at once.
    const [{ byDayAndNetwork, byKind, byService, byRisk, byHour, bySentiment, byResponse }, replyTimes, escalations, moderation, surges, signposting, holdingLines] = await Promise.all([
      countVolumes(this.sql, f, q.timeZone, q.now),
      replyTimeFigures(this.sql, f, q.working),
      escalationFigures(this.sql, f),
      moderationFigures(this.sql, f),
      surgeFigures(this.sql, f, q.surge),
      signpostFigures(this.sql, f),
      holdingLinesAgreed(this.sql, f),
    ]);
    const outcomes = Object.fromEntries(RESPONSE_OUTCOMES.map((o) => [o, byResponse.find((c) => c.key === o)?.count ?? 0])) as Record<ResponseOutcome, number>;
    const firstResponse = { outcomes, ...replyTimes };
    const cases = byKind.reduce((n, c) => n + c.count, 0);
    return { cases, byDayAndNetwork, byKind, byService, byRisk, bySentiment, firstResponse, escalations, moderationByRung: moderation.byRung, moderationByAction: moderation.byAction, surges, byHour, signposting, holdingLinesAgreed: holdingLines };
  }

  cases(q: DashboardQuery, drill: DrillDown | null, limit: number | null): Promise<DashboardCaseRow[]> {
    return listDashboardCases(this.sql, { filter: q.filter, drill, working: q.working, now: q.now, timeZone: q.timeZone, limit });
  }
}
