// Owns filling the database with open cases for the memory goal: copies of one real case and its
// mention, made in SQL (seconds, not the minutes intake would take), each with its own ids.
import type { Sql } from '../src/store/db.js';

/** Column list of `table` (generated columns left to compute themselves) with some columns replaced by SQL expressions over the template row `t` and the counter `g`. */
async function copyColumns(sql: Sql, table: string, replaced: Record<string, string>): Promise<{ names: string; values: string }> {
  const cols = await sql.query<{ column_name: string }>(
    // Generated columns (cases.network, cases.risk) are computed from the copy's body, never written.
    `SELECT column_name FROM information_schema.columns
      WHERE table_name = $1 AND table_schema = current_schema() AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    [table],
  );
  const names = cols.rows.map((c) => c.column_name);
  return { names: names.join(', '), values: names.map((n) => replaced[n] ?? `t.${n}`).join(', ') };
}

/** Adds `count` open cases copied from `templateCaseId`; returns how many open cases there are now. */
export async function seedOpenCases(sql: Sql, templateCaseId: string, count: number): Promise<number> {
  const tag = `b${Date.now().toString(36)}`;
  const mentionId = `'${tag}-m-' || g`;
  const caseId = `'MD-${tag}-' || g`;
  const mentions = await copyColumns(sql, 'mentions', { id: mentionId, external_id: `'${tag}-x-' || g`, body: `jsonb_set(t.body, '{externalId}', to_jsonb('${tag}-x-' || g))` });
  const cases = await copyColumns(sql, 'cases', { id: caseId, mention_id: mentionId, body: `jsonb_set(jsonb_set(t.body, '{id}', to_jsonb(${caseId})), '{mentionId}', to_jsonb(${mentionId}))` });
  await sql.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO mentions (${mentions.names}) SELECT ${mentions.values} FROM mentions t, generate_series(1, $2) g
        WHERE t.id = (SELECT mention_id FROM cases WHERE id = $1)`,
      [templateCaseId, count],
    );
    await tx.query(`INSERT INTO cases (${cases.names}) SELECT ${cases.values} FROM cases t, generate_series(1, $2) g WHERE t.id = $1`, [templateCaseId, count]);
  });
  const open = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE state <> 'closed'`);
  return open.rows[0]!.n;
}
