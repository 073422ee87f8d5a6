-- The store of record for cases: mentions as they arrived, cases as they stand, and the
-- append-only, hash-chained event log that is their history (the evidence for FOI,
-- complaints and the ombudsman). Runs unchanged on PostgreSQL 15+ and PGlite.

CREATE TABLE mentions (
  id          text PRIMARY KEY,
  network     text NOT NULL,
  external_id text NOT NULL,
  body        jsonb NOT NULL,
  received_at timestamptz NOT NULL,
  -- One row per post on a network: intake retries and webhook redeliveries land here.
  CONSTRAINT mentions_network_external_id_key UNIQUE (network, external_id)
);

CREATE TABLE cases (
  id          text PRIMARY KEY,
  mention_id  text NOT NULL UNIQUE REFERENCES mentions (id),
  state       text NOT NULL,
  -- Optimistic concurrency: every save is UPDATE ... WHERE id = $1 AND version = $2.
  version     integer NOT NULL CHECK (version >= 1),
  owner_id    text,
  service_tag text,
  kind        text,
  opened_at   timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  -- The whole Case object; the columns above are copies for filtering and indexes.
  body        jsonb NOT NULL
);
-- Case numbers people can say aloud ("MD-1042"); a sequence is shared by every replica.
-- Numbers lost to rolled-back transactions are harmless: nothing verifies their order.
CREATE SEQUENCE case_number_seq START WITH 1001;

CREATE INDEX cases_state_opened_at_idx ON cases (state, opened_at, id);
CREATE INDEX cases_owner_id_idx ON cases (owner_id) WHERE owner_id IS NOT NULL;

CREATE TABLE events (
  -- Assigned from event_chain_head under its row lock, not from a sequence: a sequence
  -- leaves gaps when a transaction rolls back, and a gap must mean a deleted event.
  seq          bigint PRIMARY KEY CHECK (seq >= 1),
  id           uuid NOT NULL UNIQUE,
  -- Deferred so a service may append a case's first event before inserting the case row.
  case_id      text NOT NULL REFERENCES cases (id) DEFERRABLE INITIALLY DEFERRED,
  type         text NOT NULL,
  case_version integer NOT NULL,
  occurred_at  timestamptz NOT NULL,
  actor_id     text NOT NULL,
  surface      text NOT NULL,
  rule         text,
  -- The whole CaseEvent, exactly what the hash covers.
  body         jsonb NOT NULL,
  prev_hash    text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash         text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
);
CREATE INDEX events_case_id_seq_idx ON events (case_id, seq);

-- The database itself refuses to rewrite history, whatever the application does.
CREATE FUNCTION refuse_event_log_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the event log is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'P0001',
          HINT = 'record a new event instead of changing or removing an old one';
END
$$;

CREATE TRIGGER events_refuse_update_delete
  BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION refuse_event_log_change();
CREATE TRIGGER events_refuse_truncate
  BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_event_log_change();

-- One row: the last event's seq and hash. Every append locks it, so the chain stays linear
-- with many writers, and verification can tell when events were cut from the end.
CREATE TABLE event_chain_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  last_seq  bigint NOT NULL,
  last_hash text NOT NULL CHECK (last_hash ~ '^[0-9a-f]{64}$')
);
INSERT INTO event_chain_head (singleton, last_seq, last_hash)
VALUES (true, 0, repeat('0', 64));

CREATE TRIGGER event_chain_head_refuse_delete
  BEFORE DELETE ON event_chain_head
  FOR EACH ROW EXECUTE FUNCTION refuse_event_log_change();
CREATE TRIGGER event_chain_head_refuse_truncate
  BEFORE TRUNCATE ON event_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_event_log_change();
