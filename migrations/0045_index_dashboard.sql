-- The management dashboard reads a period's cases by their opening time and groups them by network,
-- service, kind and risk; then, per case, a few event types (replies, escalations, moderation).
-- network and risk are copies of the case body's fields (generated, so no writer can let them drift);
-- the covering index answers the grouping without reading a single case body.
ALTER TABLE cases ADD COLUMN network text GENERATED ALWAYS AS (body->>'network') STORED;
ALTER TABLE cases ADD COLUMN risk text GENERATED ALWAYS AS (body->>'risk') STORED;
CREATE INDEX cases_opened_at_dashboard_idx ON cases (opened_at) INCLUDE (id, network, service_tag, kind, risk, state, mention_id);
-- One case's events of one type (its first reply, its escalations) without walking its whole history.
CREATE INDEX events_case_id_type_idx ON events (case_id, type) INCLUDE (occurred_at);
