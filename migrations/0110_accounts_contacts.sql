-- Accounts & contacts (CRM-1, CRM-2, ID-5): contact custom fields, import jobs, merge and erase helpers.

alter table contacts add column custom_fields jsonb not null default '{}';
create index contacts_team on contacts (team_id);
create index accounts_segment on accounts (segment);
create index accounts_kind on accounts (kind);

-- One CSV import (CRM-2): its result stays readable by the person who ran it.
create table contact_imports (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  mode text not null check (mode in ('all_or_nothing', 'skip_invalid')),
  status text not null check (status in ('running', 'done', 'failed')),
  total integer not null default 0,
  processed integer not null default 0,
  created integer not null default 0,
  skipped integer not null default 0,
  errors jsonb not null default '[]',
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
alter table contact_imports enable row level security;
create policy own_imports on contact_imports using (user_id = relais_user_id()) with check (user_id = relais_user_id());

/* Merges account p_other into p_keep: every row that references p_other (whatever module owns
   the table, including rows the caller may not see) moves to p_keep, then p_other is deleted.
   Runs as the definer so nothing is lost to RLS; it first checks, under the caller's settings,
   that the caller can see both accounts. A row that would duplicate one of p_keep is dropped. */
create function relais_merge_accounts(p_keep uuid, p_other uuid) returns void
language plpgsql security definer set search_path = public as $$
declare
  ref record;
  target record;
begin
  if not exists (select 1 from accounts a where a.id = p_keep and relais_can_see('account', a.id, a.visibility, a.owner_id, a.team_id))
     or not exists (select 1 from accounts a where a.id = p_other and relais_can_see('account', a.id, a.visibility, a.owner_id, a.team_id)) then
    raise exception 'account not visible' using errcode = 'insufficient_privilege';
  end if;
  for ref in
    select c.conrelid::regclass as tbl, a.attname as col
      from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
     where c.contype = 'f' and c.confrelid = 'accounts'::regclass and array_length(c.conkey, 1) = 1
       and not (c.conrelid = 'accounts'::regclass)
  loop
    begin
      execute format('update %s set %I = $1 where %I = $2', ref.tbl, ref.col, ref.col) using p_keep, p_other;
    exception when unique_violation then
      for target in execute format('select ctid from %s where %I = $1', ref.tbl, ref.col) using p_other loop
        begin
          execute format('update %s set %I = $1 where ctid = $2', ref.tbl, ref.col) using p_keep, target.ctid;
        exception when unique_violation then
          execute format('delete from %s where ctid = $1', ref.tbl) using target.ctid;
        end;
      end loop;
    end;
  end loop;
  update documents set parent_id = p_keep where parent_type = 'account' and parent_id = p_other;
  insert into record_grants (record_type, record_id, user_id, team_id, granted_by, created_at)
    select record_type, p_keep, user_id, team_id, granted_by, created_at from record_grants
     where record_type = 'account' and record_id = p_other
    on conflict do nothing;
  delete from record_grants where record_type = 'account' and record_id = p_other;
  update accounts set merged_into_id = p_keep where merged_into_id = p_other;
  delete from accounts where id = p_other;
end $$;

/* GDPR erase (ID-5): removes the contact's names from the subjects and bodies of the activities
   linked to it (all of them, visible to the caller or not), unlinks them, and forgets the
   addresses of e-mails sent to it. The caller must see the contact. */
create function relais_erase_contact(p_contact uuid, p_patterns text[], p_addresses text[]) returns integer
language plpgsql security definer set search_path = public as $$
declare
  pattern text;
  touched integer;
begin
  if not exists (select 1 from contacts c where c.id = p_contact and relais_can_see('contact', c.id, c.visibility, c.owner_id, c.team_id)) then
    raise exception 'contact not visible' using errcode = 'insufficient_privilege';
  end if;
  select count(*) into touched from activity_contacts where contact_id = p_contact;
  -- p_patterns are regular expressions already escaped by the caller (longest first).
  foreach pattern in array p_patterns loop
    update activities x
       set subject = regexp_replace(subject, '(^|[^[:alnum:]À-ÿ])' || pattern || '(?=[^[:alnum:]À-ÿ]|$)', '\1[contact effacé]', 'gi'),
           body_md = regexp_replace(body_md, '(^|[^[:alnum:]À-ÿ])' || pattern || '(?=[^[:alnum:]À-ÿ]|$)', '\1[contact effacé]', 'gi'),
           updated_at = now()
     where x.id in (select activity_id from activity_contacts where contact_id = p_contact);
  end loop;
  delete from activity_contacts where contact_id = p_contact;
  update mail_messages set to_address = 'erased@invalid', subject = '[effacé]', text_body = '', html_body = null
   where (related_type = 'contact' and related_id = p_contact) or lower(to_address) = any (p_addresses);
  return touched;
end $$;
