-- The dashboard's per-case facts (issue 15): one row per case with everything its figures count, so a
-- period's figures read one narrow range of one table instead of joining the event log at read time.
--
-- Every row is a pure function of the case's row (the fold of its events), its events and its mention (whose
-- topic and posting time are written once, with it), defined once in
-- the view case_facts_from_log; the table is that view kept current by the triggers below, in the same
-- transaction as the write that changes it. The event log is append-only (only its seal is written after),
-- so an insert into events or a save of a case is all that can change a row. A test rebuilds the facts from
-- the view and compares.
--
-- Per escalation and per moderation action the facts are aligned arrays (one element per event), so a
-- case stays one row: escalation_targets[i] was raised at escalation_raised_at[i], and so on.
CREATE TABLE case_facts (
  case_id                    text PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
  mention_id                 text NOT NULL,
  opened_at                  timestamptz NOT NULL,
  network                    text,
  service                    text NOT NULL,
  kind                       text NOT NULL,
  risk                       text,
  state                      text NOT NULL,
  outcome                    text,
  -- From the case's mention (written once, with it): the topic as surges group it (lower case, trimmed; null
  -- when none), and when it was posted.
  topic                      text,
  mention_posted_at          timestamptz NOT NULL,
  -- From the opening event: when the resident posted, and the sentiment then recorded ('unknown' before it was).
  posted_at                  timestamptz NOT NULL,
  sentiment                  text NOT NULL,
  -- The first-response target: the latest one set, else the opening's.
  first_response_due         timestamptz,
  -- The first reply the network accepted.
  first_reply_at             timestamptz,
  -- One element per case.escalated event, in log order, with the first acknowledgement and the first
  -- decline or dismissal of that escalation (null when none).
  escalation_targets         text[] NOT NULL,
  escalation_raised_at       timestamptz[] NOT NULL,
  escalation_acknowledged_at timestamptz[] NOT NULL,
  escalation_declined_at     timestamptz[] NOT NULL,
  -- Escalations whose proposed holding line leadership agreed (issue 18).
  holding_lines_agreed       integer NOT NULL,
  -- The action requested, once per moderation the network carried out (a done event joined to its request).
  moderation_done_actions    text[] NOT NULL,
  -- case.moderation.done events, as the case list counts them.
  moderations_done           integer NOT NULL,
  -- One element per sent reply that came from a ready reply (issue 16): its kind and its service.
  signpost_kinds             text[] NOT NULL,
  signpost_services          text[] NOT NULL
);

