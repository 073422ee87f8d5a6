-- Changes a network delivered that the desk could not read (a Facebook comment without `from`, say),
-- kept whole so nothing is silently dropped: staff see them and replay them once the parser is fixed.
-- raw is text, not jsonb: it keeps the change exactly as received, even a \u0000 jsonb would refuse.

CREATE TABLE unreadable_changes (
  id              bigserial PRIMARY KEY,
  source          text NOT NULL,
  network         text NOT NULL,
  raw             text NOT NULL,
  raw_sha256      text NOT NULL,
  reason          text NOT NULL,
  received_at     timestamptz NOT NULL,
  last_seen_at    timestamptz NOT NULL,
  times_received  integer NOT NULL DEFAULT 1 CHECK (times_received >= 1),
  replayed_at     timestamptz,
  replay_outcome  text,
  -- A network's retry of the same delivery is one row, seen again.
  UNIQUE (source, raw_sha256)
);
CREATE INDEX unreadable_changes_open_idx ON unreadable_changes (received_at) WHERE replayed_at IS NULL;
