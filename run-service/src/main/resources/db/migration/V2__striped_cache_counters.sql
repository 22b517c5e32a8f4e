-- SPEC §10 "Short transactions": every cache lookup counts a hit or a miss, so one counter row would make every
-- worker of every replica queue behind its row lock. Lookups add to a stripe picked at random (created on first
-- use); the stats endpoint sums the stripes.
create table cache_counter_stripes (
    stripe  integer primary key check (stripe >= 0),
    hits    bigint  not null default 0,
    misses  bigint  not null default 0
);
insert into cache_counter_stripes (stripe, hits, misses) select 0, hits, misses from cache_counters;
drop table cache_counters;
