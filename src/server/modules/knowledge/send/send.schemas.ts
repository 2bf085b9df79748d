import { z } from 'zod';

/** KB-6: what a send to a client takes and answers. */
export const SEND_WARNINGS = [
  'draft',
  'in_review',
  'validated',
  'stale',
  'archived',
  'no_consent',
  'no_email',
] as const;

export const sendBody = z.strictObject({
  contactId: z.string().uuid(),
  accountId: z.string().uuid().optional(),
  subject: z.string().trim().max(200).optional(),
  message: z.string().trim().min(1).max(10_000),
});
export const sendResult = z.object({
  id: z.string(),
  status: z.enum(['sent', 'stored']),
  to: z.string(),
  subject: z.string(),
  activityId: z.string(),
  mailMessageId: z.string(),
  attachments: z.array(z.string()),
});
export const sendSchema = z.object({
  id: z.string(),
  itemId: z.string().nullable(),
  productId: z.string().nullable(),
  accountId: z.string(),
  accountName: z.string().nullable(),
  contactId: z.string(),
  contactName: z.string().nullable(),
  to: z.string(),
  subject: z.string(),
  status: z.string(),
  openCount: z.number(),
  firstOpenedAt: z.string().nullable(),
  clickCount: z.number(),
  firstClickedAt: z.string().nullable(),
  activityId: z.string().nullable(),
  sentAt: z.string(),
  sentByName: z.string().nullable(),
});
