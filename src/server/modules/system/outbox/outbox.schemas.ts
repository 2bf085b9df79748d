import { z } from 'zod';
import { pageSchema, pagingSchema } from '../../../platform/list-query.js';

export const MAIL_STATUSES = ['queued', 'sent', 'stored', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export const mailSummarySchema = z.object({
  id: z.string(),
  to: z.string(),
  replyTo: z.string().nullable(),
  subject: z.string(),
  status: z.enum(MAIL_STATUSES),
  error: z.string().nullable(),
  relatedType: z.string().nullable(),
  relatedId: z.string().nullable(),
  confidential: z.boolean().describe('About a record the reader may not see: only the envelope is shown'),
  attachments: z.array(z.object({ filename: z.string(), size: z.number() })),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type MailSummary = z.infer<typeof mailSummarySchema>;

export const outboxQuerySchema = pagingSchema().extend({ status: z.enum(MAIL_STATUSES).optional() });
export const outboxPageSchema = pageSchema(mailSummarySchema).extend({ smtpConfigured: z.boolean() });
export const mailSchema = mailSummarySchema.extend({ text: z.string(), html: z.string().nullable() });
export const mailParamsSchema = z.object({ id: z.string().uuid() });
