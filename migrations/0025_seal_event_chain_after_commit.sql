-- The event log's hash chain is sealed after commit instead of under one row lock held to COMMIT
-- (issue 13). Appenders take a seq from a sequence and insert with no lock; one sealer at a time
-- chains the hashes in seq order, only up to the high-water mark: the seq below which no
-- transaction can still commit. A seq whose transaction rolled back is recorded as a gap, so the
-- verifier can tell a rollback (recorded when it was sealed) from a deletion (not recorded).

-- seq now comes from a sequence, continuing after the last event chained so far.
CREATE SEQUENCE event_seq AS bigint MINVALUE 1 OWNED BY events.seq;
SELECT setval('event_seq', (SELECT last_seq + 1 FROM event_chain_head), false);
ALTER TABLE events ALTER COLUMN seq SET DEFAULT nextval('event_seq');

-- The appending transaction's id, taken before its seq: the sealer waits for every transaction
-- that was running when it read the sequence, and this is what makes that wait sufficient.
ALTER TABLE events ADD COLUMN xid xid8;

-- Unsealed until the sealer reaches it; event_chain_head.last_seq is how far it has.
ALTER TABLE events ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE events ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE events ADD CONSTRAINT events_sealed_whole CHECK ((hash IS NULL) = (prev_hash IS NULL));
-- What the sealer looks for; small, since rows leave it within a moment of their commit.
CREATE INDEX events_unsealed_seq_idx ON events (seq) WHERE hash IS NULL;

-- The one change allowed to a stored event: its seal, written once, nothing else touched.
CREATE FUNCTION allow_only_event_sealing() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.hash IS NULL AND NEW.hash IS NOT NULL
     AND (to_jsonb(NEW) - 'hash' - 'prev_hash') = (to_jsonb(OLD) - 'hash' - 'prev_hash') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the event log is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'P0001',
          HINT = 'record a new event instead of changing or removing an old one';
END
$$;

DROP TRIGGER events_refuse_update_delete ON events;
CREATE TRIGGER events_refuse_delete
  BEFORE DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION refuse_event_log_change();
CREATE TRIGGER events_allow_only_sealing
  BEFORE UPDATE ON events
  FOR EACH ROW EXECUTE FUNCTION allow_only_event_sealing();

-- Seqs the sealer found unused once no transaction could still commit them (rollbacks).
CREATE TABLE event_gaps (
  seq       bigint PRIMARY KEY CHECK (seq >= 1),
  sealed_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER event_gaps_refuse_update_delete
  BEFORE UPDATE OR DELETE ON event_gaps
  FOR EACH ROW EXECUTE FUNCTION refuse_event_log_change();
CREATE TRIGGER event_gaps_refuse_truncate
  BEFORE TRUNCATE ON event_gaps
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_event_log_change();
