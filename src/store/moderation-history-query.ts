// Owns the query for one author's moderation record: their cases' moderation events with each post kept as evidence.
import type { ModerationActionKind } from '../domain/case.js';
import type { ModerationRecord, RecordedBlock, RecordedBreach, RecordedWarning } from '../domain/moderation-record.js';
import type { Sql } from './db.js';

interface ModerationRow {
  case_id: string;
  moderation_id: string;
  action: ModerationActionKind;
  rule_id: string;
  requested_at: Date;
  rejected: boolean;
  done_at: Date | null;
  done_seq: string | number | null;
  mention_id: string;
  network: string;
  url: string;
  text: string;
  author_name: string | null;
  author_handle: string | null;
  posted_at: string;
}

// The author's cases come from cases_author_key_idx (0009); their events from events_case_id_seq_idx.
// The post's text is read from mentions.body, where intake stored it, so the evidence is never copied.
const QUERY = `
  WITH author_cases AS (
    SELECT id, mention_id FROM cases WHERE body->>'authorKey' = $1
  ), moderation AS (
    SELECT e.case_id, e.seq, e.type, e.occurred_at, e.body->'data'->>'moderationId' AS moderation_id, e.body->'data' AS data
    FROM events e JOIN author_cases a ON a.id = e.case_id
    WHERE e.type IN ('case.moderation.requested', 'case.moderation.rejected', 'case.moderation.done')
  )
  SELECT r.case_id, r.moderation_id, r.data->>'action' AS action, r.data->>'ruleId' AS rule_id,
         r.occurred_at AS requested_at, d.occurred_at AS done_at, d.seq AS done_seq,
         EXISTS (SELECT 1 FROM moderation x
                 WHERE x.case_id = r.case_id AND x.moderation_id = r.moderation_id AND x.type = 'case.moderation.rejected') AS rejected,
         m.id AS mention_id, m.network, m.body->>'url' AS url, m.body->>'text' AS text,
         m.body->'author'->>'name' AS author_name, m.body->'author'->>'handle' AS author_handle, m.body->>'postedAt' AS posted_at
  FROM moderation r
  JOIN author_cases a ON a.id = r.case_id
  JOIN mentions m ON m.id = a.mention_id
  LEFT JOIN moderation d ON d.case_id = r.case_id AND d.moderation_id = r.moderation_id AND d.type = 'case.moderation.done'
  WHERE r.type = 'case.moderation.requested'
  ORDER BY r.seq`;

/** Lifting actions are not breaches: an unhide or unblock records no rule broken. */
const LIFTING: readonly ModerationActionKind[] = ['unhide', 'unblock'];

export async function queryModerationRecord(sql: Sql, authorKey: string): Promise<ModerationRecord> {
  const rows = (await sql.query<ModerationRow>(QUERY, [authorKey])).rows;
  const blocks = blocksInForce(rows);
  const warningsSent: RecordedWarning[] = rows
    .filter((r) => r.action === 'warn' && r.done_at)
    .map((r) => ({ caseId: r.case_id, ruleId: r.rule_id, at: r.done_at as Date }));
  return { authorKey, breaches: breaches(rows), warnings: warningsSent.length, warningsSent, blocked: blocks.length > 0, blocks };
}

/** One breach per rule per case, dated by its first request; a request a manager rejected records none. */
function breaches(rows: readonly ModerationRow[]): RecordedBreach[] {
  const byKey = new Map<string, RecordedBreach>();
  for (const r of rows) {
    if (r.rejected || LIFTING.includes(r.action)) continue;
    const key = JSON.stringify([r.case_id, r.rule_id]);
    const action = { moderationId: r.moderation_id, action: r.action, doneAt: r.done_at };
    const seen = byKey.get(key);
    if (seen) {
      byKey.set(key, { ...seen, actions: [...seen.actions, action] });
      continue;
    }
    byKey.set(key, {
      caseId: r.case_id, ruleId: r.rule_id, at: r.requested_at, actions: [action],
      evidence: { mentionId: r.mention_id, network: r.network, url: r.url, text: r.text, authorName: r.author_name ?? '', authorHandle: r.author_handle ?? '', postedAt: r.posted_at },
    });
  }
  return [...byKey.values()];
}

/** Blocks carried out since the last unblock carried out, on any of the author's cases, in the order the network did them. */
function blocksInForce(rows: readonly ModerationRow[]): RecordedBlock[] {
  const done = rows
    .filter((r) => r.done_at && (r.action === 'block' || r.action === 'unblock'))
    .sort((a, b) => Number(a.done_seq) - Number(b.done_seq));
  let inForce: RecordedBlock[] = [];
  for (const r of done) {
    inForce = r.action === 'unblock' ? [] : [...inForce, { caseId: r.case_id, moderationId: r.moderation_id, ruleId: r.rule_id, at: r.done_at as Date }];
  }
  return inForce;
}
