-- The transactional outbox (SPEC §2), shared plumbing of every service that publishes events.
-- Rows live here only until OutboxRelay has handed them to Redis.
create table outbox (
    id          bigserial primary key,
    event_id    uuid        not null unique,
    event_type  text        not null,
    envelope    text        not null,
    created_at  timestamptz not null default now()
);
