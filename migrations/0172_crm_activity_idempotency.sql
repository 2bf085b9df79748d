-- The phone without a network (UX-2): quick capture kept offline is sent again when the network
-- returns, possibly twice (a lost answer, two tabs). The key the phone generated makes the
-- creation happen once: a replay finds the first activity instead of writing a second one.
-- Per author, so one person's key can neither collide with nor reveal another's.
alter table activities add column idempotency_key uuid;
create unique index activities_idempotency on activities (owner_id, idempotency_key)
  where idempotency_key is not null;
