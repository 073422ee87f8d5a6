-- When the last post of a card message was attempted, so a post whose outcome was unknown (a timeout, a 5xx,
-- a crash) is looked for in chat only inside that window, however busy the channel has been since.
ALTER TABLE card_messages ADD COLUMN attempt_at timestamptz NOT NULL DEFAULT now();
-- When that attempt was known to have ended without an answer; NULL while it runs (or if its worker died).
ALTER TABLE card_messages ADD COLUMN attempt_ended_at timestamptz;
-- Rows from before: their attempt was some time since the row was made; the window is wide but holds it.
UPDATE card_messages SET attempt_at = created_at, attempt_ended_at = now() WHERE message_id = '';

-- When an admin was told that an outbox item has been retrying for a long time: told once, by one replica.
ALTER TABLE outbox ADD COLUMN stale_noticed_at timestamptz;
