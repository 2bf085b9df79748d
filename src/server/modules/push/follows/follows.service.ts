import type { Ctx } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';
import { sourcesOf } from '../shared/push-state.js';
import { deleteFollow, findFollows, insertFollow, type FollowRow } from './follows.repository.js';
import type { Follow, FollowTarget } from './follows.schemas.js';

/** Targets that are records (checked to exist and be visible); segments and tags are free labels. */
const RECORDS = new Set<FollowTarget>(['product', 'knowledge', 'situation', 'account']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toFollow = (row: FollowRow): Follow => ({
  targetType: row.target_type as FollowTarget,
  targetId: row.target_id,
  createdAt: row.created_at,
});

/** How a target is stored: a record by its id, a label lower-cased. */
const storedId = (type: FollowTarget, id: string) => (RECORDS.has(type) ? id : id.toLowerCase());

/** A record must exist and be visible to the follower (RLS, through its module's source). */
async function checkTarget(ctx: Ctx, type: FollowTarget, id: string): Promise<string> {
  if (!RECORDS.has(type)) return storedId(type, id);
  if (!UUID.test(id)) throw notFound(type);
  const { crm, knowledge } = sourcesOf(ctx.deps);
  const exists = {
    product: crm.productExists,
    account: crm.accountExists,
    knowledge: knowledge.knowledgeExists,
    situation: knowledge.situationExists,
  }[type as 'product' | 'account' | 'knowledge' | 'situation'];
  if (!(await exists(ctx.tx, id))) throw notFound(type);
  return id;
}

export async function listMyFollows(ctx: Ctx, targetType: FollowTarget | undefined): Promise<Follow[]> {
  return (await findFollows(ctx.tx, ctx.actor.userId, targetType ?? null)).map(toFollow);
}

export async function follow(ctx: Ctx, type: FollowTarget, id: string): Promise<Follow> {
  const targetId = await checkTarget(ctx, type, id);
  return toFollow(await insertFollow(ctx.tx, ctx.actor.userId, type, targetId));
}

export async function unfollow(ctx: Ctx, type: FollowTarget, id: string): Promise<void> {
  if (!(await deleteFollow(ctx.tx, ctx.actor.userId, type, storedId(type, id)))) throw notFound('follow');
}
