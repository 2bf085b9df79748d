import { writeAudit } from '../../../platform/audit.js';
import type { Ctx } from '../../../platform/context.js';
import {
  badRequest,
  forbidden,
  notFound,
  validationError,
  type FieldError,
} from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { keysetOf, orderBy, type ListQuery, type Page } from '../../../platform/list-query.js';
import { auditSecretRead } from '../../../platform/visibility.js';
import { applyCustomFields, validateCustomFields } from '../custom-fields/custom-fields.service.js';
import { mayManageAccount } from './accounts.policy.js';
import {
  deleteAccountRow,
  findAccount,
  findAccountContacts,
  findAccounts,
  findAllAccounts,
  findUserTeam,
  insertAccount,
  mergeAccountRows,
  teamExists,
  updateAccountRow,
} from './accounts.repository.js';
import {
  ACCOUNT_NOT_NULL_SORTS,
  ACCOUNT_SORTS,
  type Account,
  type AccountFilters,
  type AccountInput,
  type AccountPatch,
} from './accounts.schemas.js';
import { isValidSiren, isValidSiret, normaliseCompanyNumber } from './siren.js';

/** Normalises and checks SIREN/SIRET (Luhn); a SIRET must start with the SIREN when both are given. */
function checkCompanyNumbers(input: { siren?: string | null; siret?: string | null }, errors: FieldError[]) {
  const out: { siren?: string | null; siret?: string | null } = {};
  if (input.siren !== undefined) {
    const siren = input.siren ? normaliseCompanyNumber(input.siren) : null;
    if (siren && !isValidSiren(siren))
      errors.push({
        field: 'siren',
        message: 'A SIREN is 9 digits with a valid checksum.',
        code: 'invalid_siren',
      });
    out.siren = siren;
  }
  if (input.siret !== undefined) {
    const siret = input.siret ? normaliseCompanyNumber(input.siret) : null;
    if (siret && !isValidSiret(siret))
      errors.push({
        field: 'siret',
        message: 'A SIRET is 14 digits with a valid checksum.',
        code: 'invalid_siret',
      });
    out.siret = siret;
  }
  return out;
}

const guardFields = (account: Partial<Account>, extra: Record<string, unknown> = {}) => ({
  accountId: account.id,
  name: account.name,
  kind: account.kind,
  segment: account.segment,
  sector: account.sector,
  size: account.size,
  country: account.country,
  city: account.city,
  postalCode: account.postalCode,
  tags: account.tags,
  visibility: account.visibility,
  ...extra,
});

export async function listAccounts(
  ctx: Ctx,
  filters: AccountFilters,
  query: ListQuery,
): Promise<Page<Account>> {
  return findAccounts(
    ctx.tx,
    filters,
    keysetOf(query.sort, ACCOUNT_SORTS, 'name', 'a.id', ACCOUNT_NOT_NULL_SORTS),
    query.limit,
    query.cursor,
  );
}

export const EXPORT_MAX_ROWS = 50_000;

export async function exportAccounts(ctx: Ctx, filters: AccountFilters, sort?: string): Promise<Account[]> {
  const rows = await findAllAccounts(
    ctx.tx,
    filters,
    orderBy(sort, ACCOUNT_SORTS, 'name', 'a.id'),
    EXPORT_MAX_ROWS,
  );
  await writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action: 'account.exported',
    targetType: 'account',
    ip: ctx.ip,
    details: { filters, count: rows.length },
  });
  return rows;
}

/** Loads a visible account or 404; every read of a secret one is audited. */
export async function getAccount(ctx: Ctx, id: string, how = 'get') {
  const account = await findAccount(ctx.tx, id);
  if (!account) throw notFound('account');
  await auditSecretRead(ctx, 'account', account, how);
  return account;
}

export async function getAccountDetail(ctx: Ctx, id: string) {
  const account = await getAccount(ctx, id);
  return { ...account, contacts: await findAccountContacts(ctx.tx, id) };
}

