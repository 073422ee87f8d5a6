-- Outbound calls (chat card posts and updates, network replies, moderation) written in the
-- same transaction as the change that caused them, then run by the outbox worker.

CREATE TABLE outbox (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Idempotency key: enqueueing the same key twice stores one item.
  key          text NOT NULL UNIQUE,
  kind         text NOT NULL,
  payload      jsonb NOT NULL,
  case_id      text,
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  -- Runs started, counted when claimed (so a run that crashes its worker counts); a run
  -- that ended in a rate limit (429) is given back.
  attempts     integer NOT NULL DEFAULT 0,
  -- Rate-limited runs so far, capped separately so a callee that always says 429 still ends.
  rate_limits  integer NOT NULL DEFAULT 0,
  run_at       timestamptz NOT NULL,
  -- Lease: a worker owns the item until then, so two replicas never run it at once.
  locked_until timestamptz,
  locked_by    text,
  last_error   text,
  result       jsonb,
  created_at   timestamptz NOT NULL,
  done_at      timestamptz
);
-- The poll: due pending items, oldest first.
CREATE INDEX outbox_pending_run_at_idx ON outbox (run_at, id) WHERE status = 'pending';
CREATE INDEX outbox_case_id_idx ON outbox (case_id) WHERE case_id IS NOT NULL;
