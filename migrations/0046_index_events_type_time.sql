-- The dashboard reads a period's events of a few types (openings, first replies, escalations and their
-- answers, moderation) by type and time: one index range each instead of a probe per case.
CREATE INDEX events_type_occurred_at_idx ON events (type, occurred_at) INCLUDE (case_id);
