import { z } from 'zod';
import { ROLES } from '../../../../common/roles.js';
import { listQuerySchema, pageSchema, pagingSchema } from '../../../platform/list-query.js';

/** Schemas of broadcasts and seasonal pushes (PUSH-4). */

/** Who a broadcast (or a pushed knowledge item) reaches; a dimension left empty does not filter. */
export type Audience = {
  teamIds?: string[];
  roles?: string[];
  segments?: string[];
  sectors?: string[];
  countries?: string[];
};

export const broadcastIdParamsSchema = z.object({ id: z.string().uuid() });

const label = z.string().trim().min(1).max(100);
export const audienceSchema = z.strictObject({
  teamIds: z.array(z.string().uuid()).max(200).default([]),
  roles: z.array(z.enum(ROLES)).max(4).default([]),
  segments: z.array(label).max(100).default([]),
  sectors: z.array(label).max(100).default([]),
  countries: z
    .array(z.string().regex(/^[A-Za-z]{2}$/))
    .max(100)
    .default([]),
});

const monthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'MM-DD')
  .refine(
    (v) =>
      !Number.isNaN(Date.parse(`2024-${v}T00:00:00Z`)) &&
      new Date(`2024-${v}T00:00:00Z`).getUTCDate() === Number(v.slice(3)),
    'Not a day of the year.',
  );

export const broadcastCreateSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  body: z.string().max(20_000).default(''),
  lang: z.enum(['fr', 'en']).default('fr'),
  audience: audienceSchema.default({ teamIds: [], roles: [], segments: [], sectors: [], countries: [] }),
  requiresAck: z.boolean().default(false),
  ackDue: z.string().date().nullable().optional(),
  schedule: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('now') }),
      z.strictObject({ kind: z.literal('at'), startsAt: z.string().datetime({ offset: true }) }),
      z.strictObject({
        kind: z.literal('season'),
        from: monthDay,
        to: monthDay,
        startsAt: z.string().datetime({ offset: true }).optional(),
      }),
    ])
    .default({ kind: 'now' }),
  knowledgeIds: z.array(z.string().uuid()).max(20).default([]),
});
export type BroadcastCreate = z.infer<typeof broadcastCreateSchema>;

export const broadcastListQuerySchema = listQuerySchema.extend({
  pendingAck: z.enum(['true']).optional(),
  q: z.string().max(200).optional(),
});
export type BroadcastListQuery = z.infer<typeof broadcastListQuerySchema>;

const receiptSchema = z
  .object({ readAt: z.string().nullable(), ackedAt: z.string().nullable(), periodKey: z.string() })
  .nullable();

export const broadcastSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  html: z.string(),
  lang: z.string(),
  audience: z.unknown(),
  requiresAck: z.boolean(),
  ackDue: z.string().nullable(),
  schedule: z.object({
    kind: z.string(),
    startsAt: z.string().nullable(),
    from: z.string().nullable(),
    to: z.string().nullable(),
  }),
  active: z.boolean(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
  stats: z.object({ recipients: z.number(), read: z.number(), acked: z.number(), runs: z.number() }),
  myReceipt: receiptSchema,
  knowledge: z.array(z.object({ id: z.string(), title: z.string(), url: z.string() })),
});
export type Broadcast = z.infer<typeof broadcastSchema>;

export const receiptsQuerySchema = pagingSchema({ defaultLimit: 500 }).extend({
  status: z.enum(['unread', 'read', 'acked', 'pending_ack']).optional(),
});
export type ReceiptsQuery = z.infer<typeof receiptsQuerySchema>;

const receiptItemSchema = z.object({
  userId: z.string(),
  name: z.string(),
  teamName: z.string().nullable(),
  periodKey: z.string(),
  readAt: z.string().nullable(),
  ackedAt: z.string().nullable(),
  reminderCount: z.number(),
});
export type Receipt = z.infer<typeof receiptItemSchema>;

export const receiptsPageSchema = pageSchema(receiptItemSchema).extend({
  recipients: z.number().describe('All recipients, whatever the status filter'),
  read: z.number(),
  acked: z.number(),
});
