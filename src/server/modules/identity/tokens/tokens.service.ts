import type { Ctx } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';
import { decodeCursor, toPage, type Paging } from '../../../platform/list-query.js';
import { API_TOKEN_PREFIX, randomSecret, sha256 } from '../shared/credentials.js';
import { insertToken, listOwnTokens, revokeOwnToken, type ApiToken } from './tokens.repository.js';

/** The signed-in user's live tokens, newest first. */
export async function listTokens(ctx: Ctx, query: Paging) {
  const offset = decodeCursor(query.cursor);
  const { items, total } = await listOwnTokens(ctx.tx, ctx.actor.userId, query.limit + 1, offset);
  return toPage(items, query, offset, total);
}

/** A new personal token: only its hash is stored, so the token itself is answered once. */
export async function createToken(ctx: Ctx, name: string): Promise<ApiToken & { token: string }> {
  const token = `${API_TOKEN_PREFIX}${randomSecret()}`;
  const created = await insertToken(ctx.tx, {
    userId: ctx.actor.userId,
    name,
    tokenHash: sha256(token),
    prefix: token.slice(0, 8),
  });
  return { ...created, token };
}

export async function revokeToken(ctx: Ctx, tokenId: string): Promise<void> {
  if (!(await revokeOwnToken(ctx.tx, tokenId, ctx.actor.userId))) throw notFound('token');
}
