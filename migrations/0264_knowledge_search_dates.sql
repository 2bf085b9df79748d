-- Date filter of knowledge search (KB-3 item 7): `from` / `to` on the item's last update
-- (updated_at), inclusive days. A second signature of the candidates function (0202) with the
-- two dates, written into the query only when given; the 8-argument version stays for its
-- callers (knowledge gaps) and answers exactly as before.
create or replace function knowledge_search_candidates(p_query tsquery, p_type text, p_tag text, p_product uuid, p_situation uuid, p_lang text, p_statuses text[], p_limit integer, p_from date, p_to date)
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
  -- Days in UTC, whole days: from 00:00 of `from` to the end of `to`.
  if p_from is not null then v_sql := v_sql || ' and k.updated_at >= ($9::timestamp at time zone ''UTC'')'; end if;
  if p_to is not null then v_sql := v_sql || ' and k.updated_at < (($10 + 1)::timestamp at time zone ''UTC'')'; end if;
  if p_statuses @> array['published', 'validated', 'stale', 'in_review', 'draft'] and not p_statuses @> array['archived'] then
    v_sql := v_sql || ' and k.status <> ''archived''';
  else
    v_sql := v_sql || ' and k.status = any ($7)';
  end if;
  v_sql := v_sql || ' and relais_can_see(''knowledge'', k.id, k.visibility, k.owner_id, k.team_id)'
                 || ' and relais_knowledge_open(k.status, k.owner_id)'
                 || ' order by k.static_score desc, k.id limit $8';
  return query execute v_sql using p_query, p_type, p_tag, p_product, p_situation, p_lang, p_statuses, p_limit, p_from, p_to;
end $$;
