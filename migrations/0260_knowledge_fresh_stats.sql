-- Ranking statistics kept current by every write (KB-3): an imported, created or edited item
-- weighs in the very next search, not after the 15-minute refresh (which stays, as a safety net
-- that recomputes them exactly). Statement-level triggers with transition tables: one import of
-- 20,000 items updates each word's count once. Also the sum of the items' lengths (distinct
-- words), for BM25's document-length normalisation.
alter table knowledge_stats add column lengths bigint not null default 0;

create or replace function knowledge_refresh_stats() returns void language plpgsql security definer set search_path = public as $$
begin
  delete from knowledge_lexeme_stats;
  insert into knowledge_lexeme_stats (lexeme, ndoc) select word, ndoc from ts_stat('select search_vector from knowledge_items where status <> ''archived''');
  update knowledge_stats set (total, lengths) = (select count(*), coalesce(sum(length(search_vector)), 0) from knowledge_items where status <> 'archived'),
         refreshed_at = now();
end $$;

-- Adds `sign` × the words of the given rows (archived ones never count) to the statistics.
-- Words in lexeme order, so two writers lock the rows they share in the same order.
create function knowledge_stats_apply(p_vectors tsvector[], p_sign integer) returns void language plpgsql security definer set search_path = public as $$
begin
  if coalesce(array_length(p_vectors, 1), 0) = 0 then return; end if;
  insert into knowledge_lexeme_stats (lexeme, ndoc)
  select w, p_sign * count(*) from unnest(p_vectors) v, unnest(tsvector_to_array(v)) w group by w order by w
  on conflict (lexeme) do update set ndoc = greatest(knowledge_lexeme_stats.ndoc + excluded.ndoc, 0);
  update knowledge_stats
     set total = greatest(total + p_sign * array_length(p_vectors, 1), 0),
         lengths = greatest(lengths + p_sign * (select coalesce(sum(length(v)), 0) from unnest(p_vectors) v), 0);
end $$;
revoke all on function knowledge_stats_apply(tsvector[], integer) from public;

create function knowledge_stats_inserted() returns trigger language plpgsql security definer set search_path = public as $$
begin
  perform knowledge_stats_apply((select array_agg(search_vector) from new_rows where status <> 'archived'), 1);
  return null;
end $$;

create function knowledge_stats_deleted() returns trigger language plpgsql security definer set search_path = public as $$
begin
  perform knowledge_stats_apply((select array_agg(search_vector) from old_rows where status <> 'archived'), -1);
  return null;
end $$;

-- Only rows whose words or archived state changed (counters and review dates cost nothing).
create function knowledge_stats_updated() returns trigger language plpgsql security definer set search_path = public as $$
begin
  perform knowledge_stats_apply((select array_agg(o.search_vector) from old_rows o join new_rows n using (id)
                                  where o.status <> 'archived' and (n.status = 'archived' or n.search_vector is distinct from o.search_vector)), -1);
  perform knowledge_stats_apply((select array_agg(n.search_vector) from old_rows o join new_rows n using (id)
                                  where n.status <> 'archived' and (o.status = 'archived' or n.search_vector is distinct from o.search_vector)), 1);
  return null;
end $$;

create trigger knowledge_stats_inserted after insert on knowledge_items
  referencing new table as new_rows for each statement execute function knowledge_stats_inserted();
create trigger knowledge_stats_deleted after delete on knowledge_items
  referencing old table as old_rows for each statement execute function knowledge_stats_deleted();
create trigger knowledge_stats_updated after update on knowledge_items
  referencing old table as old_rows new table as new_rows for each statement execute function knowledge_stats_updated();

select knowledge_refresh_stats();
