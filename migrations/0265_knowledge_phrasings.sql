-- Learning from use (KB-3 item 5): when someone marks a result as the answer ("utile",
-- "Utiliser cette réponse") after a search, the question they asked becomes a phrasing of
-- that item, and the kept phrasings weigh in later searches: they are part of the item's
-- search_vector, at weight B like its problem, so BM25F and the statistics triggers of 0260
-- treat them as any other words of the item. Experts review them and remove the wrong ones.

create table knowledge_phrasings (
  id uuid primary key default gen_random_uuid(),
  item_id uuid not null references knowledge_items (id) on delete cascade,
  text text not null check (length(text) between 1 and 300),    -- as first asked
  folded text not null,                                          -- lower case, accents folded: one row per wording
  source text not null check (source in ('useful', 'reuse')),
  user_id uuid references users (id) on delete set null,         -- who asked first: shown to experts only
  uses integer not null default 1,                               -- how many times it led to this item
  status text not null default 'kept' check (status in ('kept', 'removed')),
  removed_by uuid references users (id) on delete set null,
  removed_at timestamptz,
  created_at timestamptz not null default now(),
  last_used_at timestamptz not null default now(),
  unique (item_id, folded)
);
create index knowledge_phrasings_kept on knowledge_phrasings (item_id, created_at desc) where status = 'kept';
-- A phrasing is visible, and may be written, exactly when its item is.
alter table knowledge_phrasings enable row level security;
create policy relais_parent on knowledge_phrasings
  using (exists (select 1 from knowledge_items k where k.id = item_id))
  with check (exists (select 1 from knowledge_items k where k.id = item_id));

-- The text the search vector reads: the 50 latest kept phrasings, so one item cannot grow
-- without bound. Kept in sync by the trigger below (definer: a rep may not edit the item).
alter table knowledge_items add column phrasings_text text not null default '';

create function knowledge_phrasings_sync() returns trigger language plpgsql security definer set search_path = public as $$
declare
  v_item uuid := coalesce(new.item_id, old.item_id);
  v_text text;
begin
  select coalesce(string_agg(p.text, ' ' order by p.created_at desc), '') into v_text
    from (select text, created_at from knowledge_phrasings
           where item_id = v_item and status = 'kept' order by created_at desc limit 50) p;
  update knowledge_items set phrasings_text = v_text where id = v_item and phrasings_text is distinct from v_text;
  return null;
end $$;
create trigger knowledge_phrasings_sync after insert or delete or update of status, text on knowledge_phrasings
  for each row execute function knowledge_phrasings_sync();

-- The search vector again, with the phrasings (same immutable parts as 0200: a regconfig chosen
-- by a case on lang, relais_words for the tags). Functions reading it (0201, 0202, 0260, 0264)
-- are plpgsql or SQL built at run time and need no change.
alter table knowledge_items drop column search_vector;
alter table knowledge_items add column search_vector tsvector generated always as (
  setweight(to_tsvector(case when lang = 'en' then 'relais_en'::regconfig else 'relais_fr'::regconfig end, title), 'A') ||
  setweight(to_tsvector(case when lang = 'en' then 'relais_en'::regconfig else 'relais_fr'::regconfig end,
                        relais_words(tags) || ' ' || problem || ' ' || phrasings_text), 'B') ||
  setweight(to_tsvector(case when lang = 'en' then 'relais_en'::regconfig else 'relais_fr'::regconfig end, left(body_md, 60000)), 'C')
) stored;
create index knowledge_items_search on knowledge_items using gin (search_vector);
select knowledge_refresh_stats();

-- The question of one of the caller's own searches (KB-8's log is not readable by relais_app);
-- null when the search is not theirs or no longer kept.
create function knowledge_search_question(p_search uuid) returns text language plpgsql stable security definer set search_path = public as $$
begin
  return (select q.query from knowledge_questions q where q.id = p_search and q.user_id = relais_user_id());
end $$;
