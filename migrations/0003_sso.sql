-- Single sign-on with OpenID Connect (ID-2). One settings row, admins only for code running as
-- relais_app; the client secret is not even readable there (the sign-in reads it as the system,
-- and the API never answers it). Sign-in attempts in flight and the links between a provider's
-- subjects and users are for the system alone.
create table sso_settings (
  id boolean primary key default true check (id),
  enabled boolean not null default false,
  issuer_url text not null default '' check (length(issuer_url) <= 500),
  client_id text not null default '' check (length(client_id) <= 200),
  client_secret text not null default '',
  client_secret_set boolean generated always as (client_secret <> '') stored,
  button_label text not null default '' check (length(button_label) <= 60),
  -- Whether a person the provider knows but Relais does not gets a user on first sign-in.
  provision boolean not null default false,
  default_role text not null default 'rep' check (default_role in ('rep', 'manager', 'expert', 'admin')),
  default_team_id uuid references teams (id) on delete set null,
  -- Passwords refused except for admins (the break-glass when the provider is down).
  sso_only boolean not null default false,
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id) on delete set null
);
insert into sso_settings (id) values (true);

alter table sso_settings enable row level security;
create policy sso_settings_admins on sso_settings
  using (current_setting('relais.role', true) = 'admin')
  with check (current_setting('relais.role', true) = 'admin');
revoke all on sso_settings from relais_app;
grant select (id, enabled, issuer_url, client_id, client_secret_set, button_label, provision, default_role, default_team_id,
              sso_only, updated_at, updated_by) on sso_settings to relais_app;
grant update on sso_settings to relais_app;

-- A started sign-in: the state is single-use (deleted when the provider sends the person back).
create table sso_states (
  state_hash text primary key,
  code_verifier text not null,
  nonce text not null,
  next_path text not null default '/',
  expires_at timestamptz not null
);
create index sso_states_expires on sso_states (expires_at);
revoke all on sso_states from relais_app;

-- Who a provider's subject is in Relais: found by verified e-mail or provisioned the first time,
-- then by subject, so a later change of e-mail at the provider keeps the same user.
create table sso_identities (
  issuer text not null,
  subject text not null,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (issuer, subject)
);
create index sso_identities_user on sso_identities (user_id);
revoke all on sso_identities from relais_app;
