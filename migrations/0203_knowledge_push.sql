-- PUSH-1 (issue 9 A11): a `push` item is delivered to an audience — teams (with their sub-teams,
-- none = every team its author may address) and roles — on publication or at a date, and again
-- to the same audience when its content changes. `pushed_version` is the version last delivered.
alter table knowledge_items add column push_audience jsonb not null default '{"teamIds": [], "roles": []}';
alter table knowledge_items add column push_at timestamptz;
alter table knowledge_items add column pushed_version integer;
alter table knowledge_items add column pushed_at timestamptz;
create index knowledge_items_push_due on knowledge_items (push_at) where delivery = 'push' and status = 'published';
