-- SPEC §10 "Agent-linked runs are what they claim": a run that set its own model or template did not run the
-- variant's config. It stays in the history, marked by what it overrode, and out of every metric.
alter table agent_performance_log add column overridden_fields text[] not null default '{}';
