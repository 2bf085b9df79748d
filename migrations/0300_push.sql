-- Push (PUSH-1..7, MGT-5): contextual rules, notifications and channels, follows, broadcasts
-- and seasonal pushes, change plans. Knowledge tables are referenced by id only (no FK), so
-- this migration does not depend on the knowledge module's.

-- Actions that an external application declares (e.g. transfer.create) beside the built-in catalogue.
create table push_actions (
  name text primary key check (name ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
  label text not null default '',
  fields jsonb not null default '[]',       -- [{ "name": "country", "type": "string" }]
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);

create table push_rules (
  id uuid primary key default gen_random_uuid(),
  key text not null unique check (key ~ '^[a-z0-9][a-z0-9_.-]{0,79}$'),
  name text not null,
  action text not null,
  conditions jsonb not null default '{"all": []}',
  effective_from timestamptz,
  effective_to timestamptz,
  audience_team_ids uuid[] not null default '{}',
  audience_roles text[] not null default '{}',
  severity text not null check (severity in ('info', 'warning', 'blocking')),
  message_fr text not null,
  message_en text not null,
  knowledge_ids uuid[] not null default '{}',
  enabled boolean not null default true,
  version integer not null default 1,
  created_by uuid references users (id) on delete set null,
  updated_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (effective_to is null or effective_from is null or effective_to > effective_from)
);
create index push_rules_action on push_rules (action) where enabled;

create table push_rule_versions (
  rule_id uuid not null references push_rules (id) on delete cascade,
  version integer not null,
  snapshot jsonb not null,
  changed_by uuid references users (id) on delete set null,
  changed_at timestamptz not null default now(),
  primary key (rule_id, version)
);

-- Bumped on every rule change: instances compare it to their compiled index (plus NOTIFY).
create table push_rules_state (id integer primary key check (id = 1), version bigint not null);
insert into push_rules_state values (1, 1);

create table push_acks (
  id uuid primary key default gen_random_uuid(),
  rule_id uuid not null references push_rules (id) on delete cascade,
  rule_version integer not null,
  user_id uuid not null references users (id) on delete cascade,
  action text not null,
  fields jsonb not null default '{}',
  comment text,
  acknowledged_at timestamptz not null default now()
);
create index push_acks_lookup on push_acks (user_id, rule_id, rule_version, acknowledged_at desc);

create table follows (
  user_id uuid not null references users (id) on delete cascade,
  target_type text not null check (target_type in ('product', 'knowledge', 'situation', 'account', 'segment', 'tag')),
  target_id text not null,
  created_at timestamptz not null default now(),
  primary key (user_id, target_type, target_id)
);
create index follows_target on follows (target_type, target_id);

create table notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  kind text not null check (kind in ('change', 'broadcast', 'season', 'reminder', 'plan')),
  severity text not null default 'info' check (severity in ('info', 'warning', 'blocking')),
  title text not null,
  body text not null default '',
  reason text,
  url text,
  source_type text,
  source_id text,
  dedupe_key text not null,
  requires_ack boolean not null default false,
  ack_due date,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  acknowledged_at timestamptz,
  unique (user_id, dedupe_key)
);
create index notifications_user on notifications (user_id, created_at desc);
create index notifications_unread on notifications (user_id) where read_at is null;

-- One row per notification and channel: the unique key makes delivery idempotent.
create table notification_deliveries (
  notification_id uuid not null references notifications (id) on delete cascade,
  channel text not null check (channel in ('email', 'webpush')),
  status text not null check (status in ('sent', 'skipped', 'failed')),
  detail text,
  delivered_at timestamptz not null default now(),
  primary key (notification_id, channel)
);

create table notification_preferences (
  user_id uuid primary key references users (id) on delete cascade,
  channels jsonb not null default '{}',     -- { kind: { email: off|immediate|digest, webpush: bool } }
  quiet_start time,
  quiet_end time,
  time_zone text not null default 'Europe/Paris',
  updated_at timestamptz not null default now()
);

create table push_subscriptions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  endpoint text not null unique,
  p256dh text not null,
  auth text not null,
  user_agent text,
  created_at timestamptz not null default now()
);
create index push_subscriptions_user on push_subscriptions (user_id);

