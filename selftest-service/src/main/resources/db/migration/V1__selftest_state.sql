-- SPEC §7: the loop's whole state lives here so that restarts and replicas share it.

-- One row per capability, created on first use; a missing row reads as "never run, 0 failures".
create table capability_state (
    capability            text        primary key,
    consecutive_failures  integer     not null default 0 check (consecutive_failures >= 0),
    last_run_at           timestamptz,
    last_success          boolean,
    last_details          text,
    last_error_type       text
);

-- The round-robin position and the last scheduled tick, shared by every replica (one row, id = 1).
create table loop_cursor (
    id              smallint primary key check (id = 1),
    next_index      bigint   not null default 0,
    last_tick_slot  bigint   not null default -1
);

-- Probes run per UTC hour, for the max-per-hour budget.
create table hourly_budget (
    hour_start  timestamptz primary key,
    runs        integer     not null check (runs >= 0)
);

create table proposals (
    id                    uuid        primary key,
    seq                   bigserial   not null unique,
    capability            text        not null,
    title                 text        not null,
    body                  text        not null,
    status                text        not null check (status in ('open', 'resolved')),
    failures_at_filing    integer     not null,
    filed_at              timestamptz not null,
    resolved_at           timestamptz
);
-- One proposal per failing streak is a database guarantee, not only orchestrator logic.
create unique index proposals_one_open_per_capability on proposals (capability) where status = 'open';

create table selftest_events (
    id            uuid        primary key,
    seq           bigserial   not null unique,
    capability    text        not null,
    success       boolean     not null,
    details       text        not null,
    error_type    text,
    duration_ms   bigint      not null,
    trigger_kind  text        not null,
    recorded_at   timestamptz not null
);
create index selftest_events_by_capability on selftest_events (capability, seq desc);

-- The memory store the memory_write / memory_read probes exercise.
create table facts (
    id          uuid        primary key,
    category    text        not null,
    content     text        not null,
    created_at  timestamptz not null
);
create index facts_by_category on facts (category, created_at desc);

-- The notes store the self_coding probe exercises.
create table notes (
    id          uuid        primary key,
    title       text        not null,
    body        text        not null,
    created_at  timestamptz not null
);
create index notes_by_title on notes (title, created_at desc);

-- The run-service experiment the multistep_planning probe submits its runs to, created once.
create table planning_experiment (
    name           text primary key,
    experiment_id  uuid not null
);
