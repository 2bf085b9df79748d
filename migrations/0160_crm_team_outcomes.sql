-- Sales outcomes in aggregate (MGT-1, CRM-8): a manager reads the results of every offer of
-- the teams they manage, restricted and secret ones included, as sums and counts only. Row-level
-- security would hide those offers (a rep's restricted accounts vanished from their manager's
-- table), so these definer functions read offers directly and decide the scope themselves from
-- the caller's identity (relais.user_id, set by the server for each request): never a title,
-- an account or an id of an offer, only per-person and per-month figures.

/* Whose outcomes the caller may read: themself, and for a manager or an admin the members of
   the teams they manage and every team below (an admin manages the nation). */
create function crm_outcome_scope() returns table (user_id uuid)
language sql stable security definer set search_path = public as $$
  with recursive me as (
    select u.id, u.role from users u where u.id = relais_user_id() and u.active
  ),
  managed as (
    select t.id from teams t, me
     where me.role in ('manager', 'admin') and (t.manager_id = me.id or (me.role = 'admin' and t.parent_id is null))
    union
    select t.id from teams t join managed m on t.parent_id = m.id
  )
  select me.id from me
  union
  select u.id from users u where u.team_id in (select id from managed)
$$;

/* Per owner in scope (or only p_owner): won and lost over the last 12 months, open pipeline. */
create function crm_outcomes_by_owner(p_owner uuid default null)
returns table (owner_id uuid, won integer, lost integer, open_count integer, won_amount numeric, open_amount numeric, weighted_amount numeric)
language sql stable security definer set search_path = public as $$
  select o.owner_id,
         count(*) filter (where s.outcome = 'won' and o.closed_at > now() - interval '12 months')::int,
         count(*) filter (where s.outcome = 'lost' and o.closed_at > now() - interval '12 months')::int,
         count(*) filter (where s.outcome = 'open')::int,
         coalesce(sum(o.amount) filter (where s.outcome = 'won' and o.closed_at > now() - interval '12 months'), 0),
         coalesce(sum(o.amount) filter (where s.outcome = 'open'), 0),
         coalesce(sum(o.amount * s.probability / 100.0) filter (where s.outcome = 'open'), 0)
    from offers o join offer_stages s on s.id = o.stage_id
   where o.owner_id in (select user_id from crm_outcome_scope())
     and (p_owner is null or o.owner_id = p_owner)
   group by o.owner_id
$$;

/* Won and lost per month (last 12, in p_time_zone) for the owners in scope (or only p_owner). */
create function crm_outcomes_by_month(p_owner uuid default null, p_time_zone text default 'Europe/Paris')
returns table (month text, won integer, lost integer, won_amount numeric)
language sql stable security definer set search_path = public as $$
  with months as (
    select to_char(m, 'YYYY-MM') as month
      from generate_series(date_trunc('month', now() at time zone p_time_zone - interval '11 months'), date_trunc('month', now() at time zone p_time_zone), interval '1 month') m
  ),
  closed as (
    select to_char(o.closed_at at time zone p_time_zone, 'YYYY-MM') as month, s.outcome, o.amount
      from offers o join offer_stages s on s.id = o.stage_id
     where s.outcome <> 'open' and o.closed_at is not null
       and o.owner_id in (select user_id from crm_outcome_scope())
       and (p_owner is null or o.owner_id = p_owner)
  )
  select months.month,
         count(c.outcome) filter (where c.outcome = 'won')::int,
         count(c.outcome) filter (where c.outcome = 'lost')::int,
         coalesce(sum(c.amount) filter (where c.outcome = 'won'), 0)
    from months left join closed c on c.month = months.month
   group by months.month order by months.month
$$;
