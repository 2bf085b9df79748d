import { z } from 'zod';
import { itemSummarySchema } from '../items/items.schemas.js';

/** KB-5: situations, and their links to accounts. */
const text = (max: number) => z.string().trim().max(max);
export const situationBody = z.strictObject({
  name: text(200).min(1),
  description: text(4000).default(''),
  signals: z
    .array(text(80).min(2))
    .max(40)
    .default([])
    .describe('Words or phrases that suggest it in a visit report or note'),
  fieldSignals: z
    .array(
      z.enum([
        'contact.accountIds',
        'contact.title',
        'contact.emails',
        'account.segment',
        'account.kind',
        'account.sector',
      ]),
    )
    .max(10)
    .default([]),
  advice: text(20_000).default('').describe('Markdown'),
  productIds: z.array(z.string().uuid()).max(50).default([]),
  knowledgeIds: z.array(z.string().uuid()).max(100).default([]),
});
export const situationSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  signals: z.array(z.string()),
  fieldSignals: z.array(z.string()),
  advice: z.string(),
  adviceHtml: z.string(),
  productIds: z.array(z.string()),
  knowledgeCount: z.number(),
  accountCount: z.number(),
  updatedAt: z.string(),
});
export const situationDetail = situationSchema.extend({
  knowledge: z.array(itemSummarySchema),
  products: z.array(z.object({ id: z.string(), reference: z.string(), name: z.string() })),
  accounts: z.array(
    z.object({
      linkId: z.string(),
      accountId: z.string(),
      accountName: z.string(),
      contactId: z.string().nullable(),
      status: z.string(),
      source: z.string(),
      reason: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});
export const linkSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  contactId: z.string().nullable(),
  situationId: z.string(),
  situationName: z.string(),
  status: z.enum(['suggested', 'confirmed', 'dismissed']),
  source: z.string(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
