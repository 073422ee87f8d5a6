-- Search over past cases (the web desk's /search: words of the post or the post it answers, the author's name
-- or handle) is ILIKE '%…%', which no b-tree can answer: without this every search read every mention.
-- Trigram indexes answer it (for three characters or more) on PostgreSQL and on PGlite alike (PGlite loads
-- the pg_trgm extension when it opens: src/store/open-pglite.ts). pg_trgm is a trusted extension: a database
-- owner may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- One index over the four texts: GIN answers a condition on any of its columns, and ORs of them by bitmaps.
CREATE INDEX mentions_search_trgm_idx ON mentions USING gin (
  (body->>'text') gin_trgm_ops,
  (body->'parent'->>'text') gin_trgm_ops,
  (body->'author'->>'name') gin_trgm_ops,
  (body->'author'->>'handle') gin_trgm_ops
);
