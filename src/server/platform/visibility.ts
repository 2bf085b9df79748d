import { z } from 'zod';
import { VISIBILITIES } from '../../common/roles.js';
import type { RelaisApp } from './http/relais-app.js';
import { actAs, actAsSystem, loadActor, type Actor } from '../db/access.js';
import type { Queryable } from '../db/client.js';
import { writeAudit } from './audit.js';
import { hasSecretReadCollector, noteSecretRows } from './secret-reads.js';
import type { Ctx } from './context.js';
import { conflict, forbidden, notFound, validationError } from './errors.js';
import { pageArray, pageSchema, pagingSchema } from './list-query.js';

/**
 * The reusable side of ID-3 for any table protected with `relais_protect_table` (columns
 * id, visibility, owner_id, team_id): schema, grant routes, secret-read audit, and checks
 * made on another user's behalf (for notifications).
 */
export const visibilitySchema = z.enum(VISIBILITIES);

export type ProtectedRecord = { id: string; visibility: string; ownerId?: string | null };

/** Writes the audit entry that every read of a secret record requires (ID-3, ID-4). */
export async function auditSecretRead(
  ctx: Ctx,
  recordType: string,
  record: ProtectedRecord,
  how = 'get',
): Promise<void> {
  if (record.visibility !== 'secret') return;
  // Within a request: one entry per record and request, written when the request's work is done.
  if (hasSecretReadCollector()) return noteSecretRows(recordType, [record], how);
  await writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action: 'record.secret_read',
    targetType: recordType,
    targetId: record.id,
    ip: ctx.ip,
    details: { how },
  });
}

const RANK: Record<string, number> = { public: 0, team: 1, restricted: 2, secret: 3 };

/**
 * The visibility of a record made from others (the e-mail activity of an item sent to a
 * contact): never more visible than the most confidential of them. `team` (of `teamId`, the
 * new record's team) holds only when every team-visible source is of that team too; otherwise
 * only the owner and grantees may see it (`restricted`). All public gives `team`, the default
 * of records written by a person.
 */
export function mostConfidential(
  sources: { visibility: string; teamId: string | null }[],
  teamId: string | null,
): (typeof VISIBILITIES)[number] {
  const top = Math.max(1, ...sources.map((source) => RANK[source.visibility] ?? RANK.secret));
  if (top === RANK.team)
    return sources.every((source) => source.visibility !== 'team' || source.teamId === teamId)
      ? 'team'
      : 'restricted';
  return VISIBILITIES[top];
}

/** Loads `id` from `table` under RLS, or answers 404 (the same answer as "does not exist"). */
export async function findVisibleRecord(ctx: Ctx, table: string, id: string, what: string) {
  const rows = await ctx.tx.query<{ id: string; visibility: string; owner_id: string | null }>(
    `select id, visibility, owner_id from ${table} where id = $1`,
    [id],
  );
  if (!rows[0]) throw notFound(what);
  return { id: rows[0].id, visibility: rows[0].visibility, ownerId: rows[0].owner_id };
}

const grantSchema = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  teamId: z.string().nullable(),
  name: z.string(),
  grantedBy: z.string().nullable(),
  createdAt: z.string(),
});

type GrantRow = {
  id: string;
  user_id: string | null;
  team_id: string | null;
  name: string | null;
  granted_by: string | null;
  created_at: string;
};

async function listGrants(tx: Queryable, recordType: string, recordId: string) {
  const rows = await tx.query<GrantRow>(
    `select g.*, coalesce(trim(u.first_name || ' ' || u.last_name), t.name) as name
       from record_grants g left join users u on u.id = g.user_id left join teams t on t.id = g.team_id
      where g.record_type = $1 and g.record_id = $2 order by g.created_at`,
    [recordType, recordId],
  );
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    teamId: row.team_id,
    name: row.name ?? '',
    grantedBy: row.granted_by,
    createdAt: row.created_at,
  }));
}

/**
 * GET/POST `${basePath}/:id/grants` and DELETE `${basePath}/:id/grants/:grantId`: the owner
 * (or an admin who can see the record) names who else may see a restricted or secret record.
 */
