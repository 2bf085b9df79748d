import type { Queryable } from '../../../db/client.js';

/**
 * SQL of push's demo data: `push_actions`, `push_rules`, `push_rule_versions`, `push_rules_state`,
 * `broadcasts`, `broadcast_recipients`, `notifications`, `change_plans`, `change_actions`; reads
 * `users` and `teams` to name authors, owners and a region. Runs as the connecting role (no RLS).
 */

/** The values written for a demo rule, in column order (see `insertDemoRule`). */
export type DemoRuleColumns = [
  key: string,
  name: string,
  action: string,
  conditions: string,
  effectiveFrom: string | null,
  effectiveTo: string | null,
  roles: string[],
  severity: string,
  messageFr: string,
  messageEn: string,
  authorId: string | null,
];

/** The values written for a demo broadcast, in column order (see `insertDemoBroadcast`). */
export type DemoBroadcastColumns = [
  title: string,
  bodyMd: string,
  audience: string,
  requiresAck: boolean,
  ackDue: string | null,
  scheduleKind: 'now' | 'season',
  seasonFrom: string | null,
  seasonTo: string | null,
  authorId: string | null,
  /** Written this many days ago. */
  daysAgo: number,
];

/** The values written for a demo plan action, in column order (see `insertDemoAction`). */
export type DemoActionColumns = [
  planId: string,
  means: string,
  fn: string,
  ownerId: string | null,
  /** Due this many days from today (negative: in the past). */
  dueIn: number,
  status: string,
  linkType: 'broadcast' | null,
  linkId: string | null,
  position: number,
];

export async function findUserIdByEmail(tx: Queryable, email: string): Promise<string | undefined> {
  const [row] = await tx.query<{ id: string }>(`select id from users where email = $1`, [email]);
  return row?.id;
}

export async function findUsersByEmail(
  tx: Queryable,
  emails: string[],
): Promise<{ id: string; email: string }[]> {
  return tx.query<{ id: string; email: string }>(
    `select id, email from users where email = any ($1::text[])`,
    [emails],
  );
}

/** The first region whose name starts with `prefix`. */
export async function findRegionId(tx: Queryable, prefix: string): Promise<string | undefined> {
  const [row] = await tx.query<{ id: string }>(
    `select id from teams where kind = 'region' and name like $1::text || '%' limit 1`,
    [prefix],
  );
  return row?.id;
}

/** An example action of another application (labelled as such, never a rep's). */
export async function insertExampleAction(
  tx: Queryable,
  action: { name: string; label: string; fields: unknown },
): Promise<void> {
  await tx.query(
    `insert into push_actions (name, label, fields, example) values ($1, $2, $3, true) on conflict (name) do nothing`,
    [action.name, action.label, JSON.stringify(action.fields)],
  );
}

/** Inserts a rule unless its key exists; returns its id when it was inserted. */
export async function insertDemoRule(tx: Queryable, columns: DemoRuleColumns): Promise<string | undefined> {
  const [row] = await tx.query<{ id: string }>(
    `insert into push_rules (key, name, action, conditions, effective_from, effective_to, audience_roles, severity, message_fr, message_en, created_by, updated_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) on conflict (key) do nothing returning id`,
    columns,
  );
  return row?.id;
}

/** Version 1 of a rule: a snapshot of it as inserted. */
export async function insertFirstRuleVersion(
  tx: Queryable,
  ruleId: string,
  authorId: string | null,
): Promise<void> {
  await tx.query(
    `insert into push_rule_versions (rule_id, version, snapshot, changed_by) select id, 1, to_jsonb(r), $2 from push_rules r where id = $1`,
    [ruleId, authorId],
  );
}

/** Tells every instance's rule index that the rules changed. */
export async function bumpRulesVersion(tx: Queryable): Promise<void> {
  await tx.query(`update push_rules_state set version = version + 1 where id = 1`);
}

export async function insertDemoBroadcast(tx: Queryable, columns: DemoBroadcastColumns): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into broadcasts (title, body_md, audience, requires_ack, ack_due, schedule_kind, season_from, season_to, author_id, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, now() - make_interval(days => $10)) returning id`,
    columns,
  );
  return row.id;
}

/**
 * About half the recipients have read, a third acknowledged (except the fixed demo users: theirs
 * is to try); nobody acknowledged a broadcast that does not ask for it; notifications follow.
 */
export async function spreadDemoReceipts(tx: Queryable): Promise<void> {
  await tx.query(
    `update broadcast_recipients r set read_at = now() - interval '2 days', acked_at = case when random() < 0.6 then now() - interval '1 day' end
      where random() < 0.5 and not exists (select 1 from users u where u.id = r.user_id and u.email like '%@relais.demo')`,
  );
  await tx.query(
    `update broadcast_recipients set acked_at = null from broadcasts b where b.id = broadcast_id and not b.requires_ack`,
  );
  await tx.query(
    `update notifications n set read_at = r.read_at, acknowledged_at = r.acked_at from broadcast_recipients r where r.notification_id = n.id`,
  );
}

/** A plan that started 20 days ago and ends in 70 days. */
export async function insertDemoPlan(
  tx: Queryable,
  plan: { title: string; description: string; ownerId: string | null },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into change_plans (title, description_md, starts_on, ends_on, owner_id) values ($1, $2, current_date - 20, current_date + 70, $3) returning id`,
    [plan.title, plan.description, plan.ownerId],
  );
  return row.id;
}

export async function insertDemoAction(tx: Queryable, columns: DemoActionColumns): Promise<void> {
  await tx.query(
    `insert into change_actions (plan_id, means, function, owner_id, due_on, status, link_type, link_id, position) values ($1, $2, $3, $4, current_date + $5::int, $6, $7, $8, $9)`,
    columns,
  );
}
