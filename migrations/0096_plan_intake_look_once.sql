-- Intake's look (src/store/pg-intake-store.ts: the stored copies of a batch, new case numbers, the surge look-up of
-- its topics) runs once for every group of requests intake stores, a few hundred times a second. Sent as a prepared
-- statement it was planned again at every call: a prepared statement keeps a generic plan only when that looks as
-- cheap as the custom ones, and this one's cannot, since it cannot see the surge window ($2) nor the limit ($3), and
-- guesses a tenth of the topic's posts for each. The plans are the same shape either way (keyed look-ups); planning
-- was more than the look's own work (pg_stat_statements, single POSTs on 10 connections to one desk, 27,000 mentions
-- stored: 445 plans for 439 calls, 0.55 ms planning a call against 0.38 ms executing), and the generic plan's
-- estimate (135,000) passed jit_above_cost: forced on the prepared statement, every call compiled for ~120 ms. Here the look is planned once per
-- connection (force_generic_plan), never compiled (jit off), and, planned perhaps on an empty database, by its
-- indexes (enable_seqscan off, as refresh_case_facts: see 0081 and test/integration/store/intake-bounded-work.test.ts).
-- Its text is the statement the desk sent before, with its parameters in the same places; a column of the answer that
-- shares a name with a table's column is read as the column (variable_conflict).
CREATE FUNCTION intake_look(keys jsonb, since timestamptz, surge_limit integer, case_prefix text)
RETURNS TABLE (kind text, ord integer, case_id text, existing_id text, topic text, posted_at timestamptz)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
SET jit = off
SET enable_seqscan = off
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH input AS MATERIALIZED (
    SELECT r.network, r.external_id, r.topic, r.posted_at, r.ord
      FROM jsonb_to_recordset($1::jsonb) AS r(network text, external_id text, topic text, posted_at timestamptz, ord integer)
  ), stored AS MATERIALIZED (
    SELECT i.ord, s.existing_id, s.case_id FROM input i CROSS JOIN LATERAL (
      SELECT m.id AS existing_id, c.id AS case_id FROM mentions m LEFT JOIN cases c ON c.mention_id = m.id
       WHERE m.network = i.network AND m.external_id = i.external_id OFFSET 0) s
  ), fresh AS MATERIALIZED (SELECT i.topic FROM input i WHERE i.ord NOT IN (SELECT ord FROM stored))
  SELECT 'stored' AS kind, ord, case_id, existing_id, NULL AS topic, NULL::timestamptz AS posted_at FROM stored
  UNION ALL
  SELECT 'number', NULL, $4::text || nextval('case_number_seq'), NULL, NULL, NULL FROM fresh
  UNION ALL
  SELECT 'recent', NULL, r.case_id, NULL, t.topic, r.posted_at
    FROM (SELECT DISTINCT topic FROM fresh WHERE topic IS NOT NULL) t
    CROSS JOIN LATERAL (
      SELECT c.id AS case_id, m.posted_at FROM mentions m JOIN cases c ON c.mention_id = m.id
       WHERE m.topic = t.topic AND m.posted_at >= $2
         AND m.posted_at <= coalesce((
           SELECT m2.posted_at FROM mentions m2 JOIN cases c2 ON c2.mention_id = m2.id
            WHERE m2.topic = t.topic AND m2.posted_at >= $2 ORDER BY m2.posted_at OFFSET $3 - 1 LIMIT 1), 'infinity')
       ORDER BY m.posted_at, c.id LIMIT $3) r;
END
$$;
