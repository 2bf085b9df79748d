import { z } from 'zod';
import { LOCALES } from '../../../../common/roles.js';
import { passwordSchema } from '../shared/schemas.js';

export const profileChangesSchema = z.strictObject({
  firstName: z.string().trim().min(1).max(80).optional(),
  lastName: z.string().trim().min(1).max(80).optional(),
  locale: z.enum(LOCALES).optional(),
});
export type ProfileChanges = z.infer<typeof profileChangesSchema>;

export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
  revokeTokens: z.boolean().default(true),
});
