import type { Queryable } from '../../../db/client.js';
import type { Condition } from './conditions.js';

/** SQL of rules (PUSH-2): `push_rules`, `push_rule_versions`, `push_rules_state`, `push_actions`. */

/** A rule as the index compiles it. */
export type RuleRow = {
  id: string;
  key: string;
  name: string;
  action: string;
  conditions: Condition;
  effective_from: string | null;
  effective_to: string | null;
  audience_team_ids: string[];
  audience_roles: string[];
  severity: 'info' | 'warning' | 'blocking';
  message_fr: string;
  message_en: string;
  knowledge_ids: string[];
  enabled: boolean;
  version: number;
};

/** A rule as stored, with its bookkeeping columns. */
export type StoredRuleRow = RuleRow & {
  created_by: string | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
};

/** The values written for a rule, in column order (see `insertRule` and `updateRule`). */
export type RuleColumns = [
  key: string | undefined,
  name: string,
  action: string,
  conditions: string,
  effectiveFrom: string | null,
  effectiveTo: string | null,
  teamIds: string[],
  roles: string[],
  severity: string,
  messageFr: string,
  messageEn: string,
  knowledgeIds: string[],
  enabled: boolean,
];

export async function findRuleKeys(
  tx: Queryable,
): Promise<{ id: string; key: string; conditions: Condition }[]> {
  return tx.query<{ id: string; key: string; conditions: Condition }>(
    `select id, key, conditions from push_rules`,
  );
}

export async function findOtherRuleKeys(
  tx: Queryable,
  id: string,
): Promise<{ key: string; conditions: Condition }[]> {
  return tx.query<{ key: string; conditions: Condition }>(
    `select key, conditions from push_rules where id <> $1`,
    [id],
  );
}

export async function findExistingTeamIds(tx: Queryable, teamIds: string[]): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(`select id from teams where id = any ($1::uuid[])`, [teamIds]);
  return rows.map((row) => row.id);
}

/** Bumps the rule set's version and tells every instance (and this one) through NOTIFY. */
export async function bumpRulesState(tx: Queryable): Promise<void> {
  const [row] = await tx.query<{ version: number }>(
    `update push_rules_state set version = version + 1 where id = 1 returning version`,
  );
  await tx.query(`select pg_notify('relais_push_rules', $1)`, [String(row.version)]);
}

/** The rule set's shared version (undefined before the state row exists). */
export async function readRulesVersion(tx: Queryable): Promise<number | undefined> {
  const [row] = await tx.query<{ version: number }>(`select version from push_rules_state where id = 1`);
  return row?.version;
}

export async function findAllRules(tx: Queryable): Promise<RuleRow[]> {
  return tx.query<RuleRow>(`select * from push_rules`);
}

/** Keeps the rule's current state as a version (its history). */
export async function insertRuleVersion(tx: Queryable, id: string, userId: string): Promise<void> {
  await tx.query(
    `insert into push_rule_versions (rule_id, version, snapshot, changed_by)
     select id, version, to_jsonb(r) - 'created_at', $2 from push_rules r where id = $1`,
    [id, userId],
  );
}

export async function countRules(tx: Queryable): Promise<number> {
  const [{ count }] = await tx.query<{ count: number }>(`select count(*)::int as count from push_rules`);
  return count;
}

export async function insertRule(tx: Queryable, columns: RuleColumns, userId: string): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into push_rules (key, name, action, conditions, effective_from, effective_to, audience_team_ids, audience_roles,
                             severity, message_fr, message_en, knowledge_ids, enabled, created_by, updated_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) returning id`,
    [...columns, userId],
  );
  return row.id;
}

export async function findRule(tx: Queryable, id: string): Promise<StoredRuleRow | undefined> {
  const [row] = await tx.query<StoredRuleRow>(`select * from push_rules where id = $1`, [id]);
  return row;
}

export async function updateRule(
  tx: Queryable,
  id: string,
  columns: RuleColumns,
  userId: string,
): Promise<void> {
  await tx.query(
    `update push_rules set key = $1, name = $2, action = $3, conditions = $4, effective_from = $5, effective_to = $6,
            audience_team_ids = $7, audience_roles = $8, severity = $9, message_fr = $10, message_en = $11,
            knowledge_ids = $12, enabled = $13, version = version + 1, updated_by = $14, updated_at = now()
      where id = $15`,
    [...columns, userId, id],
  );
}

export async function deleteRuleRow(tx: Queryable, id: string): Promise<void> {
  await tx.query(`delete from push_rules where id = $1`, [id]);
}

export type RuleFilter = {
  action: string | null;
  enabled: boolean | null;
  severity: string | null;
  q: string | null;
  scope: 'app' | 'other' | null;
  /** Actions checked inside Relais (the others are other applications'). */
  inApp: string[];
  appOnly: boolean;
};

/** A page of rules (one more than `limit`) and how many match. `order` is a checked ORDER BY. */
export async function findRulesPage(
  tx: Queryable,
  filter: RuleFilter,
  page: { order: string; limit: number; offset: number },
): Promise<{ rows: StoredRuleRow[]; total: number }> {
  const where = `($1::text is null or action = $1) and ($2::boolean is null or enabled = $2) and ($3::text is null or severity = $3)
                 and ($4::text is null or name ilike '%' || $4 || '%' or key ilike '%' || $4 || '%')
                 and ($5::text is null or ($5 = 'app') = (action = any ($6::text[]))) and (not $7 or action = any ($6::text[]))`;
  const params = [
    filter.action,
    filter.enabled,
    filter.severity,
    filter.q,
    filter.scope,
    filter.inApp,
    filter.appOnly,
  ];
  const rows = await tx.query<StoredRuleRow>(
    `select * from push_rules where ${where} ${page.order} limit ${page.limit + 1} offset ${page.offset}`,
    params,
  );
  const [{ total }] = await tx.query<{ total: number }>(
    `select count(*)::int as total from push_rules where ${where}`,
    params,
  );
  return { rows, total };
}

export type RuleVersionRow = {
  version: number;
  changed_at: string;
  changed_by: string | null;
  snapshot: StoredRuleRow;
};

export async function findRuleVersions(tx: Queryable, ruleId: string): Promise<RuleVersionRow[]> {
  return tx.query<RuleVersionRow>(
    `select v.version, v.changed_at, trim(u.first_name || ' ' || u.last_name) as changed_by, v.snapshot
       from push_rule_versions v left join users u on u.id = v.changed_by where v.rule_id = $1 order by v.version desc`,
    [ruleId],
  );
}
