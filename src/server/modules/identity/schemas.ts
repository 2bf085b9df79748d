import { z } from 'zod';
import { LOCALES, ROLES } from '../../../common/roles.js';

export const emailSchema = z.string().trim().toLowerCase().email().max(254);
export const passwordSchema = z.string().min(10, 'At least 10 characters.').max(200);
export const idSchema = z.string().uuid();
export const idParamsSchema = z.object({ id: idSchema });

export const meSchema = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  locale: z.enum(LOCALES),
});
export type Me = z.infer<typeof meSchema>;

export const loginBodySchema = z.object({ email: emailSchema, password: z.string().min(1).max(200) });
export const sessionAnswerSchema = z.object({ user: meSchema, csrfToken: z.string() });

export const userSchema = meSchema.extend({
  active: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
