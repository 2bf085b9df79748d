-- Issue 10.1: a send names an account, a contact and (maybe) a knowledge item; its row (address,
-- subject, ids) is seen only by someone who sees all three, so it is never more visible than the
-- most confidential of them. Each `exists` is evaluated under that table's own RLS.
drop policy relais_parent on knowledge_sends;
create policy relais_parent on knowledge_sends
  using (exists (select 1 from accounts a where a.id = account_id)
         and exists (select 1 from contacts c where c.id = contact_id)
         and (item_id is null or exists (select 1 from knowledge_items k where k.id = item_id)))
  with check (exists (select 1 from accounts a where a.id = account_id)
         and exists (select 1 from contacts c where c.id = contact_id)
         and (item_id is null or exists (select 1 from knowledge_items k where k.id = item_id)));

-- ID-5: an erased contact's sends forget its address and, in their subject, its names (the
-- patterns are escaped by the caller). Definer: sends the eraser may not see are cleaned too;
-- the caller must see the contact.
create function knowledge_forget_contact(p_contact uuid, p_patterns text[]) returns void
language plpgsql security definer set search_path = public as $$
declare
  pattern text;
begin
  if not exists (select 1 from contacts c where c.id = p_contact and relais_can_see('contact', c.id, c.visibility, c.owner_id, c.team_id)) then
    raise exception 'contact not visible' using errcode = 'insufficient_privilege';
  end if;
  update knowledge_sends set to_address = 'erased@invalid' where contact_id = p_contact;
  foreach pattern in array p_patterns loop
    update knowledge_sends set subject = regexp_replace(subject, '(^|[^[:alnum:]À-ÿ])' || pattern || '(?=[^[:alnum:]À-ÿ]|$)', '\1[contact effacé]', 'gi')
     where contact_id = p_contact;
  end loop;
end $$;
