-- Foundation: identity, access (row-level security), audit, outbox and jobs.
create extension if not exists unaccent;
create extension if not exists pg_trgm;

-- unaccent() is only STABLE; this IMMUTABLE wrapper can be used in indexes and generated columns.
create function relais_unaccent(text) returns text language sql immutable strict parallel safe as
$$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- The role every request runs as (never a superuser, never BYPASSRLS), so policies apply.
do $$ begin
  if not exists (select 1 from pg_roles where rolname = 'relais_app') then
    create role relais_app nologin;
  end if;
end $$;
-- A non-superuser connecting role must be a member to switch to relais_app; a superuser already can.
do $$ begin
  execute format('grant relais_app to %I', current_user);
exception when others then null;
end $$;
grant usage on schema public to relais_app;
alter default privileges in schema public grant select, insert, update, delete on tables to relais_app;
alter default privileges in schema public grant usage, select on sequences to relais_app;

create table teams (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  kind text not null check (kind in ('nation', 'region', 'team')),
  parent_id uuid references teams (id) on delete restrict,
  manager_id uuid,
  created_at timestamptz not null default now()
);
create index teams_parent on teams (parent_id);

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  password_hash text,
  first_name text not null default '',
  last_name text not null default '',
  role text not null default 'rep' check (role in ('rep', 'manager', 'expert', 'admin')),
  team_id uuid references teams (id) on delete set null,
  locale text not null default 'fr' check (locale in ('fr', 'en')),
  active boolean not null default true,
  invite_token_hash text unique,
  invite_expires_at timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email_unique on users (lower(email));
create index users_team on users (team_id);
alter table teams add constraint teams_manager_fk foreign key (manager_id) references users (id) on delete set null;

create table sessions (
  id text primary key,
  user_id uuid not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now(),
  ip text,
  user_agent text
);
create index sessions_user on sessions (user_id);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  name text not null,
  token_hash text not null unique,
  prefix text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_user on api_tokens (user_id);

create table login_attempts (
  email text primary key,
  failures integer not null default 0,
  locked_until timestamptz,
  last_failure_at timestamptz
);

create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_id uuid references users (id) on delete set null,
  action text not null,
  target_type text,
  target_id text,
  ip text,
  details jsonb not null default '{}'
);
create index audit_log_at on audit_log (at desc);
create index audit_log_action on audit_log (action, at desc);
create index audit_log_target on audit_log (target_type, target_id);

-- Explicit access to a restricted or secret record, for a user or a whole team (ID-3).
create table record_grants (
  id uuid primary key default gen_random_uuid(),
  record_type text not null,
  record_id uuid not null,
  user_id uuid references users (id) on delete cascade,
  team_id uuid references teams (id) on delete cascade,
  granted_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  check (num_nonnulls(user_id, team_id) = 1)
);
create index record_grants_record on record_grants (record_type, record_id);
create unique index record_grants_unique on record_grants (record_type, record_id, coalesce(user_id, team_id));

-- What RLS policies read: the per-transaction settings written by runAsActor.
create function relais_user_id() returns uuid language sql stable as
$$ select nullif(current_setting('relais.user_id', true), '')::uuid $$;
create function relais_visible_teams() returns uuid[] language sql stable as
$$ select coalesce(nullif(current_setting('relais.visible_teams', true), '')::uuid[], '{}'::uuid[]) $$;
create function relais_member_teams() returns uuid[] language sql stable as
$$ select coalesce(nullif(current_setting('relais.member_teams', true), '')::uuid[], '{}'::uuid[]) $$;

/* The one rule of ID-3: public to all staff; team to the owner's team and the managers above;
   restricted and secret to the owner and explicit grants (a team grant reaches its members). */
create function relais_can_see(p_type text, p_id uuid, p_visibility text, p_owner uuid, p_team uuid)
returns boolean language sql stable as $$
  select p_visibility = 'public'
      or p_owner = relais_user_id()
      or (p_visibility = 'team' and p_team = any (relais_visible_teams()))
      or (p_visibility in ('restricted', 'secret') and exists (
            select 1 from record_grants g
             where g.record_type = p_type and g.record_id = p_id
               and (g.user_id = relais_user_id() or g.team_id = any (relais_member_teams()))))
$$;

/* Applies ID-3 to a table that has columns id, visibility, owner_id, team_id: every select,
   update and delete made as relais_app is filtered by relais_can_see. Later modules call it
   once per record type in their migration. */
create function relais_protect_table(p_table regclass, p_type text) returns void language plpgsql as $$
begin
  execute format('alter table %s enable row level security', p_table);
  execute format('alter table %s add constraint %s check (visibility in (''public'', ''team'', ''restricted'', ''secret''))',
                 p_table, replace(p_table::text, '.', '_') || '_visibility_check');
  execute format('create policy relais_read on %s for select using (relais_can_see(%L, id, visibility, owner_id, team_id))', p_table, p_type);
  execute format('create policy relais_insert on %s for insert with check (true)', p_table);
  execute format('create policy relais_update on %s for update using (relais_can_see(%L, id, visibility, owner_id, team_id))', p_table, p_type);
  execute format('create policy relais_delete on %s for delete using (relais_can_see(%L, id, visibility, owner_id, team_id))', p_table, p_type);
end $$;

-- Transactional outbox: a change and its event are committed together.
create table outbox_events (
  id bigserial primary key,
  type text not null,
  payload jsonb not null default '{}',
  actor_id uuid,
  recipients uuid[] not null default '{}',
  created_at timestamptz not null default now(),
  dispatched_at timestamptz
);
create index outbox_events_pending on outbox_events (id) where dispatched_at is null;

-- Durable jobs: claimed with SKIP LOCKED and completed in the handler's own transaction.
create table jobs (
  id bigserial primary key,
  queue text not null,
  payload jsonb not null default '{}',
  singleton_key text unique,
  state text not null default 'pending' check (state in ('pending', 'done', 'failed')),
  run_at timestamptz not null default now(),
  attempts integer not null default 0,
  max_attempts integer not null default 5,
  last_error text,
  created_at timestamptz not null default now(),
  done_at timestamptz
);
create index jobs_ready on jobs (run_at) where state = 'pending';

-- Every e-mail Relais sends or would send (the outbox viewable in the app when SMTP is unset).
create table mail_messages (
  id uuid primary key default gen_random_uuid(),
  to_address text not null,
  subject text not null,
  text_body text not null default '',
  html_body text,
  attachments jsonb not null default '[]',
  status text not null default 'queued' check (status in ('queued', 'sent', 'stored', 'failed')),
  transport_message_id text,
  error text,
  related_type text,
  related_id uuid,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);

create table settings (
  key text primary key,
  value jsonb not null
);

-- Credentials are only ever visible to their owner, even to code running as relais_app.
alter table api_tokens enable row level security;
create policy own_tokens on api_tokens using (user_id = relais_user_id()) with check (user_id = relais_user_id());
alter table sessions enable row level security;
create policy own_sessions on sessions using (user_id = relais_user_id()) with check (user_id = relais_user_id());
revoke all on settings, login_attempts from relais_app;
