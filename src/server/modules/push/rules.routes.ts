import { z } from 'zod';
import type { RelaisApp } from '../../app.js';
import type { AppDeps } from '../../platform/context.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import { decodeCursor, listQuerySchema, orderBy, pageSchema, toPage } from '../../platform/list-query.js';
import { BUILT_IN_ACTIONS, loadActions } from './catalogue.js';
import { acknowledge, checkAction, checkInMemory, nowOf, ruleIndexOf } from './check.service.js';
import { OPERATORS } from './conditions.js';
import { actionFieldSchema, alertSchema, fieldsSchema, ruleInputSchema, rulePatchSchema, ruleSchema, toRule } from './rules.schemas.js';
import { bumpRulesVersion, createRules, deleteRule, loadRuleRow, rowToInput, tryRule, updateRule } from './rules.service.js';

const TAG = 'push';
const MANAGERS = { roles: ['expert', 'admin'] as ('expert' | 'admin')[] };
const idParams = z.object({ id: z.string().uuid() });

export async function registerRuleRoutes(app: RelaisApp, deps: AppDeps) {
  const changed = () => ruleIndexOf(deps).invalidate();

  app.get('/api/v1/push/actions', {
    schema: {
      tags: [TAG],
      summary: 'Actions a rule may watch (catalogue and declared by other applications), with their fields and operators',
      response: { 200: z.object({ items: z.array(z.object({ name: z.string(), label: z.string(), builtIn: z.boolean(), fields: z.array(actionFieldSchema) })), operators: z.array(z.string()) }) },
    },
    handler: async (request) => request.run(async (ctx) => ({ items: [...(await loadActions(ctx.tx)).values()], operators: [...OPERATORS] })),
  });

  app.post('/api/v1/push/actions', {
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
      if (BUILT_IN_ACTIONS.some((action) => action.name === name)) throw conflict('push.action_builtin', `${name} is part of the catalogue.`);
      if (new Set(fields.map((field) => field.name)).size !== fields.length) throw validationError([{ field: 'fields', code: 'duplicate', message: 'Field names are unique.' }]);
      await request.run(async (ctx) => {
        await ctx.tx.query(
          `insert into push_actions (name, label, fields, created_by) values ($1, $2, $3, $4)
           on conflict (name) do update set label = excluded.label, fields = excluded.fields`,
          [name, label, JSON.stringify(fields), ctx.actor.userId],
        );
        await bumpRulesVersion(ctx.tx);
      });
      changed();
      return reply.status(201).send({ name });
    },
  });

  app.get('/api/v1/push/rules', {
    schema: {
      tags: [TAG],
      summary: 'Contextual alert rules',
      querystring: listQuerySchema.extend({ action: z.string().max(100).optional(), enabled: z.enum(['true', 'false']).optional(), severity: z.enum(['info', 'warning', 'blocking']).optional(), q: z.string().max(200).optional() }),
      response: { 200: pageSchema(ruleSchema) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const query = request.query;
        const offset = decodeCursor(query.cursor);
        const where = `($1::text is null or action = $1) and ($2::boolean is null or enabled = $2) and ($3::text is null or severity = $3)
                       and ($4::text is null or name ilike '%' || $4 || '%' or key ilike '%' || $4 || '%')`;
        const params = [query.action ?? null, query.enabled === undefined ? null : query.enabled === 'true', query.severity ?? null, query.q ?? null];
        const order = orderBy(query.sort, { name: 'name', updatedAt: 'updated_at', action: 'action', severity: 'severity' }, '-updatedAt');
        const rows = await ctx.tx.query(`select * from push_rules where ${where} ${order} limit ${query.limit + 1} offset ${offset}`, params);
        const [{ total }] = await ctx.tx.query<{ total: number }>(`select count(*)::int as total from push_rules where ${where}`, params);
        return toPage(rows.map(toRule), query, offset, total);
      }),
  });

  app.post('/api/v1/push/rules', {
    config: MANAGERS,
    schema: { tags: [TAG], summary: 'Create a rule', body: ruleInputSchema, response: { 201: ruleSchema } },
    handler: async (request, reply) => {
      const rule = await request.run(async (ctx) => {
        const [id] = await createRules(ctx, [request.body]);
        return toRule(await loadRuleRow(ctx.tx, id));
      });
      changed();
      return reply.status(201).send(rule);
    },
  });

  app.post('/api/v1/push/rules/import', {
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

  app.post('/api/v1/push/rules/try', {
    schema: {
      tags: [TAG],
      summary: 'Try a draft rule against a sample action (nothing saved)',
      body: z.strictObject({ rule: ruleInputSchema, fields: fieldsSchema, at: z.string().datetime({ offset: true }).optional() }),
      response: { 200: z.object({ fires: z.boolean(), effective: z.boolean(), conditionsHold: z.boolean(), audienceIncludesMe: z.boolean(), severity: z.string(), message: z.string(), html: z.string() }) },
    },
    handler: async (request) =>
      request.run((ctx) => tryRule(ctx, request.body.rule, undefined, request.body.fields, request.body.at ? new Date(request.body.at) : nowOf(deps))),
  });

  app.get('/api/v1/push/rules/:id', {
    schema: { tags: [TAG], summary: 'One rule', params: idParams, response: { 200: ruleSchema } },
    handler: async (request) => request.run(async (ctx) => toRule(await loadRuleRow(ctx.tx, request.params.id))),
  });

  app.get('/api/v1/push/rules/:id/versions', {
    schema: {
      tags: [TAG],
      summary: 'Every version of a rule, newest first',
      params: idParams,
      response: { 200: z.object({ items: z.array(z.object({ version: z.number(), changedAt: z.string(), changedBy: z.string().nullable(), rule: z.unknown() })) }) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        await loadRuleRow(ctx.tx, request.params.id);
        const rows = await ctx.tx.query(
          `select v.version, v.changed_at, trim(u.first_name || ' ' || u.last_name) as changed_by, v.snapshot
             from push_rule_versions v left join users u on u.id = v.changed_by where v.rule_id = $1 order by v.version desc`,
          [request.params.id],
        );
        return { items: rows.map((row: any) => ({ version: row.version, changedAt: row.changed_at, changedBy: row.changed_by, rule: toRule(row.snapshot) })) };
      }),
  });

  app.patch('/api/v1/push/rules/:id', {
    config: MANAGERS,
    schema: { tags: [TAG], summary: 'Change a rule (a new version); enable or disable it', params: idParams, body: rulePatchSchema, response: { 200: ruleSchema } },
    handler: async (request) => {
      const rule = await request.run(async (ctx) => {
        await updateRule(ctx, request.params.id, request.body);
        return toRule(await loadRuleRow(ctx.tx, request.params.id));
      });
      changed();
      return rule;
    },
  });

  app.delete('/api/v1/push/rules/:id', {
    config: MANAGERS,
    schema: { tags: [TAG], summary: 'Delete a rule', params: idParams, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await request.run((ctx) => deleteRule(ctx, request.params.id));
      changed();
      return reply.status(204).send(null);
    },
  });

  app.post('/api/v1/push/rules/:id/try', {
    schema: {
      tags: [TAG],
      summary: 'Try this rule against a sample action (optionally with changes not yet saved)',
      params: idParams,
      body: z.strictObject({ fields: fieldsSchema, at: z.string().datetime({ offset: true }).optional(), changes: rulePatchSchema.optional() }),
      response: { 200: z.object({ fires: z.boolean(), effective: z.boolean(), conditionsHold: z.boolean(), audienceIncludesMe: z.boolean(), severity: z.string(), message: z.string(), html: z.string() }) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const row = await loadRuleRow(ctx.tx, request.params.id);
        const { expectedVersion: _v, ...changes } = request.body.changes ?? {};
        const input = { ...rowToInput(row), ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as any;
        return tryRule(ctx, input, row.id, request.body.fields, request.body.at ? new Date(request.body.at) : nowOf(deps));
      }),
  });

  app.post('/api/v1/push/check', {
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
      if (answer) return reply.type('application/json; charset=utf-8').send(answer as any);
      return request.run(async (ctx) => ({ alerts: await checkAction(ctx, action, fields) }));
    },
  });

  app.post('/api/v1/push/ack', {
    schema: {
      tags: [TAG],
      summary: "Acknowledge a rule's alert (who and when are recorded)",
      body: z.strictObject({ ruleId: z.string().uuid(), action: z.string().max(100).optional(), fields: fieldsSchema.optional(), comment: z.string().max(1000).optional() }),
      response: { 201: z.object({ id: z.string(), ruleId: z.string(), version: z.number(), userId: z.string(), acknowledgedAt: z.string() }) },
    },
    handler: async (request, reply) => reply.status(201).send(await request.run((ctx) => acknowledge(ctx, request.body))),
  });

  app.get('/api/v1/push/acks', {
    config: MANAGERS,
    schema: {
      tags: [TAG],
      summary: 'Acknowledgments of a rule: who and when',
      querystring: z.object({ ruleId: z.string().uuid() }),
      response: { 200: z.object({ items: z.array(z.object({ userId: z.string(), name: z.string(), version: z.number(), acknowledgedAt: z.string() })) }) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const rows = await ctx.tx.query(
          `select a.user_id, trim(u.first_name || ' ' || u.last_name) as name, a.rule_version, a.acknowledged_at
             from push_acks a join users u on u.id = a.user_id where a.rule_id = $1 order by a.acknowledged_at desc limit 500`,
          [request.query.ruleId],
        );
        if (rows.length === 0) await loadRuleRow(ctx.tx, request.query.ruleId).catch(() => { throw notFound('rule'); });
        return { items: rows.map((row: any) => ({ userId: row.user_id, name: row.name, version: row.rule_version, acknowledgedAt: row.acknowledged_at })) };
      }),
  });
}
