import { z } from 'zod';
import { pagingSchema } from '../../../platform/list-query.js';
import { WEBHOOK_EVENT_TYPES } from '../catalogue.js';

export const eventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);

/** An endpoint as the API shows it: never its secret, which is shown once, at creation. */
export const endpointSchema = z.object({
  id: z.string().uuid(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(eventTypeSchema),
  ownerId: z.string().uuid(),
  enabled: z.boolean(),
  /** Why Relais stopped delivering (after repeated failures), until an admin enables it again. */
  disabledReason: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Endpoint = z.infer<typeof endpointSchema>;

/** The answer to a creation: the endpoint and its signing secret (`whsec_…`), this once. */
export const createdEndpointSchema = endpointSchema.extend({ secret: z.string() });

const urlField = z.string().trim().min(1).max(2000);

export const endpointCreateSchema = z
  .object({
    url: urlField,
    description: z.string().trim().max(500).default(''),
    eventTypes: z.array(eventTypeSchema).min(1).max(50),
  })
  .strict();
export type EndpointCreate = z.infer<typeof endpointCreateSchema>;

export const endpointPatchSchema = z
  .object({
    url: urlField.optional(),
    description: z.string().trim().max(500).optional(),
    eventTypes: z.array(eventTypeSchema).min(1).max(50).optional(),
    /** Enabling again clears the failures that disabled it. */
    enabled: z.boolean().optional(),
  })
  .strict();
export type EndpointPatch = z.infer<typeof endpointPatchSchema>;

export const endpointParamsSchema = z.object({ id: z.string().uuid() }).strict();
export const endpointListQuerySchema = pagingSchema();
/** The catalogue is short: everything by default, paged like every list. */
export const eventTypesQuerySchema = pagingSchema({ defaultLimit: 100, maxLimit: 100 });
