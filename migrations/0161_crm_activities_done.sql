-- A visit or call is planned until it is logged (CRM-9): done_at now also marks when a visit,
-- call, e-mail or note took place, as it always did for tasks. Activities already in the past
-- were logged after the fact: they are done at their own time.
update activities set done_at = occurred_at where kind <> 'task' and done_at is null and occurred_at <= now();
create index activities_planned on activities (owner_id, occurred_at) where done_at is null and kind in ('visit', 'call');
