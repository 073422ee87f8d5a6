-- refresh_case_facts planned its statement afresh on every call, though 0070 made it PL/pgSQL to keep the plan:
-- PL/pgSQL keeps a plan per session, but a statement with a parameter (ids) gets a custom plan for each call as
-- long as those look cheaper than a generic one, and for the one to five cases intake and a case command refresh
-- they always do. Planning the view's lateral joins is most of the call: 1.2 ms a call for one case, 0.4-0.5 ms
-- with the generic plan (a bench database of 2,000 cases, measured through a connection, round trip included);
-- 100 cases 3.1-3.3 ms against 2.9-4.7, 2,000 cases 48-66 ms against 53-146. The function runs once or twice in
-- every transaction that stores events or saves a case.
ALTER FUNCTION refresh_case_facts(text[]) SET plan_cache_mode = force_generic_plan;
