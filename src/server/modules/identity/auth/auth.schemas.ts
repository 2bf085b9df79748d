import { z } from 'zod';
import { passwordSchema, emailSchema } from '../shared/schemas.js';
import { meSchema } from '../users/users.schemas.js';

export const loginBodySchema = z.object({ email: emailSchema, password: z.string().min(1).max(200) });
export const sessionAnswerSchema = z.object({ user: meSchema, csrfToken: z.string() });

// Any length is accepted so a mangled link answers 404 invite.not_found, not a validation error.
export const inviteParamsSchema = z.object({ token: z.string().max(200) });
export const inviteSchema = z.object({ email: z.string(), firstName: z.string(), lastName: z.string() });
export const acceptInviteSchema = z.object({ password: passwordSchema });
