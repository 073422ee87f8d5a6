// Owns the dashboard's handling queries: first responses against target in working time, escalations
// and how fast they were acknowledged, moderation carried out by rung, and surges by topic.
import { RUNG_OF_ACTION, type Count, type DashboardFilter, type EscalationFigures, type FirstResponseFigures, type SurgeFigures } from '../../domain/dashboard-figures.js';
import type { WorkingTime } from '../../policy/working-spans.js';
import type { Sql } from '../db.js';
import { measured, selectedCte, selectedCteOf, selectionOf, unnestedAligned, workingClock } from './dashboard-selection.js';
import { SqlParams } from './sql-params.js';

/** Working time from post to first reply over the cases replied to: how many, and both percentiles from one sort. */
export async function replyTimeFigures(sql: Sql, f: DashboardFilter, working: WorkingTime): Promise<Omit<FirstResponseFigures, 'outcomes'>> {
  const p = new SqlParams();
  const clock = workingClock(p, working);
  const ctes = [selectedCte(p, f), clock.cte].join(',\n');
  const rows = await sql.query<{ replied: string; percentiles: number[] | null }>(
    `WITH ${ctes}
     SELECT count(*) AS replied, percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${clock.minutes}) AS percentiles
       FROM ${measured('(SELECT * FROM selected WHERE first_reply_at IS NOT NULL)')}`,
    p.values,
  );
  const t = rows.rows[0];
  const [median, p90] = t?.percentiles ?? [null, null];
  return { replied: Number(t?.replied ?? 0), medianWorkingMinutes: numberOrNull(median), p90WorkingMinutes: numberOrNull(p90) };
}

/** Acknowledged: an acknowledgement recorded; declined: declined or dismissed without one; pending: neither yet. */
export async function escalationFigures(sql: Sql, f: DashboardFilter): Promise<EscalationFigures[]> {
  const p = new SqlParams();
  // Both percentiles from one sort of the acknowledgement times. The aligned arrays are unnested side by side in
  // the select list (see unnestedAligned).
  const rows = await sql.query<{ target: string; raised: string; acknowledged: string; declined: string; percentiles: Array<number | null> | null }>(
    `WITH ${selectedCte(p, f)}
     SELECT e.target, count(*) AS raised, count(e.acknowledged_at) AS acknowledged,
            count(*) FILTER (WHERE e.acknowledged_at IS NULL AND e.declined_at IS NOT NULL) AS declined,
            percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY date_part('epoch', e.acknowledged_at - e.raised_at) / 60) AS percentiles
       FROM ${unnestedAligned({ target: 'escalation_targets', raised_at: 'escalation_raised_at', acknowledged_at: 'escalation_acknowledged_at', declined_at: 'escalation_declined_at' })} e
      GROUP BY 1 ORDER BY 1`,
    p.values,
  );
  return rows.rows.map((r) => {
    const raised = Number(r.raised), acknowledged = Number(r.acknowledged), declined = Number(r.declined);
    const [median, p90] = r.percentiles ?? [null, null];
    return { target: r.target, raised, acknowledged, declined, pending: raised - acknowledged - declined, medianAckMinutes: numberOrNull(median), p90AckMinutes: numberOrNull(p90) };
  });
}

/** Moderation the network carried out (a done event), by the action requested and by its rung. */
export async function moderationFigures(sql: Sql, f: DashboardFilter): Promise<{ byRung: Count[]; byAction: Count[] }> {
  const p = new SqlParams();
  const rows = await sql.query<{ action: string; count: string }>(
    `WITH ${selectedCte(p, f)}
     SELECT a.action, count(*) AS count
       FROM ${unnestedAligned({ action: 'moderation_done_actions' })} a
      GROUP BY 1`,
    p.values,
  );
  const byAction = rows.rows.map((r) => ({ key: r.action, count: Number(r.count) }));
  const rungs = new Map<string, number>();
  for (const a of byAction) rungs.set(RUNG_OF_ACTION[a.key] ?? a.key, (rungs.get(RUNG_OF_ACTION[a.key] ?? a.key) ?? 0) + a.count);
  return { byRung: sortCounts([...rungs].map(([key, count]) => ({ key, count }))), byAction: sortCounts(byAction) };
}

