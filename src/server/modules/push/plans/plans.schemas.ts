import { z } from 'zod';

/** Schemas of change plans (PUSH-7, MGT-5). */

export const PLAN_STATUSES = ['todo', 'in_progress', 'done', 'cancelled'] as const;
const LINKS = ['broadcast', 'training', 'knowledge'] as const;
const date = z.string().date();

export const planIdParamsSchema = z.object({ id: z.string().uuid() });
export const actionIdParamsSchema = planIdParamsSchema.extend({ actionId: z.string().uuid() });

export const actionInputSchema = z.strictObject({
  means: z.string().trim().min(1).max(300),
  function: z.string().trim().max(500).default(''),
  ownerId: z.string().uuid().nullable().default(null),
  dueOn: date.nullable().default(null),
  status: z.enum(PLAN_STATUSES).default('todo'),
  link: z
    .strictObject({ type: z.enum(LINKS), id: z.string().uuid() })
    .nullable()
    .default(null),
});
export type ActionInput = z.infer<typeof actionInputSchema>;

export const actionPatchSchema = z.strictObject({
  means: z.string().trim().min(1).max(300).optional(),
  function: z.string().trim().max(500).optional(),
  ownerId: z.string().uuid().nullable().optional(),
  dueOn: date.nullable().optional(),
  status: z.enum(PLAN_STATUSES).optional(),
  link: z
    .strictObject({ type: z.enum(LINKS), id: z.string().uuid() })
    .nullable()
    .optional(),
});
export type ActionPatch = z.infer<typeof actionPatchSchema>;

export const planPatchSchema = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(20_000).optional(),
  startsOn: date.nullable().optional(),
  endsOn: date.nullable().optional(),
});
export type PlanPatch = z.infer<typeof planPatchSchema>;

export const planInputSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(20_000).default(''),
  startsOn: date.nullable().default(null),
  endsOn: date.nullable().default(null),
  actions: z.array(actionInputSchema).max(100).default([]),
});
export type PlanInput = z.infer<typeof planInputSchema>;

export const actionSchema = z.object({
  id: z.string(),
  means: z.string(),
  function: z.string(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  dueOn: z.string().nullable(),
  status: z.enum(PLAN_STATUSES),
  late: z.boolean(),
  link: z
    .object({ type: z.string(), id: z.string(), title: z.string().nullable(), url: z.string() })
    .nullable(),
  position: z.number(),
});
export type PlanAction = z.infer<typeof actionSchema>;

const progressSchema = z.object({
  total: z.number(),
  done: z.number(),
  inProgress: z.number(),
  late: z.number(),
  percent: z.number(),
});

export const planSchema = z.object({
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
export type Plan = z.infer<typeof planSchema>;

export const planWithActionsSchema = planSchema.extend({ actions: z.array(actionSchema) });
export type PlanWithActions = z.infer<typeof planWithActionsSchema>;
