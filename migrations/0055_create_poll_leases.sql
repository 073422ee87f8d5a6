-- Which replica runs each poller (X mentions, X DMs, RSS): one at a time across replicas, so two replicas do not
-- spend the network's rate limit twice. A lease the holder stops renewing (it crashed) lapses and another takes it.

CREATE TABLE poll_leases (
  -- the poller's name: 'x-mentions', 'x-dms', 'rss'
  name         text PRIMARY KEY,
  -- the replica holding it (a random id per process)
  holder       text NOT NULL,
  leased_until timestamptz NOT NULL
);
