import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import type { AppDeps } from '../../../platform/context.js';
import { conflict, notFound, validationError } from '../../../platform/errors.js';
import {
  decodeCursor,
  listQuerySchema,
  orderBy,
  pageArray,
  pageSchema,
  pagingSchema,
  toPage,
} from '../../../platform/list-query.js';
import { loadActions } from './catalogue.js';
import { RULE_EDITOR_ROLES, seesOnlyAppRules } from './rules.policy.js';
import { upsertDeclaredAction } from './catalogue.repository.js';
import { findRulesPage, findRuleVersions } from './rules.repository.js';
import { findAcksOfRule } from '../check/check.repository.js';
import { acknowledge, checkAction, checkInMemory } from '../check/check.service.js';
import { nowOf, ruleIndexOf } from '../shared/push-state.js';
import { OPERATORS } from './conditions.js';
import {
  actionFieldSchema,
  alertSchema,
  fieldsSchema,
  ruleInputSchema,
  rulePatchSchema,
  ruleSchema,
  toRule,
  type RuleInput,
} from './rules.schemas.js';
import {
  bumpRulesVersion,
  createRules,
  deleteRule,
  loadRuleRow,
  rowToInput,
  tryRule,
  updateRule,
  withVisibleKnowledge,
} from './rules.service.js';

const TAG = 'push';
const MANAGERS = { roles: RULE_EDITOR_ROLES };
const idParams = z.object({ id: z.string().uuid() });

