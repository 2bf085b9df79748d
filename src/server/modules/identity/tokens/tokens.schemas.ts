import { z } from 'zod';

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

export const tokenCreateSchema = z.object({ name: z.string().trim().min(1).max(80) });
