import type { Queryable } from '../../../db/client.js';

export async function findUserName(tx: Queryable, userId: string): Promise<string | null> {
  const [row] = await tx.query<{ name: string }>(
    `select trim(first_name || ' ' || last_name) as name from users where id = $1`,
    [userId],
  );
  return row?.name ?? null;
}

export type AccountFactsRow = {
  open_offers: number;
  pipeline: number | string;
  won_12m: number | string;
  won_count: number;
  lost_count: number;
  last_activity_at: string | null;
  last_visit_at: string | null;
};

/** Counts and sums of an account's offers, and its latest activity and visit (as the reader sees them). */
export async function findAccountFacts(tx: Queryable, accountId: string): Promise<AccountFactsRow> {
  const [facts] = await tx.query<AccountFactsRow>(
    `select (select count(*) from offers o join offer_stages s on s.id = o.stage_id where o.account_id = $1 and s.outcome = 'open')::int as open_offers,
            (select coalesce(sum(o.amount), 0) from offers o join offer_stages s on s.id = o.stage_id where o.account_id = $1 and s.outcome = 'open') as pipeline,
            (select coalesce(sum(o.amount), 0) from offers o join offer_stages s on s.id = o.stage_id where o.account_id = $1 and s.outcome = 'won' and o.closed_at > now() - interval '12 months') as won_12m,
            (select count(*) from offers o join offer_stages s on s.id = o.stage_id where o.account_id = $1 and s.outcome = 'won')::int as won_count,
            (select count(*) from offers o join offer_stages s on s.id = o.stage_id where o.account_id = $1 and s.outcome = 'lost')::int as lost_count,
            (select max(occurred_at) from activities where account_id = $1 and kind <> 'task' and occurred_at <= now()) as last_activity_at,
            (select max(occurred_at) from activities where account_id = $1 and kind = 'visit' and occurred_at <= now()) as last_visit_at`,
    [accountId],
  );
  return facts;
}

export type BriefActivityRow = {
  id: string;
  kind: string;
  subject: string;
  occurred_at: string;
  report: { outcome?: string; nextSteps?: string } | null;
  body_md: string;
  visibility: string;
  owner_id: string;
  owner: string;
};

/** The account's five latest activities that took place (tasks aside). */
export async function findLastActivities(tx: Queryable, accountId: string): Promise<BriefActivityRow[]> {
  return tx.query<BriefActivityRow>(
    `select x.id, x.kind, x.subject, x.occurred_at, x.report, x.body_md, x.visibility, x.owner_id, trim(u.first_name || ' ' || u.last_name) as owner
       from activities x join users u on u.id = x.owner_id where x.account_id = $1 and x.kind <> 'task' and x.occurred_at <= now() order by x.occurred_at desc limit 5`,
    [accountId],
  );
}

export type BriefOfferRow = {
  id: string;
  title: string;
  amount: number | string;
  expected_close_date: string | null;
  visibility: string;
  owner_id: string;
  key: string;
  name_fr: string;
  name_en: string;
  probability: number | string;
};

/** The account's open offers, furthest stage and largest first. */
export async function findOpenOffers(tx: Queryable, accountId: string): Promise<BriefOfferRow[]> {
  return tx.query<BriefOfferRow>(
    `select o.id, o.title, o.amount, o.expected_close_date, o.visibility, o.owner_id, s.key, s.name_fr, s.name_en, s.probability
       from offers o join offer_stages s on s.id = o.stage_id where o.account_id = $1 and s.outcome = 'open' order by s.position desc, o.amount desc limit 10`,
    [accountId],
  );
}

export type BriefTaskRow = {
  id: string;
  subject: string;
  due_date: string | null;
  visibility: string;
  owner_id: string;
  owner: string;
};

export async function findOpenTasks(tx: Queryable, accountId: string): Promise<BriefTaskRow[]> {
  return tx.query<BriefTaskRow>(
    `select x.id, x.subject, x.due_date, x.visibility, x.owner_id, trim(u.first_name || ' ' || u.last_name) as owner from activities x join users u on u.id = x.owner_id
      where x.account_id = $1 and x.kind = 'task' and x.done_at is null order by x.due_date nulls last limit 10`,
    [accountId],
  );
}

export type BriefContactRow = {
  id: string;
  name: string;
  title: string | null;
  role: string | null;
  is_primary: boolean;
  phones: { number: string }[] | null;
  emails: { address: string }[] | null;
  visibility: string;
  owner_id: string;
};

/** The account's first five contacts (the primary one first), erased ones never. */
export async function findBriefContacts(tx: Queryable, accountId: string): Promise<BriefContactRow[]> {
  return tx.query<BriefContactRow>(
    `select c.id, trim(c.first_name || ' ' || c.last_name) as name, c.title, ac.role, ac.is_primary, c.phones, c.emails, c.visibility, c.owner_id
       from account_contacts ac join contacts c on c.id = ac.contact_id where ac.account_id = $1 and c.erased_at is null
      order by ac.is_primary desc, c.last_name limit 5`,
    [accountId],
  );
}

/** The products the account buys or is offered (offers not lost). */
export async function findAccountProductIds(tx: Queryable, accountId: string): Promise<string[]> {
  const rows = await tx.query<{ product_id: string }>(
    `select distinct l.product_id from offer_lines l join offers o on o.id = l.offer_id join offer_stages s on s.id = o.stage_id
      where o.account_id = $1 and s.outcome <> 'lost'`,
    [accountId],
  );
  return rows.map((row) => row.product_id);
}

/** Owners of the account's activities (that took place) and offers, the latest worked first. */
export async function findWorkedWith(tx: Queryable, accountId: string): Promise<string[]> {
  const rows = await tx.query<{ owner_id: string }>(
    `select owner_id from (select owner_id, occurred_at as at from activities where account_id = $1 and occurred_at <= now()
                           union all select owner_id, updated_at from offers where account_id = $1) w
      group by owner_id order by max(at) desc`,
    [accountId],
  );
  return rows.map((row) => row.owner_id);
}

export async function findTeamManager(tx: Queryable, teamId: string): Promise<string | null> {
  const [team] = await tx.query<{ manager_id: string | null }>(`select manager_id from teams where id = $1`, [
    teamId,
  ]);
  return team?.manager_id ?? null;
}

/** Names of the active users among `ids`. */
export async function findActiveUserNames(
  tx: Queryable,
  ids: string[],
): Promise<{ id: string; name: string }[]> {
  return tx.query<{ id: string; name: string }>(
    `select id, trim(first_name || ' ' || last_name) as name from users where id = any ($1::uuid[]) and active`,
    [ids],
  );
}
