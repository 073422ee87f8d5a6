-- The topic the bot read in a mention on arrival (its likely service), so a surge check looks only at
-- recent mentions on the same topic instead of re-reading every recent post.
ALTER TABLE mentions ADD COLUMN topic text;
CREATE INDEX mentions_topic_received_at_idx ON mentions (topic, received_at) WHERE topic IS NOT NULL;