async function resolveOwnerAndTeam(
  ctx: Ctx,
  ownerId: string | undefined,
  teamId: string | null | undefined,
  errors: FieldError[],
) {
  const owner = ownerId ?? ctx.actor.userId;
  const ownerTeam = await findUserTeam(ctx.tx, owner);
  if (!ownerTeam)
    errors.push({ field: 'ownerId', message: 'Unknown or inactive user.', code: 'unknown_user' });
  if (teamId) {
    if (!(await teamExists(ctx.tx, teamId)))
      errors.push({ field: 'teamId', message: 'Unknown team.', code: 'unknown_team' });
  }
  return { ownerId: owner, teamId: teamId !== undefined ? teamId : (ownerTeam?.teamId ?? null) };
}

export async function createAccount(ctx: Ctx, input: AccountInput): Promise<Account> {
  const errors: FieldError[] = [];
  const numbers = checkCompanyNumbers(input, errors);
  const placement = await resolveOwnerAndTeam(ctx, input.ownerId, input.teamId, errors);
  if (errors.length) throw validationError(errors);
  const customFields = applyCustomFields(
    {},
    await validateCustomFields(ctx.tx, 'account', input.customFields),
  );
  const values = { ...input, ...numbers, ...placement, customFields, tags: [...new Set(input.tags)] };
  await ctx.deps.points.checkAction(ctx, 'account.create', guardFields(values as Partial<Account>));
  const id = await insertAccount(ctx.tx, values);
  const account = (await findAccount(ctx.tx, id))!;
  await emitEvent(ctx.tx, {
    type: 'account.created',
    payload: { accountId: id },
    actorId: ctx.actor.userId,
    recipients: account.ownerId !== ctx.actor.userId ? [account.ownerId] : [],
  });
  return account;
}

export async function updateAccount(ctx: Ctx, id: string, patch: AccountPatch): Promise<Account> {
  const current = await findAccount(ctx.tx, id);
  if (!current) throw notFound('account');
  if (
    (patch.ownerId !== undefined && patch.ownerId !== current.ownerId) ||
    (patch.visibility !== undefined && patch.visibility !== current.visibility) ||
    (patch.teamId !== undefined && patch.teamId !== current.teamId)
  ) {
    if (!mayManageAccount(ctx.actor, current))
      throw forbidden(
        'Only the owner or an admin can change the owner, team or confidentiality.',
        'account.owner_only',
      );
  }
  const errors: FieldError[] = [];
  const numbers = checkCompanyNumbers(patch, errors);
  let placement = {};
  if (patch.ownerId !== undefined || patch.teamId !== undefined) {
    const teamId =
      patch.teamId !== undefined
        ? patch.teamId
        : patch.ownerId && patch.ownerId !== current.ownerId
          ? undefined
          : current.teamId;
    placement = await resolveOwnerAndTeam(ctx, patch.ownerId ?? current.ownerId, teamId, errors);
  }
  if (errors.length) throw validationError(errors);
  const values: Record<string, unknown> = { ...patch, ...numbers, ...placement };
  if (patch.customFields)
    values.customFields = applyCustomFields(
      current.customFields,
      await validateCustomFields(ctx.tx, 'account', patch.customFields),
    );
  if (patch.tags) values.tags = [...new Set(patch.tags)];
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(values)) {
    const from = (current as Record<string, unknown>)[key];
    if (JSON.stringify(from ?? null) !== JSON.stringify(to ?? null))
      changes[key] = { from: from ?? null, to: to ?? null };
  }
  if (Object.keys(changes).length === 0) return current;
  await ctx.deps.points.checkAction(
    ctx,
    'account.update',
    guardFields({ ...current, ...(values as Partial<Account>) }, { changes }),
  );
  await updateAccountRow(
    ctx.tx,
    id,
    Object.fromEntries(Object.keys(changes).map((key) => [key, values[key]])),
  );
  const account = await findAccount(ctx.tx, id);
  if (!account)
    throw forbidden(
      'After this change you would no longer see the account; ask its owner.',
      'account.would_hide',
    );
  await emitEvent(ctx.tx, {
    type: 'account.updated',
    payload: { accountId: id, changes },
    actorId: ctx.actor.userId,
    recipients: account.ownerId !== ctx.actor.userId ? [account.ownerId] : [],
  });
  return account;
}

