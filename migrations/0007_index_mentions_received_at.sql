-- Surge detection looks at the mentions of the last few minutes on every intake.
CREATE INDEX IF NOT EXISTS mentions_received_at_idx ON mentions (received_at);
