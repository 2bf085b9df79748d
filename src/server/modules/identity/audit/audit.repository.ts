import type { Queryable } from '../../../db/client.js';

export type AuditFilters = {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
};

export type AuditRow = {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  names: Record<string, string>;
};

type AuditDbRow = {
  id: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  target_name: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function whereClause(filters: AuditFilters) {
  const where: string[] = [];
  const params: unknown[] = [];
  // `action` accepts a prefix ending in '*' (e.g. auth.*).
  if (filters.action)
    where.push(
      filters.action.endsWith('*')
        ? `a.action like $${params.push(filters.action.slice(0, -1) + '%')}`
        : `a.action = $${params.push(filters.action)}`,
    );
  if (filters.actorId) where.push(`a.actor_id = $${params.push(filters.actorId)}`);
  if (filters.targetType) where.push(`a.target_type = $${params.push(filters.targetType)}`);
  if (filters.targetId) where.push(`a.target_id = $${params.push(filters.targetId)}`);
  if (filters.from) where.push(`a.at >= $${params.push(filters.from)}::timestamptz`);
  if (filters.to) where.push(`a.at <= $${params.push(filters.to)}::timestamptz`);
  return { clause: where.length ? `where ${where.join(' and ')}` : '', params };
}

/**
 * A page of the audit log, newest first, with the names a reader needs instead of ids: the
 * actor's, the target's (a person or a team; deleted records keep the name their entry noted),
 * and those of the people and teams the details mention.
 */
export async function listAuditEntries(tx: Queryable, filters: AuditFilters, limit: number, offset: number) {
  const { clause, params } = whereClause(filters);
  const rows = await tx.query<AuditDbRow>(
    `select a.*, trim(u.first_name || ' ' || u.last_name) as actor_name,
            case a.target_type
              when 'user' then (select trim(t.first_name || ' ' || t.last_name) from users t where t.id::text = a.target_id)
              when 'team' then (select t.name from teams t where t.id::text = a.target_id)
            end as target_name
       from audit_log a left join users u on u.id = a.actor_id
      ${clause} order by a.at desc, a.id desc limit ${limit + 1} offset ${offset}`,
    params,
  );
  const [{ count }] = await tx.query<{ count: number }>(
    `select count(*)::int as count from audit_log a ${clause}`,
    params,
  );
  const names = await namesOf(
    tx,
    rows.flatMap((row) =>
      Object.values(row.details ?? {}).filter(
        (value): value is string => typeof value === 'string' && UUID.test(value),
      ),
    ),
  );
  const items: AuditRow[] = rows.map((row) => {
    const details: Record<string, unknown> = row.details ?? {};
    const noted =
      typeof details.name === 'string'
        ? details.name
        : typeof details.title === 'string'
          ? details.title
          : null;
    const mentioned = Object.values(details).filter(
      (value): value is string => typeof value === 'string' && names.has(value),
    );
    return {
      id: row.id,
      at: row.at,
      actorId: row.actor_id,
      actorName: row.actor_name || null,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      targetName: row.target_name || noted,
      ip: row.ip,
      details,
      names: Object.fromEntries(mentioned.map((id) => [id, names.get(id)!])),
    };
  });
  return { items, count };
}

async function namesOf(tx: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const unique = [...new Set(ids)];
  const rows = await tx.query<{ id: string; name: string }>(
    `select id::text as id, trim(first_name || ' ' || last_name) as name from users where id::text = any($1)
     union all select id::text, name from teams where id::text = any($1)`,
    [unique],
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}
