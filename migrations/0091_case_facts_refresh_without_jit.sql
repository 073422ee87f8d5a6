-- The case_facts refresh is never compiled to machine code (issue 13). PostgreSQL JIT-compiles a statement whose
-- estimated cost passes jit_above_cost (100,000 by default, and jit is on by default). refresh_case_facts keeps
-- one generic plan (0080), estimated from the table sizes when it was made: once events and cases hold a few
-- tens of thousands of rows, the view's dozen keyed sub-queries are estimated past that bound although each call
-- reads a few hundred buffers, and every call paid ~100-120 ms of CPU compiling 118 functions (auto_explain on a
-- benchmark database after 25,000 mentions: "Emission 100.235 ms, Total 117.992 ms" for an insert of 10 facts
-- taking 0.6 ms to run). Every intake statement and every case save runs it: singles fell to ~35/s a replica,
-- two replicas fell below one, and a claim race read 100 ms inside npm run bench but 4 ms alone.
ALTER FUNCTION refresh_case_facts(text[]) SET jit = off;
