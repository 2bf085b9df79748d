-- Knowledge base (KB-1..8, PUSH-1): items, versions, search words, situations, feedback, sends.

-- French and English with accents folded before stemming: 'délai', 'delai' and 'délais' meet.
create text search configuration relais_fr (copy = pg_catalog.french);
alter text search configuration relais_fr alter mapping for hword, hword_part, word with unaccent, french_stem;
create text search configuration relais_en (copy = pg_catalog.english);
alter text search configuration relais_en alter mapping for hword, hword_part, word with unaccent, english_stem;

-- array_to_string is only STABLE; tags are text, so this wrapper is safe in generated columns.
create function relais_words(text[]) returns text language sql immutable strict parallel safe as
$$ select array_to_string($1, ' ') $$;

create table knowledge_items (
  id uuid primary key default gen_random_uuid(),
  type text not null check (type in ('product_sheet', 'procedure', 'answer', 'objection', 'competitor_watch', 'win_story', 'training')),
  title text not null check (length(title) between 1 and 300),
  problem text not null default '',          -- answers: the client's problem; body_md is the solution
  body_md text not null default '',
  html text not null default '',             -- body_md rendered and sanitised by the server
  lang text not null default 'fr' check (lang in ('fr', 'en')),
  tags text[] not null default '{}',
  product_ids uuid[] not null default '{}',
  account_ids uuid[] not null default '{}',
  status text not null default 'draft' check (status in ('draft', 'in_review', 'validated', 'published', 'stale', 'archived')),
  delivery text not null default 'pull' check (delivery in ('pull', 'push')),
  owner_id uuid not null references users (id),
  team_id uuid references teams (id),
  visibility text not null default 'public',
  verify_interval_days integer not null default 180 check (verify_interval_days between 1 and 3650),
  verified_at timestamptz,
  validated_by uuid references users (id) on delete set null,
  validated_at timestamptz,
  published_at timestamptz,
  stale_at timestamptz,
  version integer not null default 1,
  view_count integer not null default 0,
  reuse_count integer not null default 0,
  useful_count integer not null default 0,
  not_useful_count integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Stemmed, accent-free words: title (A), tags and problem (B), body (C).
  search_vector tsvector generated always as (
    setweight(to_tsvector(case when lang = 'en' then 'relais_en'::regconfig else 'relais_fr'::regconfig end, title), 'A') ||
    setweight(to_tsvector(case when lang = 'en' then 'relais_en'::regconfig else 'relais_fr'::regconfig end,
                          relais_words(tags) || ' ' || problem), 'B') ||
    setweight(to_tsvector(case when lang = 'en' then 'relais_en'::regconfig else 'relais_fr'::regconfig end, left(body_md, 60000)), 'C')
  ) stored,
  -- Query-independent quality: status, usefulness and reuse. Candidates are taken in this order.
  static_score real generated always as (
    (case status when 'published' then 1.0 when 'validated' then 0.9 when 'stale' then 0.6 when 'in_review' then 0.5 when 'draft' then 0.4 else 0.1 end)
    * (1 + 0.15 * ln(1 + greatest(useful_count - not_useful_count, 0) + reuse_count))
    * (case type when 'answer' then 1.05 when 'procedure' then 1.03 else 1.0 end)
  ) stored
);
select relais_protect_table('knowledge_items', 'knowledge');
create index knowledge_items_search on knowledge_items using gin (search_vector);
create index knowledge_items_static on knowledge_items (static_score desc, id);
create index knowledge_items_owner on knowledge_items (owner_id);
create index knowledge_items_status on knowledge_items (status, type);
create index knowledge_items_tags on knowledge_items using gin (tags);
create index knowledge_items_title_trgm on knowledge_items using gin (relais_unaccent(lower(title)) gin_trgm_ops);

-- Documents attached to knowledge items are visible exactly when the item is.
drop policy relais_documents on documents;
create policy relais_documents on documents using (
  case parent_type
    when 'account' then exists (select 1 from accounts a where a.id = parent_id)
    when 'offer' then exists (select 1 from offers o where o.id = parent_id)
    when 'activity' then exists (select 1 from activities x where x.id = parent_id)
    when 'product' then true
    when 'knowledge' then exists (select 1 from knowledge_items k where k.id = parent_id)
    else false
  end);

