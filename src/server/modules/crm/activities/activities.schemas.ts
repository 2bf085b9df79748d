import { z } from 'zod';
import { visibilitySchema } from '../../../platform/visibility.js';

export const ACTIVITY_KINDS = ['call', 'visit', 'email', 'note', 'task'] as const;
export const reportSchema = z.object({
  objectives: z.string().max(5000).default(''),
  outcome: z.string().max(5000).default(''),
  nextSteps: z.string().max(5000).default(''),
});

export const activitySchema = z.object({
  id: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  subject: z.string(),
  bodyMd: z.string(),
  report: z.object({ objectives: z.string(), outcome: z.string(), nextSteps: z.string() }).nullable(),
  occurredAt: z.string(),
  durationMinutes: z.number().nullable(),
  dueDate: z.string().nullable(),
  doneAt: z.string().nullable(),
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
  offerId: z.string().nullable(),
  offerTitle: z.string().nullable(),
  contacts: z.array(z.object({ id: z.string(), name: z.string() })),
  ownerId: z.string(),
  ownerName: z.string(),
  teamId: z.string().nullable(),
  visibility: z.string(),
  followUpOf: z.string().nullable().describe('For a follow-up task: the visit or call whose next step it is'),
  followUpTaskId: z.string().nullable().describe('For a visit or call: the task made of its next step'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Activity = z.infer<typeof activitySchema>;

export const dateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD.')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'Not a date.');
const instant = z.string().datetime({ offset: true });
/** The task a visit or call leads to (its "next steps"), created with it. */
export const followUpSchema = z.strictObject({
  subject: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Defaults to the first line of the next steps'),
  dueDate: dateOnly,
});
export type FollowUp = z.infer<typeof followUpSchema>;
export const activityCreateSchema = z.strictObject({
  kind: z.enum(ACTIVITY_KINDS).default('visit'),
  subject: z.string().trim().min(1).max(200).optional(),
  bodyMd: z.string().max(20_000).default(''),
  report: reportSchema.strict().nullable().optional(),
  occurredAt: instant.optional(),
  durationMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .nullable()
    .optional(),
  dueDate: dateOnly.nullable().optional(),
  accountId: z.string().uuid().nullable().default(null),
  offerId: z.string().uuid().nullable().default(null),
  contactIds: z.array(z.string().uuid()).max(50).default([]),
  visibility: visibilitySchema.optional(),
  followUp: followUpSchema.optional(),
});
export type ActivityInput = z.infer<typeof activityCreateSchema>;
/** Logging a planned visit or call: it becomes done, with its report (CRM-9). */
export const activityCompleteSchema = z.strictObject({
  subject: z.string().trim().min(1).max(200).optional(),
  bodyMd: z.string().max(20_000).optional(),
  report: reportSchema.strict().nullable().optional(),
  occurredAt: instant.optional().describe('When it took place; defaults to the planned time'),
  durationMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .nullable()
    .optional(),
  contactIds: z.array(z.string().uuid()).max(50).optional(),
  followUp: followUpSchema.optional(),
});
export type ActivityCompletion = z.infer<typeof activityCompleteSchema>;

export const activityPatchSchema = z.strictObject({
  subject: z.string().trim().min(1).max(200).optional(),
  bodyMd: z.string().max(20_000).optional(),
  report: reportSchema.strict().nullable().optional(),
  occurredAt: instant.optional(),
  durationMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .nullable()
    .optional(),
  dueDate: dateOnly.nullable().optional(),
  offerId: z.string().uuid().nullable().optional(),
  contactIds: z.array(z.string().uuid()).max(50).optional(),
  visibility: visibilitySchema.optional(),
});

export const activityListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
  sort: z.string().max(100).optional(),
  q: z.string().trim().max(200).optional(),
  kind: z
    .string()
    .max(100)
    .regex(
      /^(call|visit|email|note|task)(,(call|visit|email|note|task))*$/,
      'Kinds: call, visit, email, note, task.',
    )
    .optional(),
  accountId: z.string().uuid().optional(),
  contactId: z.string().uuid().optional(),
  offerId: z.string().uuid().optional(),
  ownerId: z.union([z.literal('me'), z.string().uuid()]).optional(),
  open: z.enum(['true', 'false']).optional(),
  planned: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: visits and calls planned, not yet logged; false: those logged'),
  from: z.string().datetime({ offset: true }).or(dateOnly).optional(),
  to: z.string().datetime({ offset: true }).or(dateOnly).optional(),
});
export type ActivityFilters = z.infer<typeof activityListQuerySchema>;
