-- CRM core (CRM-1..10). Record tables are protected by relais_protect_table (ID-3).

create table custom_field_definitions (
  id uuid primary key default gen_random_uuid(),
  entity text not null default 'account' check (entity in ('account', 'contact', 'offer')),
  key text not null check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  label_fr text not null,
  label_en text not null,
  field_type text not null check (field_type in ('text', 'number', 'date', 'choice')),
  choices text[] not null default '{}',
  position integer not null default 0,
  created_at timestamptz not null default now(),
  unique (entity, key)
);

create table accounts (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  kind text not null default 'prospect' check (kind in ('customer', 'prospect', 'supplier', 'partner', 'network_member')),
  siren text check (siren ~ '^[0-9]{9}$'),
  siret text check (siret ~ '^[0-9]{14}$'),
  sector text,
  size text check (size in ('micro', 'small', 'medium', 'large')),
  address_line text,
  postal_code text,
  city text,
  country text not null default 'FR',
  segment text,
  tags text[] not null default '{}',
  custom_fields jsonb not null default '{}',
  phone text,
  website text,
  owner_id uuid not null references users (id),
  team_id uuid references teams (id),
  visibility text not null default 'team',
  merged_into_id uuid references accounts (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
select relais_protect_table('accounts', 'account');
create index accounts_owner on accounts (owner_id);
create index accounts_team on accounts (team_id);
create index accounts_name_trgm on accounts using gin (relais_unaccent(lower(name)) gin_trgm_ops);
create index accounts_tags on accounts using gin (tags);

create table contacts (
  id uuid primary key default gen_random_uuid(),
  first_name text not null default '',
  last_name text not null default '',
  title text,
  emails jsonb not null default '[]',      -- [{ "address": "...", "label": "work" }]
  phones jsonb not null default '[]',      -- [{ "number": "...", "label": "mobile" }]
  email_consent boolean not null default false,
  consent_at timestamptz,
  consent_source text,
  notes text,
  owner_id uuid not null references users (id),
  team_id uuid references teams (id),
  visibility text not null default 'team',
  erased_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
select relais_protect_table('contacts', 'contact');
create index contacts_owner on contacts (owner_id);
create index contacts_name_trgm on contacts using gin (relais_unaccent(lower(first_name || ' ' || last_name)) gin_trgm_ops);

create table account_contacts (
  account_id uuid not null references accounts (id) on delete cascade,
  contact_id uuid not null references contacts (id) on delete cascade,
  role text,
  is_primary boolean not null default false,
  primary key (account_id, contact_id)
);
create index account_contacts_contact on account_contacts (contact_id);

-- The catalogue is visible to all staff (no visibility column).
create table products (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique,
  name text not null,
  description_md text not null default '',
  unit_price numeric(12, 2) not null check (unit_price >= 0),
  discount_percent numeric(5, 2) not null default 0 check (discount_percent between 0 and 100),
  currency text not null default 'EUR',
  category text,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index products_name_trgm on products using gin (relais_unaccent(lower(name)) gin_trgm_ops);

create table product_price_history (
  id bigserial primary key,
  product_id uuid not null references products (id) on delete cascade,
  changed_by uuid references users (id) on delete set null,
  changed_at timestamptz not null default now(),
  old_price numeric(12, 2),
  new_price numeric(12, 2),
  old_discount numeric(5, 2),
  new_discount numeric(5, 2)
);
create index product_price_history_product on product_price_history (product_id, changed_at desc);

create table offer_stages (
  id uuid primary key default gen_random_uuid(),
  key text not null unique,
  name_fr text not null,
  name_en text not null,
  probability integer not null check (probability between 0 and 100),
  position integer not null,
  outcome text not null default 'open' check (outcome in ('open', 'won', 'lost'))
);
insert into offer_stages (key, name_fr, name_en, probability, position, outcome) values
  ('qualification', 'Qualification', 'Qualification', 10, 1, 'open'),
  ('proposal', 'Proposition', 'Proposal', 30, 2, 'open'),
  ('negotiation', 'Négociation', 'Negotiation', 60, 3, 'open'),
  ('commitment', 'Engagement', 'Commitment', 80, 4, 'open'),
  ('won', 'Gagnée', 'Won', 100, 5, 'won'),
  ('lost', 'Perdue', 'Lost', 0, 6, 'lost');

create table offers (
  id uuid primary key default gen_random_uuid(),
  title text not null,
  account_id uuid not null references accounts (id) on delete cascade,
  contact_id uuid references contacts (id) on delete set null,
  stage_id uuid not null references offer_stages (id),
  amount numeric(14, 2) not null default 0,
  currency text not null default 'EUR',
  expected_close_date date,
  closed_at timestamptz,
  close_reason text,
  competitor text,
  owner_id uuid not null references users (id),
  team_id uuid references teams (id),
  visibility text not null default 'team',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
select relais_protect_table('offers', 'offer');
create index offers_account on offers (account_id);
create index offers_owner_stage on offers (owner_id, stage_id);
create index offers_title_trgm on offers using gin (relais_unaccent(lower(title)) gin_trgm_ops);

create table offer_lines (
  id uuid primary key default gen_random_uuid(),
  offer_id uuid not null references offers (id) on delete cascade,
  product_id uuid not null references products (id),
  quantity numeric(12, 2) not null check (quantity > 0),
  unit_price numeric(12, 2) not null check (unit_price >= 0),
  discount_percent numeric(5, 2) not null default 0 check (discount_percent between 0 and 100),
  position integer not null default 0
);
create index offer_lines_offer on offer_lines (offer_id);
create index offer_lines_product on offer_lines (product_id);

create table offer_stage_history (
  id bigserial primary key,
  offer_id uuid not null references offers (id) on delete cascade,
  from_stage_id uuid references offer_stages (id),
  to_stage_id uuid not null references offer_stages (id),
  changed_by uuid references users (id) on delete set null,
  changed_at timestamptz not null default now()
);
create index offer_stage_history_offer on offer_stage_history (offer_id, changed_at);

create table activities (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('call', 'visit', 'email', 'note', 'task')),
  subject text not null,
  body_md text not null default '',
  report jsonb,                               -- visits: { objectives, outcome, nextSteps }
  occurred_at timestamptz not null default now(),
  duration_minutes integer,
  due_date date,                              -- tasks
  done_at timestamptz,                        -- tasks
  account_id uuid references accounts (id) on delete cascade,
  offer_id uuid references offers (id) on delete set null,
  owner_id uuid not null references users (id),
  team_id uuid references teams (id),
  visibility text not null default 'team',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
select relais_protect_table('activities', 'activity');
create index activities_account on activities (account_id, occurred_at desc);
create index activities_owner on activities (owner_id, occurred_at desc);
create index activities_offer on activities (offer_id);

create table activity_contacts (
  activity_id uuid not null references activities (id) on delete cascade,
  contact_id uuid not null references contacts (id) on delete cascade,
  primary key (activity_id, contact_id)
);
create index activity_contacts_contact on activity_contacts (contact_id);

-- Files attached to a record; a document is visible exactly when its parent is (RLS below).
create table documents (
  id uuid primary key default gen_random_uuid(),
  parent_type text not null check (parent_type in ('account', 'offer', 'activity', 'product', 'knowledge')),
  parent_id uuid not null,
  file_name text not null,
  content_type text not null,
  size_bytes integer not null,
  sha256 text not null,
  uploaded_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index documents_parent on documents (parent_type, parent_id);
alter table documents enable row level security;
create policy relais_documents on documents using (
  case parent_type
    when 'account' then exists (select 1 from accounts a where a.id = parent_id)
    when 'offer' then exists (select 1 from offers o where o.id = parent_id)
    when 'activity' then exists (select 1 from activities x where x.id = parent_id)
    when 'product' then true
    else false  -- the knowledge module replaces this policy when it adds its table
  end);

create table saved_views (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  entity text not null,
  name text not null,
  query jsonb not null default '{}',
  created_at timestamptz not null default now()
);
alter table saved_views enable row level security;
create policy own_views on saved_views using (user_id = relais_user_id()) with check (user_id = relais_user_id());

create table calendar_feeds (
  user_id uuid primary key references users (id) on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null default now()
);
