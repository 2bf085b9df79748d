-- Scale (issue 12): Ctrl+K's contacts are scored and cut to the page in the database, as offers (0173).

/* The contacts provider read every match under row-level security and scored each one (776
   contacts for "dupont", two unaccented names apiece) to show the best 21. This definer function
   finds them as crm_contact_matches (0174) does, with the same visibility rule, and returns the
   best `p_limit` ids with the provider's own score (the name resembles the text, contains it:
   0.7, or an address is the text: 1); the caller reads those rows under RLS as before. */
create function crm_contact_search(p_query text, p_limit integer) returns table (id uuid, score real)
language sql stable security definer set search_path = public rows 20 as $$
  with q as (select relais_unaccent(lower(p_query)) as text, lower(p_query) as raw),
  hits as (
    select c.id, c.last_name, c.emails, relais_unaccent(lower(c.first_name || ' ' || c.last_name)) as name
      from contacts c, q
     where c.erased_at is null
       and (relais_unaccent(lower(c.first_name || ' ' || c.last_name)) like '%' || q.text || '%'
            or relais_unaccent(lower(c.first_name || ' ' || c.last_name)) %> q.text
            or (relais_contact_addresses(c.emails) like '%' || q.raw || '%'
                and exists (select 1 from jsonb_array_elements(c.emails) e where e ->> 'address' like '%' || q.raw || '%')))
       and relais_can_see('contact', c.id, c.visibility, c.owner_id, c.team_id)
  )
  select h.id,
         greatest(similarity(h.name, q.text),
                  case when h.name like '%' || q.text || '%' then 0.7 else 0 end,
                  case when exists (select 1 from jsonb_array_elements(h.emails) e where e ->> 'address' = q.raw) then 1 else 0 end)::real as score
    from hits h, q
   order by score desc, h.last_name, h.id
   limit p_limit
$$;
