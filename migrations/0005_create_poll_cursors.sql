-- Where each poller got to (X mentions since_id, an RSS feed's seen entries), so a restart
-- neither loses a mention nor starts over. Written only after what was read is stored.

CREATE TABLE poll_cursors (
  -- 'x:mentions:<user id>', 'rss:<feed url>', ...
  source     text PRIMARY KEY,
  cursor     jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);
