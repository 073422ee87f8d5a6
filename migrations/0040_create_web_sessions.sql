-- The web desk's sign-in state, server-side so any replica can serve any request: sessions (the
-- cookie holds only a random id; its SHA-256 is stored) and one-time sign-in links.

CREATE TABLE web_sessions (
  id_hash      text PRIMARY KEY CHECK (id_hash ~ '^[0-9a-f]{64}$'),
  -- Who signed in, as resolved when they did: the policy's person id, name, initials and roles.
  person       jsonb NOT NULL,
  -- Compared with every form's hidden field (CSRF): a page from another site cannot know it.
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL
);
CREATE INDEX web_sessions_expires_at_idx ON web_sessions (expires_at);

CREATE TABLE web_sign_in_links (
  token_hash   text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  person       jsonb NOT NULL,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  -- Set when used: a link signs in once.
  used_at      timestamptz
);
