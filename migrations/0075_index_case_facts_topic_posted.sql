-- The dashboard's surges (issue 15) window each topic's posts in posting order: read from this index in that
-- order, topic by topic, they need no sort. The period and filter columns are included so the cases outside
-- the selection are passed over without reading the table.
CREATE INDEX case_facts_topic_posted_idx ON case_facts (topic COLLATE "C", mention_posted_at)
  INCLUDE (opened_at, service, network, kind) WHERE topic IS NOT NULL;
