import { z } from 'zod';
import { emitEvent } from '../../../platform/events.js';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { pageArray, pageSchema, pagingSchema } from '../../../platform/list-query.js';
import type { Ctx } from '../../../platform/context.js';
import { notFound, validationError, type FieldError } from '../../../platform/errors.js';
import { sourcesOf } from '../shared/push-state.js';

const TAG = 'push';
const MANAGERS = { roles: ['manager', 'expert', 'admin'] as ('manager' | 'expert' | 'admin')[] };
const STATUSES = ['todo', 'in_progress', 'done', 'cancelled'] as const;
const LINKS = ['broadcast', 'training', 'knowledge'] as const;
const idParams = z.object({ id: z.string().uuid() });
const actionParams = idParams.extend({ actionId: z.string().uuid() });
const date = z.string().date();

const actionInput = z.strictObject({
  means: z.string().trim().min(1).max(300),
  function: z.string().trim().max(500).default(''),
  ownerId: z.string().uuid().nullable().default(null),
  dueOn: date.nullable().default(null),
  status: z.enum(STATUSES).default('todo'),
  link: z
    .strictObject({ type: z.enum(LINKS), id: z.string().uuid() })
    .nullable()
    .default(null),
});
const actionPatch = z.strictObject({
  means: z.string().trim().min(1).max(300).optional(),
  function: z.string().trim().max(500).optional(),
  ownerId: z.string().uuid().nullable().optional(),
  dueOn: date.nullable().optional(),
  status: z.enum(STATUSES).optional(),
  link: z
    .strictObject({ type: z.enum(LINKS), id: z.string().uuid() })
    .nullable()
    .optional(),
});
const planPatch = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(20_000).optional(),
  startsOn: date.nullable().optional(),
  endsOn: date.nullable().optional(),
});
const planInput = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(20_000).default(''),
  startsOn: date.nullable().default(null),
  endsOn: date.nullable().default(null),
  actions: z.array(actionInput).max(100).default([]),
});
const actionSchema = z.object({
  id: z.string(),
  means: z.string(),
  function: z.string(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  dueOn: z.string().nullable(),
  status: z.enum(STATUSES),
  late: z.boolean(),
  link: z
    .object({ type: z.string(), id: z.string(), title: z.string().nullable(), url: z.string() })
    .nullable(),
  position: z.number(),
});
const progressSchema = z.object({
  total: z.number(),
  done: z.number(),
  inProgress: z.number(),
  late: z.number(),
  percent: z.number(),
});
const planSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  createdAt: z.string(),
  progress: progressSchema,
});

const linkUrl = (type: string, id: string) =>
  type === 'broadcast' ? `/broadcasts/${id}` : `/knowledge/${id}`;

/** A linked item must be visible to the planner; a training link names a training item. */
async function knowledgeLinkable(ctx: Ctx, link: { type: string; id: string }): Promise<boolean> {
  const [item] = await sourcesOf(ctx.deps).knowledge.visibleKnowledge(ctx.tx, [link.id]);
  return Boolean(item && (link.type === 'knowledge' || item.type === 'training'));
}

async function checkAction(
  ctx: Ctx,
  action: Partial<z.infer<typeof actionInput>>,
  prefix: string,
  errors: FieldError[],
) {
  if (
    action.ownerId &&
    (await ctx.tx.query(`select 1 from users where id = $1 and active`, [action.ownerId])).length === 0
  ) {
    errors.push({ field: `${prefix}ownerId`, code: 'unknown_user', message: 'Unknown user.' });
  }
  if (action.link) {
    const found =
      action.link.type === 'broadcast'
        ? (await ctx.tx.query(`select 1 from broadcasts where id = $1`, [action.link.id])).length > 0
        : await knowledgeLinkable(ctx, action.link);
    if (!found)
      errors.push({
        field: `${prefix}link`,
        code: 'unknown_link',
        message: `No such ${action.link.type} visible to you.`,
      });
  }
}

