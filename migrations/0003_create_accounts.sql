-- Authors seen per network, for moderation history ("third warning this month").

CREATE TABLE accounts (
  -- 'network:authorId', as domain/mention.ts authorKey() builds it.
  key         text PRIMARY KEY,
  network     text NOT NULL,
  author_id   text NOT NULL,
  name        text NOT NULL,
  handle      text NOT NULL,
  followers   integer,
  verified    boolean NOT NULL DEFAULT false,
  first_seen  timestamptz NOT NULL,
  last_seen   timestamptz NOT NULL,
  cases_count integer NOT NULL DEFAULT 0,
  CONSTRAINT accounts_network_author_id_key UNIQUE (network, author_id)
);
