-- Indexes every intake statement wrote to and no statement reads any more (issue 13: what PostgreSQL spends on each
-- mention). Each is one more index entry, and its WAL record, for every mention or event stored:
-- - mentions_received_at_idx (0007) and mentions_received_at_topic_idx (0047): the dashboard read a period's mentions
--   by arrival; it reads case_facts since 0065, and nothing else looks mentions up by received_at.
-- - mentions_topic_received_at_idx (0010): the surge look-up's, by arrival; it reads by posting time since 0011
--   (mentions_topic_posted_at_idx, kept).
-- - events_unsealed_seq_idx (0025): the sealer finds what to seal by seq from the chain head (event-sealer.ts), and
--   the verifier reads every event; nothing asks for the unsealed ones by this index.
-- Inserting 5,000 stored mentions again under new keys in a rolled-back transaction, three runs each: 292-428 ms with
-- the three mentions indexes, 222-237 ms without (a loaded machine, load average ~8).
DROP INDEX IF EXISTS mentions_received_at_idx;
DROP INDEX IF EXISTS mentions_received_at_topic_idx;
DROP INDEX IF EXISTS mentions_topic_received_at_idx;
DROP INDEX IF EXISTS events_unsealed_seq_idx;
