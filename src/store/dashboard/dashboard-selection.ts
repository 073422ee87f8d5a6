// Owns the SQL every dashboard figure starts from: the period's filtered cases, and per case the facts
// its first response is judged by, all read from the cases table (the fold of the log) and the event log.
import type { DashboardFilter } from '../../domain/dashboard-figures.js';
import type { WorkingSpan } from '../../policy/working-spans.js';
import type { SqlParams } from './sql-params.js';

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

/** `spans`: the working calendar's open periods, each with the working seconds before it. */
export function spansCte(p: SqlParams, spans: readonly WorkingSpan[]): string {
  return `spans AS (
    SELECT u.s, u.e, coalesce(sum(extract(epoch FROM u.e - u.s)) OVER (ORDER BY u.s ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before_s
      FROM unnest(${p.add(spans.map((s) => s.start))}::timestamptz[], ${p.add(spans.map((s) => s.end))}::timestamptz[]) AS u(s, e))`;
}

/** Working seconds from the first span's start up to `t` (needs `spans`). */
function workingSecondsUpTo(t: string): string {
  return `coalesce((SELECT sp.before_s + least(extract(epoch FROM ${t} - sp.s), extract(epoch FROM sp.e - sp.s))
                      FROM spans sp WHERE sp.s <= ${t} ORDER BY sp.s DESC LIMIT 1), 0)`;
}

/**
 * `facts` (needs `selected` and `spans`): per case its posting time and sentiment as recorded on opening,
 * its first-response target (the latest one set), its first reply the network accepted, the working
 * minutes between post and reply, and how it stands against the target at `now`.
 */
export function factsCte(p: SqlParams, now: Date): string {
  const at = p.add(now);
  return `opened AS (
    SELECT s.*, coalesce((o.body->'data'->>'postedAt')::timestamptz, o.occurred_at) AS posted_at,
           coalesce(o.body->'data'->>'sentiment', 'unknown') AS sentiment,
           coalesce(
             (SELECT (d.body->'data'->>'due')::timestamptz FROM events d
               WHERE d.case_id = s.id AND d.type = 'case.deadline.set'
                 AND d.body->'data'->>'name' = 'first_response' AND d.body->'data'->>'due' IS NOT NULL
               ORDER BY d.seq DESC LIMIT 1),
             (o.body->'data'->'deadlines'->>'first_response')::timestamptz) AS due,
           (SELECT min(r.occurred_at) FROM events r WHERE r.case_id = s.id AND r.type = 'case.reply.sent') AS first_reply_at
      FROM selected s JOIN events o ON o.case_id = s.id AND o.type = 'case.opened'),
  facts AS (
    SELECT o.*,
           CASE WHEN o.first_reply_at IS NULL THEN NULL
                ELSE greatest(0, ${workingSecondsUpTo('o.first_reply_at')} - ${workingSecondsUpTo('o.posted_at')}) / 60 END AS working_minutes,
           CASE WHEN o.due IS NULL THEN 'no_target'
                WHEN o.first_reply_at IS NOT NULL THEN CASE WHEN o.first_reply_at <= o.due THEN 'met' ELSE 'missed' END
                WHEN o.state = 'closed' THEN 'closed_without_reply'
                WHEN o.due < ${at}::timestamptz THEN 'missed'
                ELSE 'pending' END AS response
      FROM opened o)`;
}
