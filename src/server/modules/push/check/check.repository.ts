import type { Queryable } from '../../../db/client.js';

/** SQL of checks and acknowledgments (PUSH-2): `push_acks`, and the head of a rule. */

export type AckRow = { rule_id: string; rule_version: number; fingerprint: string; at: string };

/** The latest acknowledgment per rule version and fingerprint, since `since`. */
export async function findRecentAcks(
  tx: Queryable,
  input: { userId: string; ruleIds: string[]; fingerprints: string[]; since: Date },
): Promise<AckRow[]> {
  return tx.query<AckRow>(
    `select rule_id, rule_version, fingerprint, max(acknowledged_at) as at from push_acks
      where user_id = $1 and rule_id = any ($2::uuid[]) and fingerprint = any ($3::text[]) and acknowledged_at >= $4
      group by rule_id, rule_version, fingerprint`,
    [input.userId, input.ruleIds, input.fingerprints, input.since],
  );
}

export async function findRuleHead(
  tx: Queryable,
  ruleId: string,
): Promise<{ id: string; version: number; action: string } | undefined> {
  const [rule] = await tx.query<{ id: string; version: number; action: string }>(
    `select id, version, action from push_rules where id = $1`,
    [ruleId],
  );
  return rule;
}

export async function insertAck(
  tx: Queryable,
  input: {
    ruleId: string;
    ruleVersion: number;
    userId: string;
    action: string;
    fields: Record<string, unknown>;
    comment: string | null;
    at: Date;
    fingerprint: string;
  },
): Promise<{ id: string; acknowledged_at: string }> {
  const [row] = await tx.query<{ id: string; acknowledged_at: string }>(
    `insert into push_acks (rule_id, rule_version, user_id, action, fields, comment, acknowledged_at, fingerprint)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id, acknowledged_at`,
    [
      input.ruleId,
      input.ruleVersion,
      input.userId,
      input.action,
      JSON.stringify(input.fields),
      input.comment,
      input.at,
      input.fingerprint,
    ],
  );
  return row;
}

/** When the user last acknowledged each rule (any version, any values). */
export async function lastAckByRule(tx: Queryable, userId: string): Promise<Map<string, string>> {
  const rows = await tx.query<{ rule_id: string; at: string }>(
    `select rule_id, max(acknowledged_at) as at from push_acks where user_id = $1 group by rule_id`,
    [userId],
  );
  return new Map(rows.map((row) => [row.rule_id, row.at]));
}

export type RuleAckRow = { user_id: string; name: string; rule_version: number; acknowledged_at: string };

/** A page of a rule's acknowledgments, newest first (one more than `limit`), and how many there are. */
export async function findAcksOfRule(
  tx: Queryable,
  ruleId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: RuleAckRow[]; total: () => Promise<number> }> {
  const rows = await tx.query<RuleAckRow>(
    `select a.user_id, trim(u.first_name || ' ' || u.last_name) as name, a.rule_version, a.acknowledged_at
       from push_acks a join users u on u.id = a.user_id where a.rule_id = $1 order by a.acknowledged_at desc, a.id limit $2 offset $3`,
    [ruleId, page.limit + 1, page.offset],
  );
  const total = async () => {
    const [{ total }] = await tx.query<{ total: number }>(
      `select count(*)::int as total from push_acks where rule_id = $1`,
      [ruleId],
    );
    return total;
  };
  return { rows, total };
}
