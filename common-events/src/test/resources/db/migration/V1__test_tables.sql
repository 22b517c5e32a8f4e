create table handled_event (
    event_id uuid primary key,
    type     text not null
);
create table widget (
    id   uuid primary key,
    name text not null unique
);
