-- Sales half of the CRM (products, offers, activities, documents, calendar).

-- Offers and activities never outlive the visibility of their account: even a `team` offer on a
-- secret account stays hidden from whoever cannot see the account (ID-3, defence in depth).
create policy relais_account_gate on offers as restrictive for all
  using (exists (select 1 from accounts a where a.id = account_id));
create policy relais_account_gate on activities as restrictive for all
  using (account_id is null or exists (select 1 from accounts a where a.id = account_id));

-- Lost offers may name the competitor and reason; stage history keeps them too.
alter table offer_stage_history add column reason text;
alter table offer_stage_history add column competitor text;

create index activities_owner_kind on activities (owner_id, kind, due_date);
create index offers_stage on offers (stage_id, closed_at);
