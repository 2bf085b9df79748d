-- Webhooks (09xx): endpoints admins register to receive Relais events (API-2), and the log of
-- each delivery. Both are for admins only, enforced by the database for code running as
-- relais_app; the signing secret is not even readable there: the delivery job reads it as the
-- system, and the API shows it once, when it is created.
create table webhook_endpoints (
  id uuid primary key default gen_random_uuid(),
  url text not null check (length(url) between 1 and 2000),
  description text not null default '' check (length(description) <= 500),
  event_types text[] not null check (cardinality(event_types) between 1 and 50),
  secret text not null,
  -- Payloads hold only what this user may see.
  owner_id uuid not null references users (id),
  enabled boolean not null default true,
  disabled_reason text,
  consecutive_failures integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  endpoint_id uuid not null references webhook_endpoints (id) on delete cascade,
  -- The `webhook-id` header: the same on every attempt and redelivery, so receivers deduplicate.
  message_id text not null,
  event_type text not null,
  payload jsonb not null,
  redelivery_of uuid references webhook_deliveries (id) on delete set null,
  status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
  attempts integer not null default 0,
  response_status integer,
  response_excerpt text,
  error text,
  next_attempt_at timestamptz,
  created_at timestamptz not null default now(),
  delivered_at timestamptz
);
create index webhook_deliveries_endpoint on webhook_deliveries (endpoint_id, created_at desc, id desc);
-- An event reaches an endpoint once (redeliveries are rows of their own).
create unique index webhook_deliveries_once on webhook_deliveries (endpoint_id, message_id)
  where redelivery_of is null;

alter table webhook_endpoints enable row level security;
create policy webhook_endpoints_admins on webhook_endpoints
  using (current_setting('relais.role', true) = 'admin')
  with check (current_setting('relais.role', true) = 'admin');
alter table webhook_deliveries enable row level security;
create policy webhook_deliveries_admins on webhook_deliveries
  using (current_setting('relais.role', true) = 'admin')
  with check (current_setting('relais.role', true) = 'admin');

revoke select on webhook_endpoints from relais_app;
grant select (id, url, description, event_types, owner_id, enabled, disabled_reason, consecutive_failures,
              created_at, updated_at) on webhook_endpoints to relais_app;
