-- run-service data (SPEC §5). The outbox table comes from db/common.

create table experiments (
    id              uuid        primary key,
    name            text        not null,
    description     text        not null default '',
    status          text        not null default 'active' check (status in ('active', 'archived')),
    -- Scorers applied to every run of the experiment that names none of its own.
    scoring_config  jsonb       not null default '[]'::jsonb,
    created_at      timestamptz not null default now()
);
create index experiments_created on experiments (created_at desc, id desc);

create table runs (
    id            uuid        primary key,
    experiment_id uuid        not null references experiments (id) on delete cascade,
    config        jsonb       not null,
    -- Identity of the configuration without its input and repeat index: the leaderboard groups by it.
    config_hash   text        not null,
    status        text        not null default 'pending'
                  check (status in ('pending', 'running', 'completed', 'failed', 'cancelled')),
    agent_id      uuid,
    variant_id    uuid,
    tokens_in     integer     not null default 0,
    tokens_out    integer     not null default 0,
    duration_ms   bigint,
    error         text,
    attempt       integer     not null default 0,
    lease_owner   text,
    lease_until   timestamptz,
    started_at    timestamptz,
    completed_at  timestamptz,
    created_at    timestamptz not null default clock_timestamp()
);
-- Workers look for claimable runs only; the partial index stays small however many runs are finished.
create index runs_claimable on runs (created_at) where status in ('pending', 'running');
create index runs_by_experiment on runs (experiment_id, created_at desc, id desc);
create index runs_by_created on runs (created_at desc, id desc);

create table stage_results (
    run_id       uuid        not null references runs (id) on delete cascade,
    stage_index  integer     not null,
    prompt_sent  text        not null,
    response_raw text        not null,
    model_used   text        not null,
    tokens_in    integer     not null,
    tokens_out   integer     not null,
    latency_ms   bigint      not null,
    cached       boolean     not null,
    created_at   timestamptz not null default now(),
    primary key (run_id, stage_index)
);

create table scores (
    id          bigserial        primary key,
    run_id      uuid             not null references runs (id) on delete cascade,
    scorer_name text             not null,
    value       double precision not null check (value >= 0 and value <= 1),
    created_at  timestamptz      not null default now()
);
create index scores_by_run on scores (run_id);

create table scorer_errors (
    id          bigserial   primary key,
    run_id      uuid        not null references runs (id) on delete cascade,
    scorer_name text        not null,
    error       text        not null,
    created_at  timestamptz not null default now()
);
create index scorer_errors_by_run on scorer_errors (run_id);

create table response_cache (
    config_hash text        primary key,
    response    text        not null,
    model       text        not null,
    tokens_in   integer     not null,
    tokens_out  integer     not null,
    latency_ms  bigint      not null,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null
);
create index response_cache_expiry on response_cache (expires_at);

-- Hit and miss counters shared by every replica; one row.
create table cache_counters (
    id     smallint primary key check (id = 1),
    hits   bigint   not null default 0,
    misses bigint   not null default 0
);
insert into cache_counters (id) values (1);
