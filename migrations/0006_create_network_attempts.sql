-- Outbound network actions already attempted, by idempotency key (the outbox item's key), so a
-- retry after an unknown outcome (a timeout, a 500 after the network did the work) looks for
-- what the first attempt created instead of replying twice.

CREATE TABLE network_attempts (
  key        text PRIMARY KEY,
  network    text NOT NULL,
  first_at   timestamptz NOT NULL,
  attempts   integer NOT NULL CHECK (attempts >= 1),
  last_at    timestamptz NOT NULL
);
