-- Knowledge gaps (KB-8): the questions people asked the base and what came of them, grouped by
-- wording for the experts, so the base grows where people actually look.
--
-- `knowledge_questions` is a log of personal data (who searched what): the application role
-- has no privilege on it at all. It is written and read only through the SECURITY DEFINER
-- functions below (each one decides whose rows it touches from relais.user_id / relais.role),
-- and by background jobs (notification of the askers, purge after `search_log_days`).
-- `source` says where a question came from: 'search' (the knowledge search) today; a later
-- module (help requests) widens the check and adds its rows through knowledge's index.

alter table knowledge_settings add column search_log_days integer not null default 180
  check (search_log_days between 7 and 3650);

create table knowledge_questions (
  id uuid primary key default gen_random_uuid(),
  source text not null default 'search' check (source in ('search')),
  user_id uuid not null references users (id) on delete cascade,
  query text not null check (length(query) between 1 and 300),
  -- lower case, accents folded, one space between words: what "the same wording" compares
  normalized text not null,
  -- the query's stemmed words (relais_fr / relais_en), sorted and unique: the group of similar
  -- wordings ('délais de livraison export' and 'Export : délai livraison' meet)
  group_key text not null,
  lang text not null check (lang in ('fr', 'en')),
  result_count integer not null,
  -- how many of the first results were validated or published answers
  validated_count integer not null,
  top_ids uuid[] not null default '{}',
  outcome text check (outcome in ('opened', 'useful', 'not_useful')),
  -- another search by the same person within 60 s, not a continuation of this one
  reformulated boolean not null default false,
  created_at timestamptz not null default now()
);
create index knowledge_questions_user on knowledge_questions (user_id, created_at desc);
create index knowledge_questions_group on knowledge_questions (group_key, created_at);
create index knowledge_questions_created on knowledge_questions (created_at);
alter table knowledge_questions enable row level security;
revoke all on knowledge_questions from relais_app;

-- A group an expert decided to answer: the draft written for it, and when it was published.
create table knowledge_gaps (
  id uuid primary key default gen_random_uuid(),
  group_key text not null,
  item_id uuid references knowledge_items (id) on delete set null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  answered_at timestamptz
);
create unique index knowledge_gaps_open on knowledge_gaps (group_key) where answered_at is null;
create index knowledge_gaps_item on knowledge_gaps (item_id) where answered_at is null;
alter table knowledge_gaps enable row level security;
create policy relais_experts on knowledge_gaps using (relais_is_knowledge_expert())
  with check (relais_is_knowledge_expert());

/* Whether a logged question is a gap: nothing found, no validated answer among the results,
   nothing opened, said not useful, or asked again differently right away. */
create function knowledge_question_is_gap(p_result_count integer, p_validated integer, p_outcome text, p_reformulated boolean)
returns boolean language sql immutable as
$$ select p_result_count = 0 or p_validated = 0 or p_outcome is null or p_outcome = 'not_useful' or p_reformulated $$;

/* The stemmed words of a question in its language, sorted and unique ('' when only stop words). */
create function knowledge_question_key(p_query text, p_lang text) returns text language sql stable as
$$ select array_to_string(tsvector_to_array(to_tsvector(
     case when p_lang = 'en' then 'relais_en'::regconfig else 'relais_fr'::regconfig end, p_query)), ' ') $$;

/* Logs the caller's search (one call, in the search's transaction). The caller's previous search
   within 60 s is dropped when this one continues it (typing went on: one is a prefix of the
   other), reused when it is the same wording, else marked reformulated (unless it was useful). */
create function knowledge_log_question(p_query text, p_normalized text, p_lang text, p_result_count integer, p_validated integer, p_top uuid[])
returns uuid language plpgsql volatile security definer set search_path = public as $$
declare
  v_user uuid := relais_user_id();
  v_prev knowledge_questions%rowtype;
  v_key text;
  v_id uuid;
begin
  if v_user is null or coalesce(p_normalized, '') = '' then return null; end if;
  select * into v_prev from knowledge_questions
   where user_id = v_user and source = 'search' and created_at > now() - interval '60 seconds'
   order by created_at desc limit 1;
  if found then
    if v_prev.normalized = p_normalized then return v_prev.id; end if;
    if v_prev.outcome is null and (starts_with(p_normalized, v_prev.normalized) or starts_with(v_prev.normalized, p_normalized)) then
      delete from knowledge_questions where id = v_prev.id;
    elsif v_prev.outcome is distinct from 'useful' then
      update knowledge_questions set reformulated = true where id = v_prev.id;
    end if;
  end if;
  v_key := knowledge_question_key(p_query, p_lang);
  insert into knowledge_questions (user_id, query, normalized, group_key, lang, result_count, validated_count, top_ids)
  values (v_user, p_query, p_normalized, case when v_key = '' then p_normalized else v_key end, p_lang,
          p_result_count, p_validated, coalesce(p_top, '{}'))
  returning id into v_id;
  return v_id;
