import { z } from 'zod';

/** Fields several identity features accept. */
export const emailSchema = z.string().trim().toLowerCase().email().max(254);
export const passwordSchema = z.string().min(10, 'At least 10 characters.').max(200);
export const idSchema = z.string().uuid();
export const idParamsSchema = z.object({ id: idSchema });
