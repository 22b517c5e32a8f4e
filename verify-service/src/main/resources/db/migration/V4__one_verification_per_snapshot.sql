-- A snapshot records at most one verification (SPEC §6: the verdict is written to the snapshot the verification
-- names). Acceptance checked a named snapshot for a verdict but not for a verification still pending, so submissions
-- naming one snapshot (in one group, or in two groups or on two replicas before the first completed) were all
-- accepted; this index makes the rule the database's, whatever the timing, and AcceptanceWriter refuses the later ones.
-- No other session writes verifications between the clean-up and the index (a replica still on the old code would
-- otherwise be able to slip a new duplicate in between); the lock is held only until this migration commits.
lock table verifications in share row exclusive mode;

-- Verifications accepted for one snapshot before this migration are parted as their completion would have parted
-- them: the one that holds the snapshot's verdict, or else the earliest, keeps the snapshot; the others forget it and
-- complete into a fallback snapshot of their own, so each keeps an auditable record. They are all still pending: a
-- snapshot takes one verdict (V1's trigger) and a completed verification that did not get it names its fallback
-- snapshot instead. A completed verification is never changed here: should two ever name one snapshot, the index
-- below cannot be built and the migration fails, for a person to look at, rather than guessing which record is right.
update verifications v set snapshot_id = null
from (select id, row_number() over (partition by snapshot_id order by status = 'done' desc, created_at, id) as rank
      from verifications where snapshot_id is not null) ranked
where v.id = ranked.id and ranked.rank > 1 and v.status = 'pending';

create unique index verifications_one_per_snapshot on verifications (snapshot_id) where snapshot_id is not null;
