-- Synonyms of the knowledge search (KB-3 item 4): groups of terms the experts declare equivalent
-- (lave-vaisselle ↔ dishwasher, devis ↔ quotation ↔ offre), used at query time so a query in
-- one language finds items written in the other.
--
-- Not records of anyone: no visibility, readable by everyone (the routes need a signed-in
-- user), written by experts and admins only (relais.role, as for validation).

create table knowledge_synonym_groups (
  id uuid primary key default gen_random_uuid(),
  -- as the expert typed them ("Lave-vaisselle", "devis")
  terms text[] not null check (cardinality(terms) between 2 and 20),
  -- each term folded: lower case, accents stripped, its words separated by one space
  -- ("lave vaisselle"); what query words are compared with
  folded text[] not null check (cardinality(folded) = cardinality(terms)),
  -- every word of every term, singular: the index that finds the groups of a query's words
  words text[] not null,
  created_by uuid references users (id) on delete set null,
  updated_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index knowledge_synonym_groups_words on knowledge_synonym_groups using gin (words);
create index knowledge_synonym_groups_updated on knowledge_synonym_groups (updated_at desc, id);

alter table knowledge_synonym_groups enable row level security;
create policy relais_read on knowledge_synonym_groups for select using (true);
create policy relais_insert on knowledge_synonym_groups for insert with check (relais_is_knowledge_expert());
create policy relais_update on knowledge_synonym_groups for update using (relais_is_knowledge_expert())
  with check (relais_is_knowledge_expert());
create policy relais_delete on knowledge_synonym_groups for delete using (relais_is_knowledge_expert());