export function registerGrantRoutes(
  app: RelaisApp,
  options: { basePath: string; recordType: string; table: string; tag: string },
) {
  const { basePath, recordType, table, tag } = options;
  const params = z.object({ id: z.string().uuid() });

  async function loadForGrant(ctx: Ctx, id: string) {
    const record = await findVisibleRecord(ctx, table, id, recordType);
    if (record.ownerId !== ctx.actor.userId && ctx.actor.role !== 'admin')
      throw forbidden('Only the owner can share this record.', 'grant.owner_only');
    return record;
  }

  app.get(`${basePath}/:id/grants`, {
    schema: {
      tags: [tag],
      summary: `Who was granted access to this ${recordType}`,
      params,
      querystring: pagingSchema({ defaultLimit: 500 }),
      response: { 200: pageSchema(grantSchema) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        await findVisibleRecord(ctx, table, request.params.id, recordType);
        return pageArray(await listGrants(ctx.tx, recordType, request.params.id), request.query);
      }),
  });

  app.post(`${basePath}/:id/grants`, {
    schema: {
      tags: [tag],
      summary: `Grant a user or a team access to a restricted or secret ${recordType}`,
      params,
      body: z.strictObject({ userId: z.string().uuid().optional(), teamId: z.string().uuid().optional() }),
      response: { 201: grantSchema },
    },
    handler: async (request, reply) => {
      const { userId, teamId } = request.body;
      if (Boolean(userId) === Boolean(teamId))
        throw validationError([
          {
            field: userId ? 'teamId' : 'userId',
            message: 'Give exactly one of userId or teamId.',
            code: 'exactly_one',
          },
        ]);
      const grant = await request.run(async (ctx) => {
        const record = await loadForGrant(ctx, request.params.id);
        const target = userId
          ? await ctx.tx.query(`select 1 from users where id = $1`, [userId])
          : await ctx.tx.query(`select 1 from teams where id = $1`, [teamId]);
        if (target.length === 0)
          throw validationError([
            { field: userId ? 'userId' : 'teamId', message: 'Unknown.', code: 'unknown' },
          ]);
        const inserted = await ctx.tx.query<{ id: string }>(
          `insert into record_grants (record_type, record_id, user_id, team_id, granted_by) values ($1, $2, $3, $4, $5)
           on conflict do nothing returning id`,
          [recordType, record.id, userId ?? null, teamId ?? null, ctx.actor.userId],
        );
        if (inserted.length === 0) throw conflict('grant.exists', 'This access was already granted.');
        await writeAudit(ctx.tx, {
          actorId: ctx.actor.userId,
          action: 'grant.created',
          targetType: recordType,
          targetId: record.id,
          ip: ctx.ip,
          details: { userId, teamId, visibility: record.visibility },
        });
        return (await listGrants(ctx.tx, recordType, record.id)).find((g) => g.id === inserted[0].id)!;
      });
      return reply.status(201).send(grant);
    },
  });

  app.delete(`${basePath}/:id/grants/:grantId`, {
    schema: {
      tags: [tag],
      summary: `Revoke a grant on a ${recordType}`,
      params: params.extend({ grantId: z.string().uuid() }),
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await request.run(async (ctx) => {
        const record = await loadForGrant(ctx, request.params.id);
        const deleted = await ctx.tx.query(
          `delete from record_grants where id = $1 and record_type = $2 and record_id = $3 returning user_id, team_id`,
          [request.params.grantId, recordType, record.id],
        );
        if (deleted.length === 0) throw notFound('grant');
        await writeAudit(ctx.tx, {
          actorId: ctx.actor.userId,
          action: 'grant.revoked',
          targetType: recordType,
          targetId: record.id,
          ip: ctx.ip,
          details: { userId: deleted[0].user_id, teamId: deleted[0].team_id },
        });
      });
      return reply.status(204).send(null);
    },
  });
}

/**
 * Of `recordIds` in `table`, those `userId` may see — evaluated by the same RLS policies,
 * inside the caller's (system) transaction. Used to notify nobody who may not see a record.
 */
export async function idsVisibleTo(
  tx: Queryable,
  userId: string,
  table: string,
  recordIds: string[],
): Promise<string[]> {
  const actor: Actor | null = await loadActor(tx, userId);
  if (!actor || recordIds.length === 0) return [];
  await actAs(tx, actor);
  try {
    const rows = await tx.query<{ id: string }>(`select id from ${table} where id = any ($1::uuid[])`, [
      recordIds,
    ]);
    return rows.map((row) => row.id);
  } finally {
    await actAsSystem(tx);
  }
}
