import { z } from 'zod';
import { listQuerySchema } from '../../../platform/list-query.js';

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /** The target's name (a person, a team, or the name its entry noted), so readers never see ids. */
  targetName: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  /** Names of the people and teams the details mention by id. */
  names: z.record(z.string(), z.string()),
});

export const auditQuerySchema = listQuerySchema.omit({ sort: true }).extend({
  action: z.string().max(80).optional(),
  actorId: z.string().uuid().optional(),
  targetType: z.string().max(40).optional(),
  targetId: z.string().max(80).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