create table broadcasts (
  id uuid primary key default gen_random_uuid(),
  title text not null,
  body_md text not null default '',
  lang text not null default 'fr' check (lang in ('fr', 'en')),
  audience jsonb not null default '{}',     -- { teamIds, roles, segments, sectors, countries }
  requires_ack boolean not null default false,
  ack_due date,
  schedule_kind text not null default 'now' check (schedule_kind in ('now', 'at', 'season')),
  starts_at timestamptz,
  season_from text check (season_from ~ '^\d\d-\d\d$'),
  season_to text check (season_to ~ '^\d\d-\d\d$'),
  knowledge_ids uuid[] not null default '{}',
  active boolean not null default true,
  author_id uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);

-- A delivered period of a broadcast (`once` or the season's year): never twice.
create table broadcast_runs (
  broadcast_id uuid not null references broadcasts (id) on delete cascade,
  period_key text not null,
  delivered_at timestamptz not null default now(),
  recipient_count integer not null default 0,
  primary key (broadcast_id, period_key)
);

create table broadcast_recipients (
  broadcast_id uuid not null references broadcasts (id) on delete cascade,
  period_key text not null,
  user_id uuid not null references users (id) on delete cascade,
  notification_id uuid references notifications (id) on delete set null,
  read_at timestamptz,
  acked_at timestamptz,
  reminded_at timestamptz,
  reminder_count integer not null default 0,
  primary key (broadcast_id, period_key, user_id)
);
create index broadcast_recipients_user on broadcast_recipients (user_id);

create table change_plans (
  id uuid primary key default gen_random_uuid(),
  title text not null,
  description_md text not null default '',
  starts_on date,
  ends_on date,
  owner_id uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_on is null or starts_on is null or ends_on >= starts_on)
);

create table change_actions (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references change_plans (id) on delete cascade,
  means text not null,
  function text not null default '',
  owner_id uuid references users (id) on delete set null,
  due_on date,
  status text not null default 'todo' check (status in ('todo', 'in_progress', 'done', 'cancelled')),
  link_type text check (link_type in ('broadcast', 'training', 'knowledge')),
  link_id uuid,
  position integer not null default 0,
  updated_at timestamptz not null default now()
);
create index change_actions_plan on change_actions (plan_id, position);

-- Own rows only, enforced by the database for code running as relais_app.
alter table notifications enable row level security;
create policy own_notifications on notifications using (user_id = relais_user_id()) with check (user_id = relais_user_id());
alter table notification_deliveries enable row level security;
create policy own_deliveries on notification_deliveries using (exists (select 1 from notifications n where n.id = notification_id));
alter table follows enable row level security;
create policy own_follows on follows using (user_id = relais_user_id()) with check (user_id = relais_user_id());
alter table notification_preferences enable row level security;
create policy own_preferences on notification_preferences using (user_id = relais_user_id()) with check (user_id = relais_user_id());
alter table push_subscriptions enable row level security;
create policy own_subscriptions on push_subscriptions using (user_id = relais_user_id()) with check (user_id = relais_user_id());
alter table push_acks enable row level security;
create policy own_acks_read on push_acks for select using (user_id = relais_user_id() or current_setting('relais.role', true) in ('admin', 'expert'));
create policy own_acks_write on push_acks for insert with check (user_id = relais_user_id());
-- Broadcasts: the author, the recipients, and those who manage communication (read receipts).
alter table broadcasts enable row level security;
create policy broadcasts_read on broadcasts for select using (
  author_id = relais_user_id() or current_setting('relais.role', true) in ('admin', 'manager', 'expert')
  or exists (select 1 from broadcast_recipients r where r.broadcast_id = id and r.user_id = relais_user_id()));
create policy broadcasts_write on broadcasts for insert with check (current_setting('relais.role', true) in ('admin', 'manager', 'expert'));
create policy broadcasts_update on broadcasts for update using (author_id = relais_user_id() or current_setting('relais.role', true) = 'admin');
alter table broadcast_recipients enable row level security;
create policy recipients_read on broadcast_recipients for select using (
  user_id = relais_user_id() or current_setting('relais.role', true) in ('admin', 'manager', 'expert'));
create policy recipients_update on broadcast_recipients for update using (user_id = relais_user_id());
revoke all on push_rules_state from relais_app;
grant select, update on push_rules_state to relais_app;
