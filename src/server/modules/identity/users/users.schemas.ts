import { z } from 'zod';
import { LOCALES, ROLES } from '../../../../common/roles.js';
import { listQuerySchema } from '../../../platform/list-query.js';
import { emailSchema } from '../shared/schemas.js';

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

export const userSchema = meSchema.extend({
  active: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

export const userListQuerySchema = listQuerySchema.extend({
  q: z.string().max(100).optional(),
  role: z.enum(ROLES).optional(),
  teamId: z.string().uuid().optional(),
  active: booleanQuery.optional(),
});

export const userInviteSchema = z.object({
  email: emailSchema,
  firstName: z.string().trim().min(1).max(80),
  lastName: z.string().trim().min(1).max(80),
  role: z.enum(ROLES),
  teamId: z.string().uuid().nullable().default(null),
});

export const userChangesSchema = z.strictObject({
  role: z.enum(ROLES).optional(),
  teamId: z.string().uuid().nullable().optional(),
  active: z.boolean().optional(),
  firstName: z.string().trim().min(1).max(80).optional(),
  lastName: z.string().trim().min(1).max(80).optional(),
});
export type UserChanges = z.infer<typeof userChangesSchema>;
