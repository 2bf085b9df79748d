-- Scale (issue 12): lists stay fast at 100k accounts and 1M activities under row-level security.

/* Every policy of ID-3 called relais_can_see(...) once per row. Its body holds the grant lookup
   as an EXISTS, and PostgreSQL never inlines a SQL function whose body has a subquery: each row
   paid a function call, three current_setting() reads and the planner saw an opaque boolean, so
   no index on visibility, owner or team could serve a list (a rep's accounts list judged all
   100k rows, twice: page and count).

   The policies now spell the same rule out as plain SQL. The caller's settings are read once per
   statement ((select relais_user_id()) is an InitPlan), and the caller's grants are read once
   and hashed (an uncorrelated IN), so a row costs a few comparisons and a list can walk the
   index of its sort and stop after a page. The rule is word for word relais_can_see's:
   public; or owned by the caller; or `team` and of a team the caller sees; or restricted or
   secret and granted to the caller or to one of their teams (record_id is never null, so the
   IN is exactly the EXISTS). */
create function relais_visibility_policies(p_table regclass, p_type text) returns void language plpgsql as $fn$
declare
  v_rule text := format(
    $rule$visibility = 'public'
      or owner_id = (select relais_user_id())
      or (visibility = 'team' and team_id = any ((select relais_visible_teams())::uuid[]))
      or (visibility in ('restricted', 'secret') and id in (
            select g.record_id from record_grants g
             where g.record_type = %L
               and (g.user_id = (select relais_user_id()) or g.team_id = any ((select relais_member_teams())::uuid[]))))$rule$,
    p_type);
begin
  execute format('drop policy relais_read on %s', p_table);
  execute format('drop policy relais_update on %s', p_table);
  execute format('drop policy relais_delete on %s', p_table);
  execute format('create policy relais_read on %s for select using (%s)', p_table, v_rule);
  execute format('create policy relais_update on %s for update using (%s)', p_table, v_rule);
  execute format('create policy relais_delete on %s for delete using (%s)', p_table, v_rule);
end $fn$;

select relais_visibility_policies('accounts', 'account');
select relais_visibility_policies('contacts', 'contact');
select relais_visibility_policies('offers', 'offer');
select relais_visibility_policies('activities', 'activity');

-- Tables protected from now on (knowledge items, spaces…) get the same policies.
create or replace function relais_protect_table(p_table regclass, p_type text) returns void language plpgsql as $$
begin
  execute format('alter table %s enable row level security', p_table);
  execute format('alter table %s add constraint %s check (visibility in (''public'', ''team'', ''restricted'', ''secret''))',
                 p_table, replace(p_table::text, '.', '_') || '_visibility_check');
  execute format('create policy relais_read on %s for select using (true)', p_table);
  execute format('create policy relais_insert on %s for insert with check (true)', p_table);
  execute format('create policy relais_update on %s for update using (true)', p_table);
  execute format('create policy relais_delete on %s for delete using (true)', p_table);
  perform relais_visibility_policies(p_table, p_type);
end $$;

/* relais_can_see stays for the code that checks a row explicitly (definer functions of the
   knowledge search, merges, erasure): with the grant lookup in its own function its body has no
   subquery left, so the planner inlines it there too. Same rule. */
create function relais_has_grant(p_type text, p_id uuid) returns boolean language sql stable as $$
  select exists (
    select 1 from record_grants g
     where g.record_type = p_type and g.record_id = p_id
       and (g.user_id = relais_user_id() or g.team_id = any (relais_member_teams())))
$$;

create or replace function relais_can_see(p_type text, p_id uuid, p_visibility text, p_owner uuid, p_team uuid)
returns boolean language sql stable as $$
  select p_visibility = 'public'
      or p_owner = relais_user_id()
      or (p_visibility = 'team' and p_team = any (relais_visible_teams()))
      or (p_visibility in ('restricted', 'secret') and relais_has_grant(p_type, p_id))
$$;

/* One index per sort the accounts list offers, in both directions, matching the ORDER BY that
   orderBy() writes (`<key> asc|desc nulls last, id asc|desc`): a page is then the first rows of
   an index walk, whatever the size of the table, instead of a sort of every visible account. */
create index accounts_sort_name on accounts (lower(name), id);
create index accounts_sort_name_desc on accounts (lower(name) desc nulls last, id desc);
create index accounts_sort_city on accounts (lower(city), id);
create index accounts_sort_city_desc on accounts (lower(city) desc nulls last, id desc);
create index accounts_sort_kind on accounts (kind, id);
create index accounts_sort_kind_desc on accounts (kind desc nulls last, id desc);
create index accounts_sort_segment on accounts (segment, id);
create index accounts_sort_segment_desc on accounts (segment desc nulls last, id desc);
create index accounts_sort_updated on accounts (updated_at, id);
create index accounts_sort_updated_desc on accounts (updated_at desc nulls last, id desc);
create index accounts_sort_created on accounts (created_at, id);
create index accounts_sort_created_desc on accounts (created_at desc nulls last, id desc);

-- Activities: the list's default order (latest first), and a rep's own latest (dashboard, agenda).
create index activities_sort_occurred_desc on activities (occurred_at desc nulls last, id desc);
create index activities_owner_occurred on activities (owner_id, occurred_at desc nulls last, id desc);

-- The caller's grants, read once per statement by the policies above.
create index record_grants_user on record_grants (user_id, record_type) where user_id is not null;
create index record_grants_team on record_grants (team_id, record_type) where team_id is not null;

/* Offers and activities never outlive their account's visibility (0150). Written as a plain
   EXISTS, the planner turned the gate into a hash of every account the caller sees, built before
   the first row (37k accounts for a rep, for a page of 50 activities). OFFSET 0 keeps it a probe
   of the account's primary key per row read, so a page costs a page. Same condition. */
drop policy relais_account_gate on offers;
create policy relais_account_gate on offers as restrictive for all
  using (exists (select 1 from accounts a where a.id = account_id offset 0));
drop policy relais_account_gate on activities;
create policy relais_account_gate on activities as restrictive for all
  using (account_id is null or exists (select 1 from accounts a where a.id = account_id offset 0));
