import { z } from 'zod';
import { TEAM_KINDS } from '../../../../common/roles.js';

export const teamSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(TEAM_KINDS),
  parentId: z.string().nullable(),
  managerId: z.string().nullable(),
  managerName: z.string().nullable(),
  memberCount: z.number().int(),
});
export type Team = z.infer<typeof teamSchema>;

export const teamCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  kind: z.enum(TEAM_KINDS),
  parentId: z.string().uuid().nullable().default(null),
  managerId: z.string().uuid().nullable().optional(),
});
// No defaults on a change: an absent field stays as it is.
export const teamChangesSchema = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  kind: z.enum(TEAM_KINDS).optional(),
  parentId: z.string().uuid().nullable().optional(),
  managerId: z.string().uuid().nullable().optional(),
});
