-- What intake's case_facts refresh reads must not grow with the history (issue 13). PostgreSQL keeps a
-- PL/pgSQL statement's plan for the life of a connection, made with the table sizes of its first call, and
-- replans only after an ANALYZE of a table it reads: a desk started on an empty database (a new install, the
-- benchmark) with no autovacuum to run ANALYZE kept, at 50,000 cases, the plans it made at none. Three of them
-- read more with every case stored (EXPLAIN ANALYZE through auto_explain, a batch of 100 per transaction):
--
-- 1. refresh_case_facts joined its cases to mentions by hashing: a sequential scan of every mention (50,100
--    rows, 11,000 buffers a call at 50,000 cases against 3,200 at none). Now each case's facts are read from
--    the view on their own (a lateral subquery the planner cannot flatten, OFFSET 0), keyed by the case's id,
--    so its case, mention and events are found through their primary keys and (case_id, ...) indexes whatever
--    the sizes the plan was made with.
-- 2. refresh_case_facts_of_cases asked which new cases had no facts yet with NOT EXISTS, which the planner may
--    answer by hashing all of case_facts (a connection planning it at 2,000 cases did; one that planned it at none
--    still did at 50,000). Now a scalar
--    subquery per case, as the probe of events beside it: one look-up in case_facts_pkey per new case.
--
-- 3. Inside the view, each look-up of a case's events named its event type, and events has an index that leads
--    with the type (events_type_occurred_at_idx, for the dashboard). A plan made while events was empty cannot
--    tell it from the ones that lead with the case (every estimate is one row), and the kept plan read, for
--    every new case, every reply sent and every escalation on record (2.9 million buffers a batch of 100 at
--    20,000 generated cases). Now each look-up reads its case's events (a subquery on the case id alone, which
--    the type condition outside cannot reach: OFFSET 0), so only an index leading with case_id can serve it.
--    Same columns, same rows (test/integration/store/case-facts.test.ts rebuilds the facts from the view).
--
-- Both functions run with enable_seqscan off: every read in them is keyed, and a plan made just after a VACUUM of an
-- empty table (which then counts as no pages at all) scanned case_facts whole for each new case.
--
-- Same rows as before. test/integration/store/intake-bounded-work.test.ts checks that an intake batch's work stays
-- flat as the history grows, on a connection that made its plans on an empty database.
CREATE OR REPLACE VIEW case_facts_from_log AS
SELECT c.id AS case_id, c.mention_id, c.opened_at, c.network,
       coalesce(c.service_tag, 'unclassified') AS service, coalesce(c.kind, 'unclassified') AS kind,
       c.risk, c.state, c.body->>'outcome' AS outcome,
       nullif(lower(btrim(m.topic)), '') AS topic, m.posted_at AS mention_posted_at,
       coalesce((o.body->'data'->>'postedAt')::timestamptz, o.occurred_at) AS posted_at,
       coalesce(o.body->'data'->>'sentiment', 'unknown') AS sentiment,
       coalesce(moved.due, (o.body->'data'->'deadlines'->>'first_response')::timestamptz) AS first_response_due,
       replied.first_reply_at,
       esc.targets AS escalation_targets, esc.raised_at AS escalation_raised_at,
       esc.acknowledged_at AS escalation_acknowledged_at, esc.declined_at AS escalation_declined_at,
       held.n AS holding_lines_agreed,
       modr.actions AS moderation_done_actions, modr.done AS moderations_done,
       sign.kinds AS signpost_kinds, sign.services AS signpost_services
  FROM cases c
  JOIN mentions m ON m.id = c.mention_id
  JOIN LATERAL (SELECT e.body, e.occurred_at FROM (SELECT * FROM events ev WHERE ev.case_id = c.id OFFSET 0) e WHERE e.type = 'case.opened' ORDER BY e.seq LIMIT 1) o ON true
  LEFT JOIN LATERAL (
    SELECT (d.body->'data'->>'due')::timestamptz AS due FROM (SELECT * FROM events ev WHERE ev.case_id = c.id OFFSET 0) d
     WHERE d.type = 'case.deadline.set' AND d.body->'data'->>'name' = 'first_response' AND d.body->'data'->>'due' IS NOT NULL
     ORDER BY d.seq DESC LIMIT 1) moved ON true
  CROSS JOIN LATERAL (SELECT min(r.occurred_at) AS first_reply_at FROM (SELECT * FROM events ev WHERE ev.case_id = c.id OFFSET 0) r WHERE r.type = 'case.reply.sent') replied
  CROSS JOIN LATERAL (
    SELECT coalesce(array_agg(x.body->'data'->'target'->>'type' ORDER BY x.seq), '{}') AS targets,
           coalesce(array_agg(x.occurred_at ORDER BY x.seq), '{}') AS raised_at,
           coalesce(array_agg(a.acknowledged_at ORDER BY x.seq), '{}') AS acknowledged_at,
           coalesce(array_agg(a.declined_at ORDER BY x.seq), '{}') AS declined_at
      FROM (SELECT * FROM events ev WHERE ev.case_id = c.id OFFSET 0) x
      LEFT JOIN LATERAL (
        SELECT min(y.occurred_at) FILTER (WHERE y.type = 'case.escalation.acknowledged') AS acknowledged_at,
               min(y.occurred_at) FILTER (WHERE y.type <> 'case.escalation.acknowledged') AS declined_at
          FROM (SELECT * FROM events ev WHERE ev.case_id = c.id OFFSET 0) y
         WHERE y.type IN ('case.escalation.acknowledged', 'case.escalation.declined', 'case.safeguarding.dismissed')
           AND y.body->'data'->>'escalationId' = x.body->'data'->>'escalationId') a ON true
     WHERE x.type = 'case.escalated') esc
  CROSS JOIN LATERAL (
    SELECT count(DISTINCT a.body->'data'->>'escalationId')::int AS n
      FROM (SELECT * FROM events ev WHERE ev.case_id = c.id OFFSET 0) a JOIN (SELECT * FROM events ev WHERE ev.case_id = c.id OFFSET 0) e ON e.type = 'case.escalated'
       AND e.body->'data'->>'escalationId' = a.body->'data'->>'escalationId' AND e.body->'data'->'proposal'->>'kind' = 'holding_line'
     WHERE a.type = 'case.leadership.answered' AND a.body->'data'->>'answer' = 'agree') held
  CROSS JOIN LATERAL (
    SELECT coalesce(array_agg(r.body->'data'->>'action' ORDER BY d.seq, r.seq) FILTER (WHERE r.seq IS NOT NULL), '{}') AS actions,
           count(DISTINCT d.seq)::int AS done
      FROM (SELECT * FROM events ev WHERE ev.case_id = c.id OFFSET 0) d
      LEFT JOIN (SELECT * FROM events ev WHERE ev.case_id = c.id OFFSET 0) r ON r.type = 'case.moderation.requested'
       AND r.body->'data'->>'moderationId' = d.body->'data'->>'moderationId'
     WHERE d.type = 'case.moderation.done') modr
  CROSS JOIN LATERAL (
    SELECT coalesce(array_agg(q.body->'data'->'signpost'->>'kind' ORDER BY q.seq), '{}') AS kinds,
           coalesce(array_agg(q.body->'data'->'signpost'->>'serviceTag' ORDER BY q.seq), '{}') AS services
      FROM (SELECT * FROM events ev WHERE ev.case_id = c.id OFFSET 0) q
     WHERE q.type = 'case.reply.requested' AND jsonb_typeof(q.body->'data'->'signpost') = 'object'
       AND EXISTS (SELECT 1 FROM (SELECT * FROM events ev WHERE ev.case_id = c.id OFFSET 0) s WHERE s.type = 'case.reply.sent'
                     AND s.body->'data'->>'replyId' = q.body->'data'->>'replyId')) sign;

