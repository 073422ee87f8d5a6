-- Every intake statement refreshed its new cases' facts through the whole case_facts_from_log view (the events'
-- trigger): a plan of a dozen lateral reads of each case's events, which PostgreSQL sets up and takes down at every
-- call whatever the number of cases. For the few cases a group of single POSTs opens that was most of the call:
-- EXPLAIN ANALYZE of the view's generic plan, 1 case 0.23 ms, 10 cases 0.48 ms; and in pg_stat_statements (single
-- POSTs, 10 connections, one desk) the refresh was 1.1 ms of the 2.4 ms an intake statement took, 3.4 mentions each.
--
-- A case whose only event is its opening, written by this statement, has the facts of its case, its mention and
-- that event, and the view's other columns are those of no events at all: no deadline moved, no reply, no
-- escalation, no holding line, no moderation, no signpost. Those cases get their row from that directly (the
-- columns below are the view's, 0065 and 0081, in its order). Every other case of the statement, and any that
-- already has a row, is refreshed through the view as before. The row is the same either way:
-- test/integration/store/case-facts.test.ts compares the kept table with the view after bulk loads, intake and
-- commands.
CREATE OR REPLACE FUNCTION refresh_case_facts_of_events() RETURNS trigger
LANGUAGE plpgsql
-- Planned once per connection, perhaps on an empty database: by keys and indexes whatever the sizes then (0081).
SET enable_seqscan = off
SET jit = off
AS $$
DECLARE
  opened text[];
  rest text[];
BEGIN
  WITH written AS (
    INSERT INTO case_facts
    SELECT c.id, c.mention_id, c.opened_at, c.network, coalesce(c.service_tag, 'unclassified'), coalesce(c.kind, 'unclassified'),
           c.risk, c.state, c.body->>'outcome', nullif(lower(btrim(m.topic)), ''), m.posted_at,
           coalesce((o.body->'data'->>'postedAt')::timestamptz, o.occurred_at), coalesce(o.body->'data'->>'sentiment', 'unknown'),
           (o.body->'data'->'deadlines'->>'first_response')::timestamptz, NULL,
           '{}', '{}', '{}', '{}', 0, '{}', 0, '{}', '{}'
      FROM changed_rows o
      JOIN cases c ON c.id = o.case_id
      JOIN mentions m ON m.id = c.mention_id
     WHERE o.type = 'case.opened'
       AND NOT EXISTS (SELECT 1 FROM events e WHERE e.case_id = o.case_id AND e.seq <> o.seq)
    ON CONFLICT (case_id) DO NOTHING
    RETURNING case_id)
  SELECT coalesce(array_agg(case_id), '{}') INTO opened FROM written;
  rest := ARRAY(SELECT DISTINCT case_id FROM changed_rows WHERE case_id <> ALL (opened));
  IF cardinality(rest) > 0 THEN
    PERFORM refresh_case_facts(rest);
  END IF;
  RETURN NULL;
END
$$;
