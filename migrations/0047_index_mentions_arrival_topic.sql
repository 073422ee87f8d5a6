-- The dashboard's surges read a period's mentions by arrival with their topic and posting time: with
-- these carried in the index, that is one index range and no visit to the mentions themselves.
CREATE INDEX mentions_received_at_topic_idx ON mentions (received_at) INCLUDE (id, topic, posted_at);
