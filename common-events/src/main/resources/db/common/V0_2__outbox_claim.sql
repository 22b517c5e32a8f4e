-- SPEC §10 "Short transactions": the relay claims rows by marking them for a while (one short statement), sends
-- them to Redis holding no transaction, then deletes them (another). A relay that dies between the two leaves a
-- claim that expires, and the rows are sent again: still at least once.
alter table outbox add column claimed_until timestamptz;