end $$;
revoke all on function knowledge_log_question(text, text, text, integer, integer, uuid[]) from public;
grant execute on function knowledge_log_question(text, text, text, integer, integer, uuid[]) to relais_app;

/* What the caller did with the results of one of their own searches: opened one (never
   overrides a verdict), found it useful or not. False when the search is not theirs. */
create function knowledge_question_signal(p_id uuid, p_signal text) returns boolean
language plpgsql volatile security definer set search_path = public as $$
begin
  if p_signal not in ('opened', 'useful', 'not_useful') then return false; end if;
  update knowledge_questions set outcome = case when p_signal = 'opened' then coalesce(outcome, 'opened') else p_signal end
   where id = p_id and user_id = relais_user_id();
  return found;
end $$;
revoke all on function knowledge_question_signal(uuid, text) from public;
grant execute on function knowledge_question_signal(uuid, text) to relais_app;

/* A vote on an item answers the caller's latest search (last 30 min) that listed it. */
create function knowledge_question_vote(p_item uuid, p_useful boolean) returns void
language plpgsql volatile security definer set search_path = public as $$
begin
  update knowledge_questions set outcome = case when p_useful then 'useful' else 'not_useful' end
   where id = (select id from knowledge_questions where user_id = relais_user_id() and p_item = any (top_ids)
                 and created_at > now() - interval '30 minutes' order by created_at desc limit 1);
end $$;
revoke all on function knowledge_question_vote(uuid, boolean) from public;
grant execute on function knowledge_question_vote(uuid, boolean) to relais_app;

/* The gaps, grouped by wording, for experts and admins only: counts and wordings, never who
   asked. Only questions since the group was last answered count. p_key: one group, by its
   `group_id` (md5 of the key: the key holds the words typed, which the server masks). */
create function knowledge_gap_groups(p_now timestamptz, p_since timestamptz, p_key text, p_limit integer)
returns table (group_key text, group_id text, lang text, label text, wordings text[], total integer, askers integer,
               recent integer, previous integer, no_result integer, no_validated integer, no_click integer,
               not_useful integer, reformulated integer, last_asked_at timestamptz)
language plpgsql stable security definer set search_path = public as $$
#variable_conflict use_column
begin
  if not relais_is_knowledge_expert() then
    raise exception 'knowledge gaps are for experts' using errcode = '42501';
  end if;
  return query
  with gap as (
    select q.* from knowledge_questions q
     where q.created_at >= p_since and q.created_at <= p_now
       and (p_key is null or md5(q.group_key) = p_key)
       and knowledge_question_is_gap(q.result_count, q.validated_count, q.outcome, q.reformulated)
       and q.created_at > coalesce((select max(g.answered_at) from knowledge_gaps g where g.group_key = q.group_key), '-infinity')
  ), wording as (
    select w.group_key, w.query, count(*) as n, max(w.created_at) as last_at
      from gap w group by w.group_key, w.query
  )
  select g.group_key,
         md5(g.group_key),
         mode() within group (order by g.lang),
         (select w.query from wording w where w.group_key = g.group_key order by w.n desc, w.last_at desc limit 1),
         array(select w.query from wording w where w.group_key = g.group_key order by w.n desc, w.last_at desc limit 10),
         count(*)::integer,
         count(distinct g.user_id)::integer,
         count(*) filter (where g.created_at > p_now - interval '7 days')::integer,
         count(*) filter (where g.created_at <= p_now - interval '7 days' and g.created_at > p_now - interval '14 days')::integer,
         count(*) filter (where g.result_count = 0)::integer,
         count(*) filter (where g.result_count > 0 and g.validated_count = 0)::integer,
         count(*) filter (where g.result_count > 0 and g.outcome is null)::integer,
         count(*) filter (where g.outcome = 'not_useful')::integer,
         count(*) filter (where g.reformulated)::integer,
         max(g.created_at)
    from gap g
   group by g.group_key
   order by count(*) desc, max(g.created_at) desc, g.group_key
   limit p_limit;
end $$;
revoke all on function knowledge_gap_groups(timestamptz, timestamptz, text, integer) from public;
grant execute on function knowledge_gap_groups(timestamptz, timestamptz, text, integer) to relais_app;

/* Of `p_words`, those the reader may already read in the knowledge base (or stop words): the
   words of a question shown to experts. A word found only in what the reader may not see (or
   nowhere) is masked, so a question naming a confidential client shows no name (ID-3). */
create function knowledge_known_words(p_words text[], p_lang text) returns setof text
language sql stable security definer set search_path = public as $$
  select w from unnest(p_words) w
   where numnode(plainto_tsquery(case when p_lang = 'en' then 'relais_en'::regconfig else 'relais_fr'::regconfig end, w)) = 0
      or exists (select 1 from knowledge_search_candidates(
           plainto_tsquery(case when p_lang = 'en' then 'relais_en'::regconfig else 'relais_fr'::regconfig end, w),
           null, null, null, null, null, array['published', 'validated', 'stale', 'in_review', 'draft'], 1))
$$;
revoke all on function knowledge_known_words(text[], text) from public;
grant execute on function knowledge_known_words(text[], text) to relais_app;