function progressOf(actions: { status: string; late: boolean }[]) {
  const counted = actions.filter((a) => a.status !== 'cancelled');
  const done = counted.filter((a) => a.status === 'done').length;
  return {
    total: counted.length,
    done,
    inProgress: counted.filter((a) => a.status === 'in_progress').length,
    late: counted.filter((a) => a.late).length,
    percent: counted.length ? Math.round((100 * done) / counted.length) : 0,
  };
}

async function loadActions(ctx: Ctx, planIds: string[]) {
  const rows = await ctx.tx.query<any>(
    `select a.*, trim(u.first_name || ' ' || u.last_name) as owner_name, b.title as broadcast_title
       from change_actions a left join users u on u.id = a.owner_id left join broadcasts b on a.link_type = 'broadcast' and b.id = a.link_id
      where a.plan_id = any ($1::uuid[]) order by a.position, a.due_on nulls last`,
    [planIds],
  );
  const titles = new Map<string, string>();
  const knowledgeIds = rows.filter((r) => r.link_type && r.link_type !== 'broadcast').map((r) => r.link_id);
  for (const item of await sourcesOf(ctx.deps).knowledge.visibleKnowledge(ctx.tx, knowledgeIds))
    titles.set(item.id, item.title);
  const today = new Date().toISOString().slice(0, 10);
  return rows.map((row) => ({
    planId: row.plan_id as string,
    id: row.id,
    means: row.means,
    function: row.function,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    dueOn: row.due_on,
    status: row.status,
    late: Boolean(row.due_on && row.due_on < today && !['done', 'cancelled'].includes(row.status)),
    // Knowledge the reader may not see is not linked, not even by id (issue 10.2).
    link:
      row.link_type && (row.link_type === 'broadcast' || titles.has(row.link_id))
        ? {
            type: row.link_type,
            id: row.link_id,
            title: row.broadcast_title ?? titles.get(row.link_id) ?? null,
            url: linkUrl(row.link_type, row.link_id),
          }
        : null,
    position: row.position,
  }));
}

async function loadPlans(ctx: Ctx, id?: string) {
  const plans = await ctx.tx.query<any>(
    `select p.*, trim(u.first_name || ' ' || u.last_name) as owner_name from change_plans p left join users u on u.id = p.owner_id
      where ($1::uuid is null or p.id = $1) order by p.starts_on desc nulls last, p.created_at desc`,
    [id ?? null],
  );
  if (id && plans.length === 0) throw notFound('change plan');
  const actions = await loadActions(
    ctx,
    plans.map((p) => p.id),
  );
  return plans.map((p) => {
    const mine = actions.filter((a) => a.planId === p.id).map(({ planId: _p, ...a }) => a);
    return {
      plan: {
        id: p.id,
        title: p.title,
        description: p.description_md,
        startsOn: p.starts_on,
        endsOn: p.ends_on,
        ownerId: p.owner_id,
        ownerName: p.owner_name,
        createdAt: p.created_at,
        progress: progressOf(mine),
      },
      actions: mine,
    };
  });
}