export async function deleteAccount(ctx: Ctx, id: string): Promise<void> {
  const current = await findAccount(ctx.tx, id);
  if (!current) throw notFound('account');
  if (!mayManageAccount(ctx.actor, current))
    throw forbidden('Only the owner or an admin can delete this account.', 'account.owner_only');
  await deleteAccountRow(ctx.tx, id);
  await writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action: 'account.deleted',
    targetType: 'account',
    targetId: id,
    ip: ctx.ip,
    details: { name: current.name, visibility: current.visibility },
  });
  await emitEvent(ctx.tx, { type: 'account.deleted', payload: { accountId: id }, actorId: ctx.actor.userId });
}

const MERGE_FILLABLE = [
  'siren',
  'siret',
  'sector',
  'size',
  'addressLine',
  'postalCode',
  'city',
  'segment',
  'phone',
  'website',
] as const;

/**
 * Merges `otherId` into `id` (CRM-1): empty fields of the kept account are filled from the
 * other, tags and custom fields are united, and every linked record (contacts, offers,
 * activities, documents, grants…) moves over before the other is deleted.
 */
export async function mergeAccounts(ctx: Ctx, id: string, otherId: string): Promise<Account> {
  if (id === otherId)
    throw badRequest('account.merge_self', 'An account cannot be merged with itself.', [
      { field: 'otherId', message: 'Choose another account.', code: 'same_account' },
    ]);
  const keep = await findAccount(ctx.tx, id);
  if (!keep) throw notFound('account');
  const other = await findAccount(ctx.tx, otherId);
  if (!other) throw notFound('account');
  if (!mayManageAccount(ctx.actor, other))
    throw forbidden('Only the owner of the duplicate (or an admin) can merge it away.', 'account.owner_only');
  const fill: Record<string, unknown> = {};
  for (const key of MERGE_FILLABLE) if (keep[key] == null && other[key] != null) fill[key] = other[key];
  const tags = [...new Set([...keep.tags, ...other.tags])];
  if (tags.length !== keep.tags.length) fill.tags = tags;
  const customFields = { ...other.customFields, ...keep.customFields };
  if (Object.keys(customFields).length !== Object.keys(keep.customFields).length)
    fill.customFields = customFields;
  await ctx.deps.points.checkAction(
    ctx,
    'account.update',
    guardFields({ ...keep, ...(fill as Partial<Account>) }, { mergedAccountId: otherId, changes: fill }),
  );
  await mergeAccountRows(ctx.tx, id, otherId);
  await updateAccountRow(ctx.tx, id, fill);
  await writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action: 'account.merged',
    targetType: 'account',
    targetId: id,
    ip: ctx.ip,
    details: { mergedId: otherId, mergedName: other.name, filled: Object.keys(fill) },
  });
  await emitEvent(ctx.tx, {
    type: 'account.updated',
    payload: {
      accountId: id,
      mergedAccountId: otherId,
      changes: Object.fromEntries(
        Object.entries(fill).map(([key, to]) => [
          key,
          { from: (keep as Record<string, unknown>)[key] ?? null, to },
        ]),
      ),
    },
    actorId: ctx.actor.userId,
  });
  await emitEvent(ctx.tx, {
    type: 'account.deleted',
    payload: { accountId: otherId, mergedInto: id },
    actorId: ctx.actor.userId,
  });
  return (await findAccount(ctx.tx, id))!;
}
