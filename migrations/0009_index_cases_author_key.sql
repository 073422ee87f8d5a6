-- An account's moderation record gathers every case of one author key ('network:authorId') first,
-- on each card drawn and each reply checked; without this it reads every case.
CREATE INDEX IF NOT EXISTS cases_author_key_idx ON cases ((body->>'authorKey'));
