-- The dashboard's rarer facts (issue 15) are read by their own partial indexes on opening time; carrying the
-- filter columns and the facts themselves lets those reads skip the table (index-only), instead of a visit to
-- a table page for each escalated, moderated or signposted case in the period.
DROP INDEX case_facts_escalated_idx;
DROP INDEX case_facts_moderated_idx;
DROP INDEX case_facts_signposted_idx;
CREATE INDEX case_facts_escalated_idx ON case_facts (opened_at)
  INCLUDE (service, network, kind, escalation_targets, escalation_raised_at, escalation_acknowledged_at, escalation_declined_at, holding_lines_agreed)
  WHERE cardinality(escalation_targets) > 0;
CREATE INDEX case_facts_moderated_idx ON case_facts (opened_at) INCLUDE (service, network, kind, moderation_done_actions)
  WHERE cardinality(moderation_done_actions) > 0;
CREATE INDEX case_facts_signposted_idx ON case_facts (opened_at) INCLUDE (service, network, kind, signpost_kinds, signpost_services)
  WHERE cardinality(signpost_kinds) > 0;
