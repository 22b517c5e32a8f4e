-- Evidence snapshots (SPEC §6). Append-only: a snapshot is never deleted, its identity and pre-state
-- never change, and the verification outcome is written at most once. The trigger makes that a
-- database guarantee, so the evidence stays trustworthy whatever code writes to it.
create table evidence_snapshots (
    id                   uuid        primary key,
    incident_id          text        not null,
    pre_execution_state  jsonb,
    post_state           jsonb,
    action_taken         text,
    verification_result  text check (verification_result in ('success', 'degraded', 'failed', 'timeout')),
    created_at           timestamptz not null default now()
);

create index evidence_snapshots_by_incident on evidence_snapshots (incident_id, created_at desc, id desc);

create function evidence_snapshots_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'evidence snapshots are append-only' using errcode = 'P0001';
    end if;
    if new.id <> old.id or new.incident_id <> old.incident_id or new.created_at <> old.created_at
            or new.pre_execution_state is distinct from old.pre_execution_state then
        raise exception 'evidence snapshot % is append-only', old.id using errcode = 'P0001';
    end if;
    if old.verification_result is not null and (new.verification_result is distinct from old.verification_result
            or new.post_state is distinct from old.post_state
            or new.action_taken is distinct from old.action_taken) then
        raise exception 'evidence snapshot % already holds a verification', old.id using errcode = 'P0001';
    end if;
    return new;
end;
$$;

create trigger evidence_snapshots_append_only
    before update or delete on evidence_snapshots
    for each row execute function evidence_snapshots_append_only();

create table verifications (
    id            uuid        primary key,
    incident_id   text        not null,
    incident      jsonb       not null,
    action_taken  text        not null,
    warmup_sec    integer     not null check (warmup_sec between 0 and 600),
    status        text        not null check (status in ('pending', 'done')),
    result        text check (result in ('success', 'degraded', 'failed', 'timeout')),
    pre_state     jsonb,
    post_state    jsonb,
    tools_used    text[]      not null default '{}',
    snapshot_id   uuid        references evidence_snapshots (id),
    created_at    timestamptz not null default now(),
    -- Until then the replica that accepted the verification owns it; afterwards any replica may take it over.
    lease_until   timestamptz not null,
    completed_at  timestamptz,
    check ((status = 'done') = (result is not null))
);

create index verifications_by_incident on verifications (incident_id, created_at desc);
-- Pending verifications whose owner died are found through this index (StalledVerificationSweeper).
create index verifications_pending on verifications (lease_until) where status = 'pending';