CREATE OR REPLACE FUNCTION refresh_case_facts(ids text[]) RETURNS void
LANGUAGE plpgsql
-- As 0080 decided: one plan for the session, not one per call (planning the view is most of a small call).
SET plan_cache_mode = force_generic_plan
-- Every read here is keyed; a table VACUUMed while empty looks free to scan whole, and the plan made then is kept.
SET enable_seqscan = off
AS $$
BEGIN
  INSERT INTO case_facts
  SELECT v.* FROM (SELECT DISTINCT k.id FROM unnest(ids) AS k(id)) AS k
   CROSS JOIN LATERAL (SELECT * FROM case_facts_from_log f WHERE f.case_id = k.id OFFSET 0) AS v
  ON CONFLICT (case_id) DO UPDATE SET
    mention_id = EXCLUDED.mention_id, opened_at = EXCLUDED.opened_at, network = EXCLUDED.network, service = EXCLUDED.service,
    kind = EXCLUDED.kind, risk = EXCLUDED.risk, state = EXCLUDED.state, outcome = EXCLUDED.outcome,
    topic = EXCLUDED.topic, mention_posted_at = EXCLUDED.mention_posted_at, posted_at = EXCLUDED.posted_at,
    sentiment = EXCLUDED.sentiment, first_response_due = EXCLUDED.first_response_due, first_reply_at = EXCLUDED.first_reply_at,
    escalation_targets = EXCLUDED.escalation_targets, escalation_raised_at = EXCLUDED.escalation_raised_at,
    escalation_acknowledged_at = EXCLUDED.escalation_acknowledged_at, escalation_declined_at = EXCLUDED.escalation_declined_at,
    holding_lines_agreed = EXCLUDED.holding_lines_agreed, moderation_done_actions = EXCLUDED.moderation_done_actions,
    moderations_done = EXCLUDED.moderations_done, signpost_kinds = EXCLUDED.signpost_kinds, signpost_services = EXCLUDED.signpost_services;
END
$$;

CREATE OR REPLACE FUNCTION refresh_case_facts_of_cases() RETURNS trigger
LANGUAGE plpgsql
-- As refresh_case_facts: after a VACUUM of the empty table, the probe of case_facts was planned as a scan of it.
SET enable_seqscan = off
AS $$
DECLARE
  ids text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- Two probes per new case, each a scalar subquery (run once per case, never turned into a join that reads
    -- a whole table): its opening event in events_case_id_type_idx, its facts in case_facts_pkey. A new case that
    -- has facts already got them in this statement (intake inserts a case and its events in one), from the
    -- events' trigger, which saw the case: they are current.
    ids := ARRAY(SELECT c.id FROM changed_rows c
                  WHERE (SELECT true FROM events e WHERE e.case_id = c.id AND e.type = 'case.opened' LIMIT 1)
                    AND (SELECT true FROM case_facts f WHERE f.case_id = c.id) IS NULL);
  ELSE
    ids := ARRAY(SELECT id FROM changed_rows);
  END IF;
  IF cardinality(ids) > 0 THEN
    PERFORM refresh_case_facts(ids);
  END IF;
  RETURN NULL;
END
$$;
