-- When the resident posted, as the clocks count it (bounded by sense: see src/policy/post-time.ts), so
-- a surge is grouped by posting time and a backlog arriving at once is not mistaken for one.
ALTER TABLE mentions ADD COLUMN posted_at timestamptz;
UPDATE mentions SET posted_at = received_at WHERE posted_at IS NULL;
ALTER TABLE mentions ALTER COLUMN posted_at SET NOT NULL;
CREATE INDEX mentions_topic_posted_at_idx ON mentions (topic, posted_at) WHERE topic IS NOT NULL;
