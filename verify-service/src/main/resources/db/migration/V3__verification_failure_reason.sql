-- Why a verification has no post state (collection timed out, or every tool failed and how), so the reader of a
-- "failed" or "timeout" verdict is told the cause instead of "not collected".
alter table verifications add column failure_reason text;

-- GET /api/verifications lists newest first with a (created_at, id) cursor.
create index verifications_newest on verifications (created_at desc, id desc);
