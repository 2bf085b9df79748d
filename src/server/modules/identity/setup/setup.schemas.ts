import { z } from 'zod';
import { emailSchema, passwordSchema } from '../shared/schemas.js';

export const setupBodySchema = z.object({
  organisationName: z.string().trim().min(1).max(120),
  firstName: z.string().trim().min(1).max(80),
  lastName: z.string().trim().min(1).max(80),
  email: emailSchema,
  password: passwordSchema,
});
export type SetupInput = z.infer<typeof setupBodySchema>;

export const setupStateSchema = z.object({ needsSetup: z.boolean() });