create table knowledge_versions (
  id uuid primary key default gen_random_uuid(),
  item_id uuid not null references knowledge_items (id) on delete cascade,
  version integer not null,
  type text not null,
  title text not null,
  problem text not null default '',
  body_md text not null default '',
  tags text[] not null default '{}',
  note text,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (item_id, version)
);
alter table knowledge_versions enable row level security;
create policy relais_parent on knowledge_versions using (exists (select 1 from knowledge_items k where k.id = item_id));

-- Every word of the base once (accent-free, lower case): the dictionary typo correction uses.
create table knowledge_words (word text primary key);
create index knowledge_words_trgm on knowledge_words using gin (word gin_trgm_ops);
revoke all on knowledge_words from relais_app;

create function knowledge_items_words() returns trigger language plpgsql as $$
begin
  insert into knowledge_words (word)
  select distinct w from unnest(tsvector_to_array(to_tsvector('simple', relais_unaccent(lower(new.title || ' ' || new.problem || ' ' || left(new.body_md, 60000)))))) w
   where length(w) between 3 and 40 and w !~ '^[0-9]+$'
  on conflict do nothing;
  return null;
end $$ security definer set search_path = public;
create trigger knowledge_items_words after insert or update of title, problem, body_md on knowledge_items
  for each row execute function knowledge_items_words();

/* Search candidates (KB-3). Under RLS a non-leakproof operator such as @@ cannot use the GIN
   index, so this definer function reads the table directly and applies the very same rule,
   relais_can_see, explicitly. It returns at most p_limit visible ids, best static score first:
   the planner picks the GIN index for rare words and the static-score index for common ones. */
create function knowledge_search_candidates(p_query tsquery, p_type text, p_tag text, p_product uuid, p_situation uuid, p_lang text, p_statuses text[], p_limit integer)
returns table (id uuid) language plpgsql stable security definer set search_path = public as $$
begin
  return query execute
    'select k.id from knowledge_items k
      where k.search_vector @@ $1
        and ($2::text is null or k.type = $2) and ($3::text is null or k.tags @> array[$3::text])
        and ($4::uuid is null or k.product_ids @> array[$4::uuid]) and ($6::text is null or k.lang = $6)
        and ($5::uuid is null or exists (select 1 from situation_knowledge s where s.item_id = k.id and s.situation_id = $5))
        and k.status = any ($7)
        and relais_can_see(''knowledge'', k.id, k.visibility, k.owner_id, k.team_id)
      order by k.static_score desc, k.id limit $8'
    using p_query, p_type, p_tag, p_product, p_situation, p_lang, p_statuses, p_limit;
end $$;

-- The word itself when known, else the closest known word (trigram similarity), else null.
create function knowledge_correct_word(p_word text) returns text language sql stable security definer set search_path = public as $$
  select case when exists (select 1 from knowledge_words where word = p_word) then p_word
         else (select word from knowledge_words where word % p_word order by similarity(word, p_word) desc, length(word) limit 1) end
$$;

create table situations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  description text not null default '',
  signals text[] not null default '{}',       -- words or phrases that suggest the situation
  field_signals text[] not null default '{}', -- changed fields that suggest it, e.g. contact.accountIds
  advice_md text not null default '',
  advice_html text not null default '',
  product_ids uuid[] not null default '{}',
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  search_vector tsvector generated always as (
    setweight(to_tsvector('relais_fr', name), 'A') || setweight(to_tsvector('relais_fr', description || ' ' || relais_words(signals)), 'B')
  ) stored
);
create unique index situations_name on situations (lower(name));
create index situations_search on situations using gin (search_vector);

create table situation_knowledge (
  situation_id uuid not null references situations (id) on delete cascade,
  item_id uuid not null references knowledge_items (id) on delete cascade,
  position integer not null default 0,
  primary key (situation_id, item_id)
);
create index situation_knowledge_item on situation_knowledge (item_id);

create table account_situations (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id) on delete cascade,
  contact_id uuid references contacts (id) on delete cascade,
  situation_id uuid not null references situations (id) on delete cascade,
  status text not null default 'suggested' check (status in ('suggested', 'confirmed', 'dismissed')),
  source text not null default 'manual',      -- manual | activity:<id> | contact:<id>
  reason text,
  created_by uuid references users (id) on delete set null,
  decided_by uuid references users (id) on delete set null,
  decided_at timestamptz,
  created_at timestamptz not null default now()
);
create unique index account_situations_once on account_situations (account_id, situation_id, coalesce(contact_id, '00000000-0000-0000-0000-000000000000'::uuid));
create index account_situations_situation on account_situations (situation_id);
alter table account_situations enable row level security;
create policy relais_parent on account_situations using (exists (select 1 from accounts a where a.id = account_id)) with check (exists (select 1 from accounts a where a.id = account_id));

