-- Slack takes one message a second per channel (short bursts allowed). Every replica paces its posts
-- through this table, so two replicas together keep to it too. One row per channel: its theoretical
-- arrival time (GCRA): the instant the channel would be free again had every post gone at its pace.

CREATE TABLE chat_channel_pace (
  surface text NOT NULL,
  channel text NOT NULL,
  tat     timestamptz NOT NULL,
  PRIMARY KEY (surface, channel)
);
