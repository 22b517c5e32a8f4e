-- SPEC §10 "Short transactions": the probe runs outside any transaction, so "one probe at a time for the
-- cluster" is a lease taken in the short deciding transaction and released in the short recording one.
-- A replica that dies mid-probe leaves a lease that simply expires.
alter table loop_cursor
    add column probe_lease_token uuid,
    add column probe_lease_until timestamptz;
