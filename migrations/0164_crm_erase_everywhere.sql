-- ID-5 (issue 9.A12): an erasure also reaches what the platform kept about the contact — the
-- changes carried by its events (outbox) and the values written in the audit log (an export's
-- search words). Same signature as 0110: p_patterns are escaped regular expressions (names,
-- addresses, phones), longest first. Other modules forget their own copies through the CRM's
-- erasure hooks (knowledge: the sends log).
create or replace function relais_erase_contact(p_contact uuid, p_patterns text[], p_addresses text[]) returns integer
language plpgsql security definer set search_path = public as $$
declare
  pattern text;
  touched integer;
  bounded text;
begin
  if not exists (select 1 from contacts c where c.id = p_contact and relais_can_see('contact', c.id, c.visibility, c.owner_id, c.team_id)) then
    raise exception 'contact not visible' using errcode = 'insufficient_privilege';
  end if;
  select count(*) into touched from activity_contacts where contact_id = p_contact;
  foreach pattern in array p_patterns loop
    bounded := '(^|[^[:alnum:]À-ÿ])' || pattern || '(?=[^[:alnum:]À-ÿ]|$)';
    update activities x
       set subject = regexp_replace(subject, bounded, '\1[contact effacé]', 'gi'),
           body_md = regexp_replace(body_md, bounded, '\1[contact effacé]', 'gi'),
           updated_at = now()
     where x.id in (select activity_id from activity_contacts where contact_id = p_contact);
    -- The replacement holds no quote or backslash, so the JSON stays valid.
    update outbox_events set payload = regexp_replace(payload::text, bounded, '\1[contact effacé]', 'gi')::jsonb
     where payload::text ~* bounded;
    update audit_log set details = regexp_replace(details::text, bounded, '\1[contact effacé]', 'gi')::jsonb
     where details::text ~* bounded;
  end loop;
  -- The contact's own change events keep which fields changed, not their values.
  update outbox_events set payload = payload - 'changes' || jsonb_build_object('changes', (select coalesce(jsonb_object_agg(key, '{}'::jsonb), '{}'::jsonb) from jsonb_object_keys(coalesce(payload -> 'changes', '{}'::jsonb)) key))
   where payload ->> 'contactId' = p_contact::text and payload ? 'changes';
  delete from activity_contacts where contact_id = p_contact;
  update mail_messages set to_address = 'erased@invalid', subject = '[effacé]', text_body = '', html_body = null
   where (related_type = 'contact' and related_id = p_contact) or lower(to_address) = any (p_addresses);
  return touched;
end $$;
