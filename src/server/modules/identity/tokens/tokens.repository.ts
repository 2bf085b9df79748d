import type { Queryable } from '../../../db/client.js';

/** An API token as its owner sees it (never its hash). */
export type ApiToken = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
};

type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  created_at: Date | string;
  last_used_at: Date | string | null;
  total?: number;
};

const toToken = (row: TokenRow): ApiToken => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  createdAt: new Date(row.created_at).toISOString(),
  lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at).toISOString(),
});

/** A user's live tokens, newest first, with the total (counted apart when the page is empty). */
export async function listOwnTokens(tx: Queryable, userId: string, limit: number, offset: number) {
  const rows = await tx.query<TokenRow>(
    `select *, count(*) over ()::int as total from api_tokens where user_id = $1 and revoked_at is null order by created_at desc, id limit $2 offset $3`,
    [userId, limit, offset],
  );
  const total =
    rows[0]?.total ??
    (offset > 0
      ? (
          await tx.query<{ n: number }>(
            `select count(*)::int as n from api_tokens where user_id = $1 and revoked_at is null`,
            [userId],
          )
        )[0].n
      : 0);
  return { items: rows.map(toToken), total };
}

export async function insertToken(
  tx: Queryable,
  input: { userId: string; name: string; tokenHash: string; prefix: string },
): Promise<ApiToken> {
  const [row] = await tx.query<TokenRow>(
    `insert into api_tokens (user_id, name, token_hash, prefix) values ($1, $2, $3, $4) returning *`,
    [input.userId, input.name, input.tokenHash, input.prefix],
  );
  return toToken(row);
}

/** Revokes one of the user's live tokens; false when there was none. */
export async function revokeOwnToken(tx: Queryable, tokenId: string, userId: string): Promise<boolean> {
  const revoked = await tx.query(
    `update api_tokens set revoked_at = now() where id = $1 and user_id = $2 and revoked_at is null returning token_hash`,
    [tokenId, userId],
  );
  return revoked.length > 0;
}
