import { z } from 'zod';
import { listQuerySchema } from '../../../platform/list-query.js';
import { visibilitySchema } from '../../../platform/visibility.js';

export const KNOWLEDGE_TYPES = [
  'product_sheet',
  'procedure',
  'answer',
  'objection',
  'competitor_watch',
  'win_story',
  'training',
] as const;
export const KNOWLEDGE_STATUSES = [
  'draft',
  'in_review',
  'validated',
  'published',
  'stale',
  'archived',
] as const;
export const TRANSITIONS = [
  'submit',
  'validate',
  'publish',
  'reject',
  'verify',
  'archive',
  'reopen',
] as const;
/** Statuses whose content readers see: changing it waits for review (issue 9). */
export const READABLE_STATUSES = ['validated', 'published', 'stale'] as const;

export const typeSchema = z.enum(KNOWLEDGE_TYPES);
export const statusSchema = z.enum(KNOWLEDGE_STATUSES);
export const langSchema = z.enum(['fr', 'en']);
export const deliverySchema = z.enum(['pull', 'push']);
/** PostgreSQL text cannot hold NUL: it is dropped (a pasted payload would otherwise fail with a 500). */
const noNul = (text: string) => text.replace(/\u0000/g, '');
const tagSchema = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .transform((tag) => tag.toLowerCase());

export const idParams = z.object({ id: z.string().uuid() });

/** Who a `push` item is delivered to (PUSH-1): teams with their sub-teams (none: every team the author may address) and roles (none: all). */
export const audienceSchema = z.strictObject({
  teamIds: z.array(z.string().uuid()).max(100).default([]),
  roles: z
    .array(z.enum(['rep', 'manager', 'expert', 'admin']))
    .max(4)
    .default([]),
});
const pushAtSchema = z
  .string()
  .datetime({ offset: true })
  .nullable()
  .describe('When to deliver a push item; null: on publication');

export const itemInputSchema = z.strictObject({
  type: typeSchema,
  title: z.string().transform(noNul).pipe(z.string().trim().min(1).max(300)),
  problem: z.string().max(20_000).transform(noNul).default(''),
  body: z.string().max(200_000).transform(noNul).default(''),
  lang: langSchema.optional().describe('Detected from the text when not given'),
  tags: z.array(tagSchema).max(30).default([]),
  productIds: z.array(z.string().uuid()).max(50).default([]),
  accountIds: z.array(z.string().uuid()).max(50).default([]),
  situationIds: z.array(z.string().uuid()).max(50).default([]),
  status: statusSchema.optional().describe('draft by default; experts and admins may create published items'),
  delivery: deliverySchema.default('pull'),
  audience: audienceSchema.default({ teamIds: [], roles: [] }).describe('Push items: who receives them'),
  pushAt: pushAtSchema.default(null),
  visibility: visibilitySchema.default('public'),
  verifyIntervalDays: z.number().int().min(1).max(3650).default(180),
});
export type ItemInput = z.infer<typeof itemInputSchema>;

export const previewInputSchema = z.strictObject({
  body: z.string().max(200_000).transform(noNul).describe('Markdown'),
});
export const previewSchema = z.object({
  html: z.string().describe('Sanitised HTML, exactly as the item would store it'),
});

export const itemPatchSchema = z.strictObject({
  type: typeSchema.optional(),
  title: z.string().transform(noNul).pipe(z.string().trim().min(1).max(300)).optional(),
  problem: z.string().max(20_000).transform(noNul).optional(),
  body: z.string().max(200_000).transform(noNul).optional(),
  lang: langSchema.optional(),
  tags: z.array(tagSchema).max(30).optional(),
  productIds: z.array(z.string().uuid()).max(50).optional(),
  accountIds: z.array(z.string().uuid()).max(50).optional(),
  situationIds: z.array(z.string().uuid()).max(50).optional(),
  delivery: deliverySchema.optional(),
  audience: audienceSchema.optional(),
  pushAt: pushAtSchema.optional(),
  visibility: visibilitySchema.optional(),
  verifyIntervalDays: z.number().int().min(1).max(3650).optional(),
  note: z.string().max(500).optional().describe('Why this change (kept with the version)'),
});
export type ItemPatch = z.infer<typeof itemPatchSchema>;

export const attachmentSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
});

export const itemSummarySchema = z.object({
  id: z.string(),
  type: typeSchema,
  title: z.string(),
  lang: langSchema,
  tags: z.array(z.string()),
  status: statusSchema,
  delivery: deliverySchema,
  visibility: visibilitySchema,
  ownerId: z.string(),
  ownerName: z.string(),
  version: z.number().describe('The version readers see'),
  reviewVersion: z
    .number()
    .nullable()
    .describe('A change waiting for an expert (readers still see `version`)'),
  viewCount: z.number(),
  reuseCount: z.number(),
  usefulCount: z.number(),
  notUsefulCount: z.number(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  createdAt: z.string(),
});

export const itemSchema = itemSummarySchema.extend({
  problem: z.string(),
  body: z.string(),
  html: z.string(),
  productIds: z.array(z.string()),
  accountIds: z.array(z.string()),
  situationIds: z.array(z.string()),
  teamId: z.string().nullable(),
  verifyIntervalDays: z.number(),
  verifiedAt: z.string().nullable(),
  validatedAt: z.string().nullable(),
  validatedBy: z.string().nullable(),
  staleAt: z.string().nullable(),
  audience: z.object({ teamIds: z.array(z.string()), roles: z.array(z.string()) }),
  pushAt: z.string().nullable(),
  pushedAt: z.string().nullable().describe('When the last version was delivered (push items)'),
  pushedVersion: z.number().nullable(),
  attachments: z.array(attachmentSchema),
  canEdit: z.boolean(),
  canValidate: z
    .boolean()
    .describe(
      'This user may validate what waits for review now (expert, and not its only author when a second expert is required)',
    ),
  revision: z
    .object({
      version: z.number(),
      type: typeSchema,
      title: z.string(),
      problem: z.string(),
      body: z.string(),
      html: z.string(),
      tags: z.array(z.string()),
      note: z.string().nullable(),
      createdBy: z.string().nullable(),
      createdByName: z.string().nullable(),
      createdAt: z.string(),
    })
    .nullable()
    .describe('The change in review, for its owner, its author and the experts'),
});
export type Item = z.infer<typeof itemSchema>;

export const listItemsQuery = listQuerySchema.extend({
  type: typeSchema.optional(),
  status: statusSchema.optional(),
  tag: z.string().max(60).optional(),
  product: z.string().uuid().optional(),
  situation: z.string().uuid().optional(),
  owner: z.string().uuid().optional(),
  delivery: deliverySchema.optional(),
  lang: langSchema.optional(),
  review: z.enum(['pending']).optional().describe('pending: readable items with a change waiting for review'),
});

export const versionSchema = z.object({
  version: z.number(),
  state: z
    .enum(['current', 'earlier', 'in_review', 'rejected'])
    .describe('current: what readers see; in_review: waits for an expert'),
  type: z.string(),
  title: z.string(),
  problem: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});

export const diffPartSchema = z.object({ value: z.string(), added: z.boolean(), removed: z.boolean() });
export const diffSchema = z.object({
  from: z.number(),
  to: z.number(),
  fields: z.array(z.object({ field: z.string(), changed: z.boolean(), parts: z.array(diffPartSchema) })),
  unified: z.string(),
});
