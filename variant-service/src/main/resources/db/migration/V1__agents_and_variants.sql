-- SPEC §4: agents, their named config variants, performance and the audit trail.
-- The twelve config fields carry their SPEC defaults and ranges here too, so the database refuses
-- what the API would refuse even when a row is written by hand.

create table agents (
    id                   uuid primary key,
    name                 text        not null check (char_length(name) between 1 and 200),
    slug                 text        not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    description          text        not null default '',
    source               text        not null default 'user' check (source in ('system', 'user')),
    model_provider       text        not null default 'ollama',
    model_name           text        not null,
    system_prompt        text        not null default '',
    user_prompt_template text        not null default '',
    prompt_version       text        not null default '',
    temperature          double precision not null default 0.0 check (temperature between 0 and 2),
    max_tokens           integer     not null default 32768 check (max_tokens >= 1),
    context_window       integer     not null default 0 check (context_window >= 0),
    input_token_limit    integer     not null default 0 check (input_token_limit >= 0),
    token_budget         integer     not null default 0 check (token_budget >= 0),
    timeout_seconds      integer     not null default 120 check (timeout_seconds between 1 and 600),
    max_retries          integer     not null default 2 check (max_retries between 0 and 10),
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now()
);
create index agents_created on agents (created_at, id);

create table agent_variants (
    id                   uuid primary key,
    agent_id             uuid        not null references agents (id) on delete cascade,
    variant_name         text        not null check (char_length(variant_name) between 1 and 200),
    variant_slug         text        not null check (variant_slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    description          text        not null default '',
    model_provider       text        not null,
    model_name           text        not null,
    system_prompt        text        not null,
    user_prompt_template text        not null,
    prompt_version       text        not null,
    temperature          double precision not null check (temperature between 0 and 2),
    max_tokens           integer     not null check (max_tokens >= 1),
    context_window       integer     not null check (context_window >= 0),
    input_token_limit    integer     not null check (input_token_limit >= 0),
    token_budget         integer     not null check (token_budget >= 0),
    timeout_seconds      integer     not null check (timeout_seconds between 1 and 600),
    max_retries          integer     not null check (max_retries between 0 and 10),
    is_active            boolean     not null default false,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    unique (agent_id, variant_slug)
);
create index agent_variants_listing on agent_variants (agent_id, created_at, id);
-- "At most one active variant per agent" is a database guarantee, not only application logic.
create unique index agent_variants_one_active on agent_variants (agent_id) where is_active;

create table agent_performance_log (
    id          uuid primary key,
    agent_id    uuid        not null references agents (id) on delete cascade,
    variant_id  uuid        references agent_variants (id) on delete set null,
    run_id      uuid        not null,
    event_id    uuid        not null unique,
    success     boolean     not null,
    latency_ms  bigint      not null,
    tokens_in   bigint      not null,
    tokens_out  bigint      not null,
    score       double precision,
    recorded_at timestamptz not null
);
create index agent_performance_by_variant on agent_performance_log (variant_id, recorded_at desc);
create index agent_performance_by_agent on agent_performance_log (agent_id, recorded_at desc);

-- No foreign keys: the history of an agent must outlive the agent.
create table variant_audit (
    id          uuid primary key,
    agent_id    uuid        not null,
    variant_id  uuid,
    action      text        not null check (action in ('create', 'update', 'activate', 'deactivate', 'clone', 'delete')),
    actor       text        not null,
    request_id  text,
    before      jsonb,
    after       jsonb,
    created_at  timestamptz not null default now()
);
create index variant_audit_by_agent on variant_audit (agent_id, created_at desc, id desc);