/**
 * A surge moment: a case whose topic had more than `limit` cases posted in the `withinMinutes` up to and
 * including its own posting time (policy/surge.ts's rule, asked at every case). Moments on one topic less
 * than a window apart are one surge. Topics are grouped ignoring case and surrounding spaces.
 */
export async function surgeFigures(sql: Sql, f: DashboardFilter, surge: { cases: number; withinMinutes: number }): Promise<SurgeFigures[]> {
  const p = new SqlParams();
  const selection = selectionOf(p, f);
  const within = p.add(`${surge.withinMinutes} minutes`);
  const limit = p.add(surge.cases);
  // The windows need the period's posts in topic and posting order. Sorting them is most of the work, so they are
  // read in that order instead, topic by topic, from the index on (topic, posting time) (migration 0075): each
  // topic's posts between the earliest and the latest of the period's (whenever they were opened), of which
  // only the selected are kept. Topics are compared byte by byte (COLLATE "C"), as that index orders them;
  // equality is the same. Each topic's windows and surges are worked out in a lateral subquery of their own: its
  // one topic's posts come out of the index in posting order, so the windows need neither a sort nor a partition
  // (windowing all topics' posts at once sorted them all again, the planner not knowing their order).
  const rows = await sql.query<{ topic: string; started_at: Date; ended_at: Date; peak: string }>(
    `WITH RECURSIVE ${selectedCteOf(selection)},
     span AS MATERIALIZED (SELECT min(mention_posted_at) AS lo, max(mention_posted_at) AS hi FROM selected WHERE topic IS NOT NULL),
     -- Every topic ever recorded, one index probe each (a loose index scan).
     topics AS (
       (SELECT t.topic COLLATE "C" AS topic FROM case_facts t WHERE t.topic IS NOT NULL ORDER BY 1 LIMIT 1)
       UNION ALL
       SELECT (SELECT n.topic COLLATE "C" FROM case_facts n WHERE n.topic COLLATE "C" > k.topic ORDER BY 1 LIMIT 1) FROM topics k WHERE k.topic IS NOT NULL)
     SELECT k.topic, s.started_at, s.ended_at, s.peak
       FROM span, topics k
      CROSS JOIN LATERAL (
        SELECT min(posted_at) AS started_at, max(posted_at) AS ended_at, max(in_window) AS peak
          FROM (SELECT *, sum(starts) OVER (ORDER BY posted_at ROWS UNBOUNDED PRECEDING) AS surge
                  FROM (SELECT *, CASE WHEN posted_at - lag(posted_at) OVER (ORDER BY posted_at) <= ${within}::interval THEN 0 ELSE 1 END AS starts
                          FROM (SELECT c.mention_posted_at AS posted_at,
                                       count(*) OVER (ORDER BY c.mention_posted_at RANGE BETWEEN ${within}::interval PRECEDING AND CURRENT ROW) AS in_window
                                  FROM case_facts c
                                 WHERE c.topic COLLATE "C" = k.topic AND c.mention_posted_at BETWEEN span.lo AND span.hi AND ${selection('c')}) windowed
                         WHERE in_window > ${limit}) moments) numbered
         GROUP BY surge) s
      WHERE k.topic IS NOT NULL
      ORDER BY 2, 1`,
    p.values,
  );
  return rows.rows.map((r) => ({ topic: r.topic, startedAt: new Date(r.started_at).toISOString(), endedAt: new Date(r.ended_at).toISOString(), peak: Number(r.peak) }));
}

function sortCounts(counts: Count[]): Count[] {
  return counts.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

function numberOrNull(v: number | string | null | undefined): number | null {
  return v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10;
}
