import { randomBytes } from 'node:crypto';
import type { Ctx } from '../../../platform/context.js';
import { notFound, validationError } from '../../../platform/errors.js';
import type { Paging } from '../../../platform/list-query.js';
import {
  checkOutboundUrl,
  outboundPolicy,
  OutboundRefused,
  resolvePublicHost,
} from '../../../platform/outbound.js';
import { assertCanManageWebhooks } from '../webhooks.policy.js';
import {
  deleteEndpoint,
  findEndpoint,
  insertEndpoint,
  listEndpoints,
  updateEndpoint,
} from './endpoints.repository.js';
import type { Endpoint, EndpointCreate, EndpointPatch } from './endpoints.schemas.js';

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** The same address rules as web push: https to a public host, unless the host is trusted by a setting. */
async function assertDeliverableUrl(ctx: Ctx, url: string): Promise<void> {
  try {
    const policy = outboundPolicy(ctx.deps);
    await resolvePublicHost(checkOutboundUrl(url, policy), policy);
  } catch (error) {
    if (error instanceof OutboundRefused)
      throw validationError(
        [{ field: 'url', code: error.code, message: error.message }],
        'A webhook endpoint must be an https URL on a public host.',
      );
    throw error;
  }
}

export async function createEndpoint(
  ctx: Ctx,
  input: EndpointCreate,
): Promise<Endpoint & { secret: string }> {
  assertCanManageWebhooks(ctx.actor);
  await assertDeliverableUrl(ctx, input.url);
  const secret = newSecret();
  const endpoint = await insertEndpoint(ctx.tx, {
    url: input.url,
    description: input.description,
    eventTypes: [...new Set(input.eventTypes)],
    secret,
    ownerId: ctx.actor.userId,
  });
  return { ...endpoint, secret };
}

export function findEndpoints(ctx: Ctx, paging: Paging) {
  assertCanManageWebhooks(ctx.actor);
  return listEndpoints(ctx.tx, paging);
}

export async function getEndpoint(ctx: Ctx, id: string): Promise<Endpoint> {
  assertCanManageWebhooks(ctx.actor);
  const endpoint = await findEndpoint(ctx.tx, id);
  if (!endpoint) throw notFound('webhook endpoint');
  return endpoint;
}

export async function changeEndpoint(ctx: Ctx, id: string, patch: EndpointPatch): Promise<Endpoint> {
  assertCanManageWebhooks(ctx.actor);
  if (patch.url !== undefined) await assertDeliverableUrl(ctx, patch.url);
  const endpoint = await updateEndpoint(ctx.tx, id, {
    ...patch,
    eventTypes: patch.eventTypes && [...new Set(patch.eventTypes)],
  });
  if (!endpoint) throw notFound('webhook endpoint');
  return endpoint;
}

export async function removeEndpoint(ctx: Ctx, id: string): Promise<void> {
  assertCanManageWebhooks(ctx.actor);
  if (!(await deleteEndpoint(ctx.tx, id))) throw notFound('webhook endpoint');
}
