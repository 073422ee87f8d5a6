-- Where each case's cards live in chat, so updates edit the card rather than post anew, and
-- Teams conversation references for proactive messages.

CREATE TABLE card_messages (
  case_id    text NOT NULL REFERENCES cases (id),
  surface    text NOT NULL,
  -- 'triage', 'escalation:<escalation id>', ...: one card per purpose per surface.
  purpose    text NOT NULL,
  channel    text NOT NULL,
  message_id text NOT NULL,
  thread_id  text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, surface, purpose)
);

CREATE TABLE conversation_refs (
  surface    text NOT NULL,
  key        text NOT NULL,
  body       jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (surface, key)
);
