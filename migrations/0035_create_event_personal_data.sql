-- Residents' personal fields of each event, kept apart from the hashed event body (docs/erasure-design.md):
-- the body holds a salted digest in each one's place, so erasing a value and its salt here leaves the
-- hash chain verifiable, and any other change to a value is still caught against its digest.

CREATE TABLE event_personal_data (
  event_id   uuid NOT NULL REFERENCES events (id),
  field      text NOT NULL,
  -- Null once erased, together with the salt; the digest in the event body stays.
  value      jsonb,
  salt       text CHECK (salt ~ '^[0-9a-f]{64}$'),
  erased_at  timestamptz,
  -- The erasureId of the case.personal-data.erased event that removed it.
  erasure_id text,
  PRIMARY KEY (event_id, field),
  CHECK ((value IS NULL) = (salt IS NULL)),
  CHECK ((value IS NULL) = (erasure_id IS NOT NULL))
);

-- The only change allowed is erasure: value and salt to null, once, with the erasure named.
CREATE FUNCTION event_personal_data_erase_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW.event_id = OLD.event_id AND NEW.field = OLD.field
     AND OLD.value IS NOT NULL AND NEW.value IS NULL AND NEW.salt IS NULL AND NEW.erasure_id IS NOT NULL THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'personal data in the event log can only be erased: % on % is not allowed', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'P0001',
          HINT = 'erase through npm run erase, which records a case.personal-data.erased event';
END
$$;

CREATE TRIGGER event_personal_data_erase_only
  BEFORE UPDATE OR DELETE ON event_personal_data
  FOR EACH ROW EXECUTE FUNCTION event_personal_data_erase_only();
CREATE TRIGGER event_personal_data_refuse_truncate
  BEFORE TRUNCATE ON event_personal_data
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_event_log_change();