/** Rules, the action catalogue, checks and acknowledgments (PUSH-2), registered under `/push`. */
export async function ruleRoutes(app: RelaisApp, { deps }: { deps: AppDeps }) {
  const changed = () => ruleIndexOf(deps).invalidate();

  app.get('/actions', {
    schema: {
      tags: [TAG],
      summary:
        'Actions a rule may watch (catalogue and declared by other applications), with their fields and operators',
      querystring: pagingSchema({ defaultLimit: 500 }),
      response: {
        200: pageSchema(
          z.object({
            name: z.string(),
            label: z.string(),
            builtIn: z.boolean(),
            example: z.boolean(),
            fields: z.array(actionFieldSchema),
          }),
        ).extend({ operators: z.array(z.string()) }),
      },
    },
    handler: async (request) =>
      request.run(async (ctx) => ({
        ...pageArray([...(await loadActions(ctx.tx, deps.points, ctx.locale)).values()], request.query),
        operators: [...OPERATORS],
      })),
  });

  app.post('/actions', {
    config: MANAGERS,
    schema: {
      tags: [TAG],
      summary: 'Declare (or redeclare) an external action and its fields, e.g. transfer.create',
      body: z.strictObject({
        name: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'Like transfer.create'),
        label: z.string().trim().max(200).default(''),
        fields: z.array(actionFieldSchema).min(1).max(100),
      }),
      response: { 201: z.object({ name: z.string() }) },
    },
    handler: async (request, reply) => {
      const { name, label, fields } = request.body;
      if (deps.points.actions.has(name))
        throw conflict('push.action_builtin', `${name} is part of the catalogue.`);
      if (new Set(fields.map((field) => field.name)).size !== fields.length)
        throw validationError([{ field: 'fields', code: 'duplicate', message: 'Field names are unique.' }]);
      await request.run(async (ctx) => {
        await upsertDeclaredAction(ctx.tx, { name, label, fields, userId: ctx.actor.userId });
        await bumpRulesVersion(ctx.tx);
      });
      changed();
      return reply.status(201).send({ name });
    },
  });

  app.get('/rules', {
    schema: {
      tags: [TAG],
      summary: 'Contextual alert rules',
      description:
        'scope=app: rules checked inside Relais; scope=other: rules for other applications calling /push/check. Reps always get scope=app: the other ones are not theirs.',
      querystring: listQuerySchema.extend({
        action: z.string().max(100).optional(),
        enabled: z.enum(['true', 'false']).optional(),
        severity: z.enum(['info', 'warning', 'blocking']).optional(),
        q: z.string().max(200).optional(),
        scope: z.enum(['app', 'other']).optional(),
      }),
      response: { 200: pageSchema(ruleSchema) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const query = request.query;
        const offset = decodeCursor(query.cursor);
        const actions = await loadActions(ctx.tx, deps.points, ctx.locale);
        const inApp = [...actions.values()].filter((action) => action.builtIn).map((action) => action.name);
        const appOnly = seesOnlyAppRules(ctx.actor);
        const order = orderBy(
          query.sort,
          { name: 'name', updatedAt: 'updated_at', action: 'action', severity: 'severity' },
          '-updatedAt',
        );
        const { rows, total } = await findRulesPage(
          ctx.tx,
          {
            action: query.action ?? null,
            enabled: query.enabled === undefined ? null : query.enabled === 'true',
            severity: query.severity ?? null,
            q: query.q ?? null,
            scope: query.scope ?? null,
            inApp,
            appOnly,
          },
          { order, limit: query.limit, offset },
        );
        return toPage(
          await withVisibleKnowledge(
            ctx,
            rows.map((row) => toRule(row, actions)),
          ),
          query,
          offset,
          total,
        );
      }),
  });

  app.post('/rules', {
    config: MANAGERS,
    schema: { tags: [TAG], summary: 'Create a rule', body: ruleInputSchema, response: { 201: ruleSchema } },
    handler: async (request, reply) => {
      const rule = await request.run(async (ctx) => {
        const [id] = await createRules(ctx, [request.body]);
        return (
          await withVisibleKnowledge(ctx, [
            toRule(await loadRuleRow(ctx.tx, id), await loadActions(ctx.tx, deps.points, ctx.locale)),
          ])
        )[0];
      });
      changed();
      return reply.status(201).send(rule);
    },
  });

  app.post('/rules/import', {
    config: MANAGERS,
    schema: {
      tags: [TAG],
      summary: 'Create up to 1,000 rules at once: all or nothing',
      body: z.strictObject({ rules: z.array(ruleInputSchema).min(1).max(1000) }),
      response: { 201: z.object({ ids: z.array(z.string()) }) },
    },
    handler: async (request, reply) => {
      const ids = await request.run((ctx) => createRules(ctx, request.body.rules));
      changed();
      return reply.status(201).send({ ids });
    },
  });

  app.post('/rules/try', {
    schema: {
      tags: [TAG],
      summary: 'Try a draft rule against a sample action (nothing saved)',
      body: z.strictObject({
        rule: ruleInputSchema,
        fields: fieldsSchema,
        at: z.string().datetime({ offset: true }).optional(),
      }),
      response: {
        200: z.object({
          fires: z.boolean(),
          effective: z.boolean(),
          conditionsHold: z.boolean(),
          audienceIncludesMe: z.boolean(),
          severity: z.string(),
          message: z.string(),
          html: z.string(),
        }),
      },
    },
    handler: async (request) =>
      request.run((ctx) =>
        tryRule(
          ctx,
          request.body.rule,
          undefined,
          request.body.fields,
          request.body.at ? new Date(request.body.at) : nowOf(deps),
        ),
      ),
  });

  app.get('/rules/:id', {
    schema: { tags: [TAG], summary: 'One rule', params: idParams, response: { 200: ruleSchema } },
    handler: async (request) =>
      request.run(
        async (ctx) =>
          (
            await withVisibleKnowledge(ctx, [
              toRule(
                await loadRuleRow(ctx.tx, request.params.id),
                await loadActions(ctx.tx, deps.points, ctx.locale),
              ),
            ])
          )[0],
      ),
  });

  app.get('/rules/:id/versions', {
    schema: {
      tags: [TAG],
      summary: 'Every version of a rule, newest first',
      params: idParams,
      querystring: pagingSchema({ defaultLimit: 500 }),
      response: {
        200: pageSchema(
          z.object({
            version: z.number(),
            changedAt: z.string(),
            changedBy: z.string().nullable(),
            rule: z.unknown(),
          }),
        ),
      },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        await loadRuleRow(ctx.tx, request.params.id);
        const rows = await findRuleVersions(ctx.tx, request.params.id);
        const actions = await loadActions(ctx.tx, deps.points, ctx.locale);
        const rules = await withVisibleKnowledge(
          ctx,
          rows.map((row) => toRule(row.snapshot, actions)),
        );
        return pageArray(
          rows.map((row, index) => ({
            version: row.version,
            changedAt: row.changed_at,
            changedBy: row.changed_by,
            rule: rules[index],
          })),
          request.query,
        );
      }),
  });

  app.patch('/rules/:id', {
    config: MANAGERS,
    schema: {
      tags: [TAG],
      summary: 'Change a rule (a new version); enable or disable it',
      params: idParams,
      body: rulePatchSchema,
      response: { 200: ruleSchema },
    },
    handler: async (request) => {
      const rule = await request.run(async (ctx) => {
        await updateRule(ctx, request.params.id, request.body);
        return (
          await withVisibleKnowledge(ctx, [
            toRule(
              await loadRuleRow(ctx.tx, request.params.id),
              await loadActions(ctx.tx, deps.points, ctx.locale),
            ),
          ])
        )[0];
      });
      changed();
      return rule;
    },
  });

  app.delete('/rules/:id', {
    config: MANAGERS,
    schema: { tags: [TAG], summary: 'Delete a rule', params: idParams, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await request.run((ctx) => deleteRule(ctx, request.params.id));
      changed();
      return reply.status(204).send(null);
    },
  });

  app.post('/rules/:id/try', {
    schema: {
      tags: [TAG],
      summary: 'Try this rule against a sample action (optionally with changes not yet saved)',
      params: idParams,
      body: z.strictObject({
        fields: fieldsSchema,
        at: z.string().datetime({ offset: true }).optional(),
        changes: rulePatchSchema.optional(),
      }),
      response: {
        200: z.object({
          fires: z.boolean(),
          effective: z.boolean(),
          conditionsHold: z.boolean(),
          audienceIncludesMe: z.boolean(),
          severity: z.string(),
          message: z.string(),
          html: z.string(),
        }),
      },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const row = await loadRuleRow(ctx.tx, request.params.id);
        const { expectedVersion: _v, ...changes } = request.body.changes ?? {};
        const input = {
          ...rowToInput(row),
          ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
        } as RuleInput;
        return tryRule(
          ctx,
          input,
          row.id,
          request.body.fields,
          request.body.at ? new Date(request.body.at) : nowOf(deps),
        );
      }),
  });

  app.post('/check', {
    schema: {
      tags: [TAG],
      summary: 'Alerts for an action about to be done (other applications call it with an API token)',
      body: z.strictObject({ action: z.string().min(3).max(100), fields: fieldsSchema.default({}) }),
      response: { 200: z.object({ alerts: z.array(alertSchema) }) },
    },
    handler: async (request, reply) => {
      const { action, fields } = request.body;
      const answer = await checkInMemory(deps, request.actor!, action, fields);
      // The in-memory answer is built from validated rules: sent as JSON directly (the hot path).
      // A string payload skips the response serializer, hence the reply without the schema's type.
      if (answer) return (reply as FastifyReply).type('application/json; charset=utf-8').send(answer);
      return request.run(async (ctx) => ({ alerts: await checkAction(ctx, action, fields) }));
    },
  });

  app.post('/ack', {
    schema: {
      tags: [TAG],
      summary:
        "Acknowledge a rule's alert for one action: the same fields (as sent to /push/check, or as a 409 push.ack_required returned them) pass for PUSH_ACK_VALID_MINUTES",
      body: z.strictObject({
        ruleId: z.string().uuid(),
        action: z.string().max(100).optional(),
        fields: fieldsSchema.optional(),
        comment: z.string().max(1000).optional(),
      }),
      response: {
        201: z.object({
          id: z.string(),
          ruleId: z.string(),
          version: z.number(),
          userId: z.string(),
          action: z.string(),
          acknowledgedAt: z.string(),
          validUntil: z.string(),
        }),
      },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await request.run((ctx) => acknowledge(ctx, request.body))),
  });

  app.get('/acks', {
    config: MANAGERS,
    schema: {
      tags: [TAG],
      summary: 'Acknowledgments of a rule: who and when',
      querystring: pagingSchema({ defaultLimit: 500 }).extend({ ruleId: z.string().uuid() }),
      response: {
        200: pageSchema(
          z.object({ userId: z.string(), name: z.string(), version: z.number(), acknowledgedAt: z.string() }),
        ),
      },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const offset = decodeCursor(request.query.cursor);
        const { rows, total: countAcks } = await findAcksOfRule(ctx.tx, request.query.ruleId, {
          limit: request.query.limit,
          offset,
        });
        if (rows.length === 0)
          await loadRuleRow(ctx.tx, request.query.ruleId).catch(() => {
            throw notFound('rule');
          });
        const total = await countAcks();
        return toPage(
          rows.map((row) => ({
            userId: row.user_id,
            name: row.name,
            version: row.rule_version,
            acknowledgedAt: row.acknowledged_at,
          })),
          request.query,
          offset,
          total,
        );
      }),
  });
}