-- An answer used with an activity ("use this answer", KB-4): counts a reuse.
create table activity_knowledge (
  activity_id uuid not null references activities (id) on delete cascade,
  item_id uuid not null references knowledge_items (id) on delete cascade,
  user_id uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (activity_id, item_id)
);
create index activity_knowledge_item on activity_knowledge (item_id);
alter table activity_knowledge enable row level security;
create policy relais_parent on activity_knowledge using (
  exists (select 1 from activities a where a.id = activity_id) and exists (select 1 from knowledge_items k where k.id = item_id));

create table knowledge_feedback (
  id uuid primary key default gen_random_uuid(),
  item_id uuid not null references knowledge_items (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  useful boolean,
  comment text,
  created_at timestamptz not null default now()
);
create index knowledge_feedback_item on knowledge_feedback (item_id, created_at desc);
create unique index knowledge_feedback_vote on knowledge_feedback (item_id, user_id) where useful is not null and comment is null;
alter table knowledge_feedback enable row level security;
create policy relais_parent on knowledge_feedback using (exists (select 1 from knowledge_items k where k.id = item_id)) with check (exists (select 1 from knowledge_items k where k.id = item_id));

create table knowledge_suggestions (
  id uuid primary key default gen_random_uuid(),
  item_id uuid not null references knowledge_items (id) on delete cascade,
  author_id uuid not null references users (id) on delete cascade,
  title text,
  body_md text not null,
  note text,
  status text not null default 'pending' check (status in ('pending', 'accepted', 'declined')),
  decided_by uuid references users (id) on delete set null,
  decided_at timestamptz,
  created_at timestamptz not null default now()
);
create index knowledge_suggestions_item on knowledge_suggestions (item_id, status);
alter table knowledge_suggestions enable row level security;
create policy relais_parent on knowledge_suggestions using (exists (select 1 from knowledge_items k where k.id = item_id)) with check (exists (select 1 from knowledge_items k where k.id = item_id));

-- "Send to client" (KB-6): one row per e-mail, with its delivery, opens and clicks.
create table knowledge_sends (
  id uuid primary key default gen_random_uuid(),
  item_id uuid references knowledge_items (id) on delete set null,
  product_id uuid references products (id) on delete set null,
  account_id uuid not null references accounts (id) on delete cascade,
  contact_id uuid not null references contacts (id) on delete cascade,
  to_address text not null,
  subject text not null,
  mail_message_id uuid references mail_messages (id) on delete set null,
  activity_id uuid references activities (id) on delete set null,
  links text[] not null default '{}',
  status text not null default 'sent' check (status in ('sent', 'stored', 'failed')),
  open_count integer not null default 0,
  first_opened_at timestamptz,
  click_count integer not null default 0,
  first_clicked_at timestamptz,
  sent_by uuid references users (id) on delete set null,
  sent_at timestamptz not null default now()
);
create index knowledge_sends_item on knowledge_sends (item_id, sent_at desc);
create index knowledge_sends_account on knowledge_sends (account_id, sent_at desc);
alter table knowledge_sends enable row level security;
create policy relais_parent on knowledge_sends using (exists (select 1 from accounts a where a.id = account_id)) with check (exists (select 1 from accounts a where a.id = account_id));

-- Document frequency of each indexed word (refreshed by a job): the IDF that weighs query words.
create table knowledge_lexeme_stats (lexeme text primary key, ndoc integer not null);
create table knowledge_stats (id boolean primary key default true check (id), total integer not null default 0, refreshed_at timestamptz);
insert into knowledge_stats (total) values (0);
grant select on knowledge_lexeme_stats, knowledge_stats to relais_app;
revoke insert, update, delete on knowledge_lexeme_stats, knowledge_stats from relais_app;

create function knowledge_refresh_stats() returns void language plpgsql security definer set search_path = public as $$
begin
  delete from knowledge_lexeme_stats;
  insert into knowledge_lexeme_stats (lexeme, ndoc) select word, ndoc from ts_stat('select search_vector from knowledge_items where status <> ''archived''');
  update knowledge_stats set total = (select count(*) from knowledge_items where status <> 'archived'), refreshed_at = now();
end $$;