async function insertAction(
  ctx: Ctx,
  planId: string,
  planTitle: string,
  action: z.infer<typeof actionInput>,
  position: number,
) {
  const [row] = await ctx.tx.query<{ id: string }>(
    `insert into change_actions (plan_id, means, function, owner_id, due_on, status, link_type, link_id, position) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [
      planId,
      action.means,
      action.function,
      action.ownerId,
      action.dueOn,
      action.status,
      action.link?.type ?? null,
      action.link?.id ?? null,
      position,
    ],
  );
  await announceAssignment(ctx, {
    planId,
    planTitle,
    actionId: row.id,
    ownerId: action.ownerId,
    means: action.means,
    dueOn: action.dueOn,
  });
  return row.id;
}

/** The person put in charge of an action is told (issue 9 A10): an event the lifecycle notices turn into a notification. */
async function announceAssignment(
  ctx: Ctx,
  a: {
    planId: string;
    planTitle: string;
    actionId: string;
    ownerId: string | null | undefined;
    means: string;
    dueOn: string | null | undefined;
  },
) {
  if (!a.ownerId || a.ownerId === ctx.actor.userId) return;
  await emitEvent(ctx.tx, {
    type: 'change_plan.action_assigned',
    payload: {
      planId: a.planId,
      planTitle: a.planTitle,
      actionId: a.actionId,
      means: a.means,
      dueOn: a.dueOn ?? null,
    },
    actorId: ctx.actor.userId,
    recipients: [a.ownerId],
  });
}

/** Change-communication plans (PUSH-7): a change, its table of actions/means, who is in charge, progress. */
/** Change plans (MGT-5), registered under `/change-plans`. */
export async function planRoutes(app: RelaisApp) {
  app.get('', {
    schema: {
      tags: [TAG],
      summary: 'Change plans with their progress',
      querystring: pagingSchema({ defaultLimit: 500 }),
      response: { 200: pageSchema(planSchema) },
    },
    handler: async (request) =>
      request.run(async (ctx) =>
        pageArray(
          (await loadPlans(ctx)).map((p) => p.plan),
          request.query,
        ),
      ),
  });

  app.get('/:id', {
    schema: {
      tags: [TAG],
      summary: 'A change plan with its actions',
      params: idParams,
      response: { 200: planSchema.extend({ actions: z.array(actionSchema) }) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const [found] = await loadPlans(ctx, request.params.id);
        return { ...found.plan, actions: found.actions };
      }),
  });

  app.post('', {
    config: MANAGERS,
    schema: {
      tags: [TAG],
      summary: 'Create a change plan (optionally with its actions)',
      body: planInput,
      response: { 201: planSchema.extend({ actions: z.array(actionSchema) }) },
    },
    handler: async (request, reply) => {
      const body = request.body;
      const created = await request.run(async (ctx) => {
        const errors: FieldError[] = [];
        if (body.startsOn && body.endsOn && body.endsOn < body.startsOn)
          errors.push({ field: 'endsOn', code: 'before_start', message: 'The end comes after the start.' });
        for (const [index, action] of body.actions.entries())
          await checkAction(ctx, action, `actions.${index}.`, errors);
        if (errors.length) throw validationError(errors, 'The plan is not valid; nothing was saved.');
        const [row] = await ctx.tx.query<{ id: string }>(
          `insert into change_plans (title, description_md, starts_on, ends_on, owner_id) values ($1, $2, $3, $4, $5) returning id`,
          [body.title, body.description, body.startsOn, body.endsOn, ctx.actor.userId],
        );
        for (const [index, action] of body.actions.entries())
          await insertAction(ctx, row.id, body.title, action, index);
        const [found] = await loadPlans(ctx, row.id);
        return { ...found.plan, actions: found.actions };
      });
      return reply.status(201).send(created);
    },
  });

  app.patch('/:id', {
    config: MANAGERS,
    schema: {
      tags: [TAG],
      summary: 'Change a plan',
      params: idParams,
      body: planPatch,
      response: { 200: planSchema },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const [current] = await loadPlans(ctx, request.params.id);
        const next = {
          ...current.plan,
          ...Object.fromEntries(Object.entries(request.body).filter(([, v]) => v !== undefined)),
        } as any;
        if (next.startsOn && next.endsOn && next.endsOn < next.startsOn)
          throw validationError([
            { field: 'endsOn', code: 'before_start', message: 'The end comes after the start.' },
          ]);
        await ctx.tx.query(
          `update change_plans set title = $2, description_md = $3, starts_on = $4, ends_on = $5, updated_at = now() where id = $1`,
          [request.params.id, next.title, next.description, next.startsOn, next.endsOn],
        );
        return (await loadPlans(ctx, request.params.id))[0].plan;
      }),
  });

  app.delete('/:id', {
    config: MANAGERS,
    schema: {
      tags: [TAG],
      summary: 'Delete a plan and its actions',
      params: idParams,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      const rows = await request.run((ctx) =>
        ctx.tx.query(`delete from change_plans where id = $1 returning id`, [request.params.id]),
      );
      if (rows.length === 0) throw notFound('change plan');
      return reply.status(204).send(null);
    },
  });

  app.post('/:id/actions', {
    config: MANAGERS,
    schema: {
      tags: [TAG],
      summary: 'Add an action to a plan',
      params: idParams,
      body: actionInput,
      response: { 201: actionSchema },
    },
    handler: async (request, reply) => {
      const action = await request.run(async (ctx) => {
        const [plan] = await loadPlans(ctx, request.params.id);
        const errors: FieldError[] = [];
        await checkAction(ctx, request.body, '', errors);
        if (errors.length) throw validationError(errors);
        const id = await insertAction(
          ctx,
          request.params.id,
          plan.plan.title,
          request.body,
          plan.actions.length,
        );
        return (await loadActions(ctx, [request.params.id])).find((a) => a.id === id)!;
      });
      const { planId: _p, ...rest } = action;
      return reply.status(201).send(rest);
    },
  });

  app.patch('/:id/actions/:actionId', {
    schema: {
      tags: [TAG],
      summary: 'Update an action (its owner may change its status)',
      params: actionParams,
      body: actionPatch,
      response: { 200: actionSchema },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const current = (await loadActions(ctx, [request.params.id])).find(
          (a) => a.id === request.params.actionId,
        );
        if (!current) throw notFound('action');
        const onlyStatus = Object.keys(request.body).every((key) => key === 'status');
        const manages = ['manager', 'expert', 'admin'].includes(ctx.actor.role);
        if (!manages && !(onlyStatus && current.ownerId === ctx.actor.userId)) {
          const { forbidden } = await import('../../../platform/errors.js');
          throw forbidden('Only the person in charge may update the status of this action.');
        }
        const errors: FieldError[] = [];
        await checkAction(ctx, request.body, '', errors);
        if (errors.length) throw validationError(errors);
        const next = {
          ...current,
          ...Object.fromEntries(Object.entries(request.body).filter(([, v]) => v !== undefined)),
        } as any;
        await ctx.tx.query(
          `update change_actions set means = $2, function = $3, owner_id = $4, due_on = $5, status = $6, link_type = $7, link_id = $8, updated_at = now() where id = $1`,
          [
            current.id,
            next.means,
            next.function,
            next.ownerId,
            next.dueOn,
            next.status,
            next.link?.type ?? null,
            next.link?.id ?? null,
          ],
        );
        if (next.ownerId !== current.ownerId) {
          const [plan] = await loadPlans(ctx, request.params.id);
          await announceAssignment(ctx, {
            planId: request.params.id,
            planTitle: plan.plan.title,
            actionId: current.id,
            ownerId: next.ownerId,
            means: next.means,
            dueOn: next.dueOn,
          });
        }
        const { planId: _p, ...rest } = (await loadActions(ctx, [request.params.id])).find(
          (a) => a.id === current.id,
        )!;
        return rest;
      }),
  });

  app.delete('/:id/actions/:actionId', {
    config: MANAGERS,
    schema: { tags: [TAG], summary: 'Remove an action', params: actionParams, response: { 204: z.null() } },
    handler: async (request, reply) => {
      const rows = await request.run((ctx) =>
        ctx.tx.query(`delete from change_actions where id = $1 and plan_id = $2 returning id`, [
          request.params.actionId,
          request.params.id,
        ]),
      );
      if (rows.length === 0) throw notFound('action');
      return reply.status(204).send(null);
    },
  });
}
