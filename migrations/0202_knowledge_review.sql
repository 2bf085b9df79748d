-- Issue 9 (KB-2, ID-3): drafts stay with their owner and the experts; a change to what readers
-- read is a new version that waits for review (by a second expert when there is one).

/* Who may validate knowledge: experts and admins. relais.role is set with relais.user_id for
   every request (db/access.ts actAs), also when idsVisibleTo evaluates policies for someone else. */
create function relais_is_knowledge_expert() returns boolean language sql stable as
$$ select coalesce(current_setting('relais.role', true), '') in ('expert', 'admin') $$;

/* Drafts and items in review are seen by their owner and the experts only. */
create function relais_knowledge_open(p_status text, p_owner uuid) returns boolean language sql stable as
$$ select p_status not in ('draft', 'in_review') or p_owner = relais_user_id() or relais_is_knowledge_expert() $$;

-- Restrictive: ANDed with ID-3's policies, so lists, counts, search, Ctrl+K, similar cases, the
-- brief and notifications (idsVisibleTo) all obey it without a condition of their own.
create policy relais_review on knowledge_items as restrictive for all using (relais_knowledge_open(status, owner_id)) with check (true);

-- The version readers see is `version`; a change of readable content waits as `review_version`.
alter table knowledge_items add column review_version integer;
-- The last version an expert validated (0: never): the authors of later versions may not validate alone.
alter table knowledge_items add column validated_version integer not null default 0;
update knowledge_items set validated_version = version where status in ('validated', 'published', 'stale');
alter table knowledge_versions add column rejected_at timestamptz;
alter table knowledge_versions add column rejected_by uuid references users (id) on delete set null;

-- Versions not yet validated (in review) or rejected: like drafts, for the owner, the experts and their author.
drop policy relais_parent on knowledge_versions;
create policy relais_parent on knowledge_versions using (exists (
  select 1 from knowledge_items k where k.id = item_id
     and ((knowledge_versions.version <= k.version and knowledge_versions.rejected_at is null)
          or k.owner_id = relais_user_id() or knowledge_versions.created_by = relais_user_id() or relais_is_knowledge_expert())));

-- Whether an expert needs a second expert to validate their own change (admins choose).
create table knowledge_settings (
  id boolean primary key default true check (id),
  second_expert text not null default 'when_possible' check (second_expert in ('when_possible', 'never')),
  updated_by uuid references users (id) on delete set null,
  updated_at timestamptz not null default now()
);
insert into knowledge_settings default values;
alter table knowledge_settings enable row level security;
create policy relais_read on knowledge_settings for select using (true);
create policy relais_admin on knowledge_settings for update using (current_setting('relais.role', true) = 'admin');
revoke insert, delete on knowledge_settings from relais_app;

/* Search candidates (0201) with the same drafts rule: this definer function bypasses RLS. */
create or replace function knowledge_search_candidates(p_query tsquery, p_type text, p_tag text, p_product uuid, p_situation uuid, p_lang text, p_statuses text[], p_limit integer)
returns table (id uuid) language plpgsql stable security definer set search_path = public as $$
declare
  v_sql text := 'select k.id from knowledge_items k where k.search_vector @@ $1';
begin
  if p_type is not null then v_sql := v_sql || ' and k.type = $2'; end if;
  if p_tag is not null then v_sql := v_sql || ' and k.tags @> array[$3::text]'; end if;
  if p_product is not null then v_sql := v_sql || ' and k.product_ids @> array[$4::uuid]'; end if;
  if p_situation is not null then
    v_sql := v_sql || ' and exists (select 1 from situation_knowledge s where s.item_id = k.id and s.situation_id = $5)';
  end if;
  if p_lang is not null then v_sql := v_sql || ' and k.lang = $6'; end if;
  -- The usual statuses (everything but archived) are written as "<> archived": well estimated
  -- from the statistics and never ANDed as a bitmap; an explicit status stays an equality.
  if p_statuses @> array['published', 'validated', 'stale', 'in_review', 'draft'] and not p_statuses @> array['archived'] then
    v_sql := v_sql || ' and k.status <> ''archived''';
  else
    v_sql := v_sql || ' and k.status = any ($7)';
  end if;
  v_sql := v_sql || ' and relais_can_see(''knowledge'', k.id, k.visibility, k.owner_id, k.team_id)'
                 || ' and relais_knowledge_open(k.status, k.owner_id)'
                 || ' order by k.static_score desc, k.id limit $8';
  return query execute v_sql using p_query, p_type, p_tag, p_product, p_situation, p_lang, p_statuses, p_limit;
end $$;
