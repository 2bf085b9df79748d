-- Scale (issue 12): accounts and contacts match a text by word similarity, as offers do (0173).

/* `name % query` compares the whole name with the text: against a six-letter word most names
   share a few common trigrams, and the trigram index handed over thousands of candidates for a
   recheck (each one unaccented again) that accepted few: 3,578 accounts and 10,027 contacts for
   "dupont", 74 and 150 ms per call. A name now matches when one of its words resembles the text
   (`%>`, word similarity: "dupond" still finds "Dupont", a full name with a typo still finds
   its contact), which the same trigram indexes serve with about as many candidates as matches
   (14 and 32 ms, the same 544 accounts and 776 contacts for "dupont"). The rest of both
   functions is 0171's, word for word: the same visibility rule, ids only. */
create or replace function crm_account_matches(p_query text, p_siret boolean) returns table (id uuid)
language sql stable security definer set search_path = public as $$
  select a.id from accounts a
   where (relais_unaccent(lower(a.name)) like '%' || relais_unaccent(lower(p_query)) || '%'
          or relais_unaccent(lower(a.name)) %> relais_unaccent(lower(p_query))
          or relais_unaccent(lower(coalesce(a.city, ''))) = relais_unaccent(lower(p_query))
          or a.siren = replace(p_query, ' ', '')
          or (p_siret and a.siret = replace(p_query, ' ', '')))
     and relais_can_see('account', a.id, a.visibility, a.owner_id, a.team_id)
$$;

create or replace function crm_contact_matches(p_query text) returns table (id uuid)
language sql stable security definer set search_path = public as $$
  select c.id from contacts c
   where c.erased_at is null
     and (relais_unaccent(lower(c.first_name || ' ' || c.last_name)) like '%' || relais_unaccent(lower(p_query)) || '%'
          or relais_unaccent(lower(c.first_name || ' ' || c.last_name)) %> relais_unaccent(lower(p_query))
          or (relais_contact_addresses(c.emails) like '%' || lower(p_query) || '%'
              and exists (select 1 from jsonb_array_elements(c.emails) e where e ->> 'address' like '%' || lower(p_query) || '%')))
     and relais_can_see('contact', c.id, c.visibility, c.owner_id, c.team_id)
$$;
