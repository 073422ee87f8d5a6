-- The case_facts triggers of 0065 cost intake about as much as its own inserts (issue 13), for two reasons:
--
-- 1. refresh_case_facts was a LANGUAGE sql function, and PostgreSQL plans a SQL function's statement again on
--    every call: about 1 ms of planning for the view's many lateral joins, twice per intake transaction (and
--    once per saved case). As PL/pgSQL the statement's plan is kept for the session.
-- 2. The insert trigger recomputed facts that the events' trigger writes anyway: a case has facts only once its
--    opening event is stored, and intake writes the case with (or, before, just before) its events. It now
--    passes on only the cases that have an opening event but no facts yet: none on intake, where the events'
--    trigger, which sees the case, writes them. Same rows as before.
CREATE OR REPLACE FUNCTION refresh_case_facts(ids text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_facts SELECT * FROM case_facts_from_log v WHERE v.case_id = ANY(ids)
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

-- Only cases with an opening event can have facts (the view joins it); a new case without one yet is left to
-- the trigger on its events. Updates keep the whole list: a saved case has its opening event.
CREATE OR REPLACE FUNCTION refresh_case_facts_of_cases() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ids text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- A probe of events_case_id_type_idx per case (a scalar subquery, so never a scan of the whole log). A new
    -- case that has facts already got them in this statement (intake inserts a case and its events in one), from
    -- the events' trigger, which saw the case: they are current.
    ids := ARRAY(SELECT c.id FROM changed_rows c
                  WHERE (SELECT true FROM events e WHERE e.case_id = c.id AND e.type = 'case.opened' LIMIT 1)
                    AND NOT EXISTS (SELECT 1 FROM case_facts f WHERE f.case_id = c.id));
  ELSE
    ids := ARRAY(SELECT id FROM changed_rows);
  END IF;
  IF cardinality(ids) > 0 THEN
    PERFORM refresh_case_facts(ids);
  END IF;
  RETURN NULL;
END
$$;
