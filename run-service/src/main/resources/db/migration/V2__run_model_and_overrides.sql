-- SPEC §10 "Agent-linked runs are what they claim": the config fields an agent-linked run set itself
-- instead of taking the agent's (model, prompt, stage templates); such a run did not run the variant's config.
alter table runs add column overridden_fields text[] not null default '{}';
-- The first stage's model as provider:model_name, known at creation or, for an agent's model, once the agent
-- is resolved: lists filter on it without opening every config.
alter table runs add column model text;
update runs set model = coalesce(config -> 'pipeline_stages' -> 0 ->> 'model', config ->> 'model',
        case when agent_id is null and config ->> 'agent_slug' is null then 'echo:any' end);
create index runs_by_model on runs (model, created_at desc, id desc);
