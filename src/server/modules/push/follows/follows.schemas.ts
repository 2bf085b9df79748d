import { z } from 'zod';
import { pagingSchema } from '../../../platform/list-query.js';

export const FOLLOW_TARGETS = ['product', 'knowledge', 'situation', 'account', 'segment', 'tag'] as const;
export type FollowTarget = (typeof FOLLOW_TARGETS)[number];

export const followSchema = z.object({
  targetType: z.enum(FOLLOW_TARGETS),
  targetId: z.string(),
  createdAt: z.string(),
});
export type Follow = z.infer<typeof followSchema>;

export const targetSchema = z.strictObject({
  targetType: z.enum(FOLLOW_TARGETS),
  targetId: z.string().trim().min(1).max(200),
});

export const followListQuerySchema = pagingSchema({ defaultLimit: 500 }).extend({
  targetType: z.enum(FOLLOW_TARGETS).optional(),
});
