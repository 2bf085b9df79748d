-- Community (04xx): spaces where staff discuss and share. A space is a record under ID-3 like
-- any other (public to all staff, team, restricted or secret to its owner and the users or
-- teams granted access, who are its members), so row-level security decides who sees it.
create table spaces (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 120),
  description text not null default '' check (length(description) <= 2000),
  owner_id uuid not null references users (id),
  team_id uuid references teams (id),
  visibility text not null default 'team',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
select relais_protect_table('spaces', 'space');
create index spaces_owner on spaces (owner_id);
create index spaces_team on spaces (team_id);
