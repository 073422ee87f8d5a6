-- Intake stores a batch in one statement sent on its own (autocommit, one round trip: issue 13), after reading in
-- another which of its mentions are stored already and numbering the rest. A mention another request stored in
-- between is skipped by the statement's ON CONFLICT, and the cases, events and outbox items made for it must not go
-- in: this ends the statement with an error instead, so none of the batch is stored, and intake reads and tries
-- again (the copy is then seen as stored). SQLSTATE MD001 is how the desk tells this from any other failure.
CREATE FUNCTION refuse_intake_race(skipped bigint) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF skipped > 0 THEN
    RAISE EXCEPTION 'intake race: % mention(s) of the batch were stored by another request meanwhile', skipped
      USING ERRCODE = 'MD001';
  END IF;
  RETURN true;
END $$;
