-- Scale (issue 12), continued: the dashboard, the team results and Ctrl+K at 1M activities and
-- 300k offers (measured with EXPLAIN (ANALYZE, BUFFERS) as relais_app on the bench base).

/* My day (dashboard): a day's visits and calls of one owner. The activities list filters on
   coalesce(due_date::timestamptz, occurred_at), which no index can hold (a date's instant depends
   on the session's time zone): the owner's 14k visits and calls were all read and judged. The
   repository now adds bounds an index can serve (a due date between the two days, or no due date
   and occurred_at in the range); this index serves the second, activities_owner_kind the first. */
create index activities_owner_kind_occurred on activities (owner_id, kind, occurred_at) where due_date is null;

-- My open tasks by due date (dashboard, agenda): a walk of the index in the list's order.
create index activities_open_tasks on activities (owner_id, due_date, id) where kind = 'task' and done_at is null;

/* Team results (0160). `(p_owner is null or o.owner_id = p_owner)` and an IN over a function
   kept any index off: every call read every offer of the scope from the table (a rep's 8.6k
   offers, a manager's 109k, scattered over the whole table). The scope is now an array the
   index is probed with, and the covering index answers from itself (no table page read); by
   month reads only the offers closed in the 12 months shown (a range on its second column). */
create index offers_owner_outcomes on offers (owner_id, closed_at) include (stage_id, amount);

create or replace function crm_outcomes_by_owner(p_owner uuid default null)
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
   where o.owner_id = any (array(select sc.user_id from crm_outcome_scope() sc where p_owner is null or sc.user_id = p_owner))
   group by o.owner_id
$$;

-- Same months as before; offers closed before the first of them never reached a month anyway.
create or replace function crm_outcomes_by_month(p_owner uuid default null, p_time_zone text default 'Europe/Paris')
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
       and o.closed_at >= date_trunc('month', now() at time zone p_time_zone - interval '11 months') at time zone p_time_zone
       and o.owner_id = any (array(select sc.user_id from crm_outcome_scope() sc where p_owner is null or sc.user_id = p_owner))
  )
  select months.month,
         count(c.outcome) filter (where c.outcome = 'won')::int,
         count(c.outcome) filter (where c.outcome = 'lost')::int,
         coalesce(sum(c.amount) filter (where c.outcome = 'won'), 0)
    from months left join closed c on c.month = months.month
   group by months.month order by months.month
$$;

/* Ctrl+K over offers. `title % query` (similarity of the whole title) suits a name, not a title
   of forty characters: a six-letter word shares a few common trigrams (" du", "on ") with tens
   of thousands of titles, which the index hands over for a recheck that accepts almost none
   (48,591 candidates, one match, 1.2 s for "dupont"). A title now matches when one of its words
   resembles the text (`%>`, word similarity: typos still found, "dupond" finds "Dupont"), which
   the same trigram index serves (4,246 candidates for 1,166 matches). An offer also needs its
   account visible (the policy relais_account_gate): checked here too, so that the best
   `p_limit` ids returned are the ones the caller will see. Scored here, best first, so the
   caller reads `p_limit` rows under row-level security instead of every match. */
drop function crm_offer_matches(text);
create function crm_offer_matches(p_query text, p_limit integer) returns table (id uuid, score real)
language sql stable security definer set search_path = public rows 20 as $$
  with q as (select relais_unaccent(lower(p_query)) as text),
  hits as (
    select o.id, o.title, o.account_id, o.visibility, o.owner_id, o.team_id
      from offers o, q
     where relais_unaccent(lower(o.title)) like '%' || q.text || '%' or relais_unaccent(lower(o.title)) %> q.text
    union
    select o.id, o.title, o.account_id, o.visibility, o.owner_id, o.team_id
      from q, accounts a join offers o on o.account_id = a.id
     where relais_unaccent(lower(a.name)) like '%' || q.text || '%'
  )
  select h.id,
         greatest(similarity(relais_unaccent(lower(h.title)), q.text), similarity(relais_unaccent(lower(a.name)), q.text) * 0.8)::real as score
    from hits h join accounts a on a.id = h.account_id, q
   where relais_can_see('offer', h.id, h.visibility, h.owner_id, h.team_id)
     and relais_can_see('account', a.id, a.visibility, a.owner_id, a.team_id)
   order by score desc, h.id
   limit p_limit
$$;
