import { z } from 'zod';
import { pagingSchema } from '../../../platform/list-query.js';

/** One delivery of an event to an endpoint, as the log shows it. */
export const deliverySchema = z.object({
  id: z.string().uuid(),
  endpointId: z.string().uuid(),
  messageId: z.string(),
  eventType: z.string(),
  payload: z.record(z.string(), z.unknown()),
  redeliveryOf: z.string().uuid().nullable(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  /** The start of the receiver's answer, or why no answer came. */
  responseExcerpt: z.string().nullable(),
  error: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const deliveryParamsSchema = z
  .object({ id: z.string().uuid(), deliveryId: z.string().uuid() })
  .strict();
export const deliveryListQuerySchema = pagingSchema({ defaultLimit: 20, maxLimit: 100 });
