-- A visit's or call's next step made into a task (CRM-5) remembers where it comes from, so the
-- report shows its follow-up instead of offering to create it again.
alter table activities add column follow_up_of uuid references activities (id) on delete set null;
create index activities_follow_up_of on activities (follow_up_of) where follow_up_of is not null;
