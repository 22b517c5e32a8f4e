-- Every read-only tool call (SPEC §6), with the _mcp_audit context it carried. Parameters and output
-- are stored after secrets were redacted and the output size-capped.
create table tool_audit (
    id             bigserial   primary key,
    tool           text        not null,
    scope          text        not null default 'read',
    trace_id       text        not null,
    incident_id    text,
    session_id     text,
    flywheel_node  text,
    agent_role     text,
    parameters     jsonb       not null,
    success        boolean     not null,
    output         jsonb,
    error          text,
    duration_ms    bigint      not null,
    called_at      timestamptz not null default now()
);

create index tool_audit_by_trace on tool_audit (trace_id, called_at);
