-- Two of the dashboard's reads (issue 15) need few columns of many cases: the working time to each first reply
-- (the cases replied to) and the span of the period's posting times that its surges read (the cases with a
-- topic). Narrow partial indexes hold just those, so each reads a small index rather than the period's
-- widest one (case_facts_opened_at_idx, which the counts read).
CREATE INDEX case_facts_replied_idx ON case_facts (opened_at) INCLUDE (posted_at, first_reply_at, service, network, kind)
  WHERE first_reply_at IS NOT NULL;
CREATE INDEX case_facts_topical_idx ON case_facts (opened_at) INCLUDE (mention_posted_at, service, network, kind)
  WHERE topic IS NOT NULL;
