-- A system agent every installation has: run-service can run agent "default" with no LLM at all, since
-- the built-in echo adapter answers with the prompt. It can be edited (e.g. pointed at a real model)
-- but not deleted.
insert into agents (id, name, slug, description, source, model_provider, model_name)
values ('00000000-0000-0000-0000-000000000001', 'Default', 'default',
        'Built-in system agent; answers through the echo adapter until pointed at a real model.',
        'system', 'echo', 'any')
on conflict (slug) do nothing;
