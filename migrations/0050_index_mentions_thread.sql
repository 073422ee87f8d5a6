-- The thread a mention belongs to (the post a comment answers, or the post itself), so a card can say the facts
-- were already corrected on its thread (004 §6: correct once, then stop) without reading every mention.
CREATE INDEX mentions_thread_idx ON mentions (network, (COALESCE(body->'parent'->>'externalId', external_id)));