CREATE VIEW case_facts_from_log AS
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
  JOIN LATERAL (SELECT e.body, e.occurred_at FROM events e WHERE e.case_id = c.id AND e.type = 'case.opened' ORDER BY e.seq LIMIT 1) o ON true
  LEFT JOIN LATERAL (
    SELECT (d.body->'data'->>'due')::timestamptz AS due FROM events d
     WHERE d.case_id = c.id AND d.type = 'case.deadline.set' AND d.body->'data'->>'name' = 'first_response' AND d.body->'data'->>'due' IS NOT NULL
     ORDER BY d.seq DESC LIMIT 1) moved ON true
  CROSS JOIN LATERAL (SELECT min(r.occurred_at) AS first_reply_at FROM events r WHERE r.case_id = c.id AND r.type = 'case.reply.sent') replied
  CROSS JOIN LATERAL (
    SELECT coalesce(array_agg(x.body->'data'->'target'->>'type' ORDER BY x.seq), '{}') AS targets,
           coalesce(array_agg(x.occurred_at ORDER BY x.seq), '{}') AS raised_at,
           coalesce(array_agg(a.acknowledged_at ORDER BY x.seq), '{}') AS acknowledged_at,
           coalesce(array_agg(a.declined_at ORDER BY x.seq), '{}') AS declined_at
      FROM events x
      LEFT JOIN LATERAL (
        SELECT min(y.occurred_at) FILTER (WHERE y.type = 'case.escalation.acknowledged') AS acknowledged_at,
               min(y.occurred_at) FILTER (WHERE y.type <> 'case.escalation.acknowledged') AS declined_at
          FROM events y
         WHERE y.case_id = c.id AND y.type IN ('case.escalation.acknowledged', 'case.escalation.declined', 'case.safeguarding.dismissed')
           AND y.body->'data'->>'escalationId' = x.body->'data'->>'escalationId') a ON true
     WHERE x.case_id = c.id AND x.type = 'case.escalated') esc
  CROSS JOIN LATERAL (
    SELECT count(DISTINCT a.body->'data'->>'escalationId')::int AS n
      FROM events a JOIN events e ON e.case_id = a.case_id AND e.type = 'case.escalated'
       AND e.body->'data'->>'escalationId' = a.body->'data'->>'escalationId' AND e.body->'data'->'proposal'->>'kind' = 'holding_line'
     WHERE a.case_id = c.id AND a.type = 'case.leadership.answered' AND a.body->'data'->>'answer' = 'agree') held
  CROSS JOIN LATERAL (
    SELECT coalesce(array_agg(r.body->'data'->>'action' ORDER BY d.seq, r.seq) FILTER (WHERE r.seq IS NOT NULL), '{}') AS actions,
           count(DISTINCT d.seq)::int AS done
      FROM events d
      LEFT JOIN events r ON r.case_id = d.case_id AND r.type = 'case.moderation.requested'
       AND r.body->'data'->>'moderationId' = d.body->'data'->>'moderationId'
     WHERE d.case_id = c.id AND d.type = 'case.moderation.done') modr
  CROSS JOIN LATERAL (
    SELECT coalesce(array_agg(q.body->'data'->'signpost'->>'kind' ORDER BY q.seq), '{}') AS kinds,
           coalesce(array_agg(q.body->'data'->'signpost'->>'serviceTag' ORDER BY q.seq), '{}') AS services
      FROM events q
     WHERE q.case_id = c.id AND q.type = 'case.reply.requested' AND jsonb_typeof(q.body->'data'->'signpost') = 'object'
       AND EXISTS (SELECT 1 FROM events s WHERE s.case_id = q.case_id AND s.type = 'case.reply.sent'
                     AND s.body->'data'->>'replyId' = q.body->'data'->>'replyId')) sign;

-- Recomputes the facts of the given cases from the view. A case without its opening event yet has none
-- until the event arrives; no row is ever removed (cases are not deleted, their events never are).
CREATE FUNCTION refresh_case_facts(ids text[]) RETURNS void
LANGUAGE sql AS $$
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
$$;

-- Statement-level, with the statement's rows as a transition table: a bulk insert refreshes each case once.
CREATE FUNCTION refresh_case_facts_of_events() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_case_facts(ARRAY(SELECT DISTINCT case_id FROM changed_rows));
  RETURN NULL;
END
$$;

CREATE FUNCTION refresh_case_facts_of_cases() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_case_facts(ARRAY(SELECT id FROM changed_rows));
  RETURN NULL;
END
$$;

-- A transition table serves one kind of statement only, hence one trigger per kind.
CREATE TRIGGER events_refresh_case_facts AFTER INSERT ON events
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_case_facts_of_events();
CREATE TRIGGER cases_insert_refresh_case_facts AFTER INSERT ON cases
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_case_facts_of_cases();
CREATE TRIGGER cases_update_refresh_case_facts AFTER UPDATE ON cases
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_case_facts_of_cases();

-- The cases already recorded, before the indexes: building them once is quicker than keeping them row by row.
INSERT INTO case_facts SELECT * FROM case_facts_from_log;

-- A period's cases in opening order with what the counts, the first responses and the surges read: those
-- are index-only scans. The rarer facts (escalations, moderation, ready replies) have ranges of their own,
-- so a period's few cases with any are read without passing over the rest.
CREATE INDEX case_facts_opened_at_idx ON case_facts (opened_at)
  INCLUDE (network, service, kind, risk, state, sentiment, posted_at, first_reply_at, first_response_due, topic, mention_posted_at);
CREATE INDEX case_facts_escalated_idx ON case_facts (opened_at) WHERE cardinality(escalation_targets) > 0;
CREATE INDEX case_facts_moderated_idx ON case_facts (opened_at) WHERE cardinality(moderation_done_actions) > 0;
CREATE INDEX case_facts_signposted_idx ON case_facts (opened_at) WHERE cardinality(signpost_kinds) > 0;
