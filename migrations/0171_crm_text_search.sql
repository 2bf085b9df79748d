-- Scale (issue 12): text search over accounts, contacts and offers through their indexes.

/* Under RLS a non-leakproof operator (LIKE, pg_trgm's %) cannot use an index: every search read
   and judged every row (100k accounts, 250k contacts, 300k offers per Ctrl+K). As for the
   knowledge search (0200), these definer functions read the table directly, through the trigram
   and equality indexes, and apply the very same rule, relais_can_see, explicitly. They return
   ids only: the callers select the rows under RLS as before, so what a caller sees is decided by
   the policies exactly as it was. */

-- Accounts whose name contains or resembles the text, or whose city, SIREN (or SIRET) is it.
create function crm_account_matches(p_query text, p_siret boolean) returns table (id uuid)
language sql stable security definer set search_path = public as $$
  select a.id from accounts a
   where (relais_unaccent(lower(a.name)) like '%' || relais_unaccent(lower(p_query)) || '%'
          or relais_unaccent(lower(a.name)) % relais_unaccent(lower(p_query))
          or relais_unaccent(lower(coalesce(a.city, ''))) = relais_unaccent(lower(p_query))
          or a.siren = replace(p_query, ' ', '')
          or (p_siret and a.siret = replace(p_query, ' ', '')))
     and relais_can_see('account', a.id, a.visibility, a.owner_id, a.team_id)
$$;
create index accounts_city_text on accounts (relais_unaccent(lower(coalesce(city, ''))));
create index accounts_siren on accounts (siren) where siren is not null;
create index accounts_siret on accounts (siret) where siret is not null;

/* Contacts whose name contains or resembles the text, or one of whose e-mail addresses
   contains it. The addresses, joined, are indexed as one text: a necessary condition the index
   answers, the exact one (one address contains the text) is checked on what it finds. */
create function relais_contact_addresses(p_emails jsonb) returns text
language sql immutable parallel safe as $$
  select coalesce(string_agg(e ->> 'address', ' '), '') from jsonb_array_elements(coalesce(p_emails, '[]')) e
$$;
create index contacts_addresses_trgm on contacts using gin (relais_contact_addresses(emails) gin_trgm_ops);

create function crm_contact_matches(p_query text) returns table (id uuid)
language sql stable security definer set search_path = public as $$
  select c.id from contacts c
   where c.erased_at is null
     and (relais_unaccent(lower(c.first_name || ' ' || c.last_name)) like '%' || relais_unaccent(lower(p_query)) || '%'
          or relais_unaccent(lower(c.first_name || ' ' || c.last_name)) % relais_unaccent(lower(p_query))
          or (relais_contact_addresses(c.emails) like '%' || lower(p_query) || '%'
              and exists (select 1 from jsonb_array_elements(c.emails) e where e ->> 'address' like '%' || lower(p_query) || '%')))
     and relais_can_see('contact', c.id, c.visibility, c.owner_id, c.team_id)
$$;

-- Offers whose title contains or resembles the text, or whose account's name contains it.
create function crm_offer_matches(p_query text) returns table (id uuid)
language sql stable security definer set search_path = public as $$
  select o.id from offers o
   where (relais_unaccent(lower(o.title)) like '%' || relais_unaccent(lower(p_query)) || '%'
          or relais_unaccent(lower(o.title)) % relais_unaccent(lower(p_query)))
     and relais_can_see('offer', o.id, o.visibility, o.owner_id, o.team_id)
  union
  select o.id from accounts a join offers o on o.account_id = a.id
   where relais_unaccent(lower(a.name)) like '%' || relais_unaccent(lower(p_query)) || '%'
     and relais_can_see('account', a.id, a.visibility, a.owner_id, a.team_id)
     and relais_can_see('offer', o.id, o.visibility, o.owner_id, o.team_id)
$$;
