import { z } from 'zod';
import { pagingSchema } from '../../../platform/list-query.js';
import { visibilitySchema } from '../../../platform/visibility.js';

/** A community space as the API shows it. */
export const spaceSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  description: z.string(),
  visibility: visibilitySchema,
  ownerId: z.string().uuid(),
  teamId: z.string().uuid().nullable(),
  createdAt: z.string(),
});
export type Space = z.infer<typeof spaceSchema>;

export const spaceCreateSchema = z.object({
  name: z.string().trim().min(1).max(120),
  description: z.string().max(2000).default(''),
  /** Who sees it (ID-3); a secret space is seen by its owner and the members granted access. */
  visibility: visibilitySchema.default('team'),
});
export type SpaceCreate = z.infer<typeof spaceCreateSchema>;

export const spaceListQuerySchema = pagingSchema();
