import type { Ctx } from '../../../platform/context.js';
import { conflict, forbidden, notFound, validationError } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { auditSecretRead } from '../../../platform/visibility.js';
import { defaultVisibility, visibleAccount } from '../offers/offers.service.js';
import { findActivity, setContacts } from './activities.repository.js';
import type { Activity, ActivityInput } from './activities.schemas.js';

const SUBJECTS: Record<string, { fr: string; en: string }> = {
  call: { fr: 'Appel', en: 'Call' },
  visit: { fr: 'Visite', en: 'Visit' },
  email: { fr: 'E-mail', en: 'E-mail' },
  note: { fr: 'Note', en: 'Note' },
  task: { fr: 'À faire', en: 'To do' },
};

/** "Visite – Boulangerie Martin": the subject a quick capture gets when none is typed. */
export const defaultSubject = (kind: string, locale: 'fr' | 'en', accountName?: string) =>
  accountName ? `${SUBJECTS[kind][locale]} – ${accountName}` : SUBJECTS[kind][locale];

async function checkContacts(ctx: Ctx, contactIds: string[]) {
  if (contactIds.length === 0) return;
  const rows = await ctx.tx.query<{ id: string }>(`select id from contacts where id = any ($1::uuid[])`, [contactIds]);
  const found = new Set(rows.map((row) => row.id));
  const errors = contactIds.map((id, index) => ({ id, index })).filter(({ id }) => !found.has(id))
    .map(({ index }) => ({ field: `contactIds.${index}`, message: 'Unknown or not visible to you.', code: 'unknown' }));
  if (errors.length) throw validationError(errors);
}

async function checkOffer(ctx: Ctx, offerId: string | null | undefined, accountId: string | null) {
  if (!offerId) return;
  const rows = await ctx.tx.query<{ account_id: string }>(`select account_id from offers where id = $1`, [offerId]);
  if (!rows[0]) throw validationError([{ field: 'offerId', message: 'Unknown or not visible to you.', code: 'unknown' }]);
  if (accountId && rows[0].account_id !== accountId) throw validationError([{ field: 'offerId', message: 'This offer belongs to another account.', code: 'account_mismatch' }]);
}

export async function activityDetail(ctx: Ctx, id: string, audit = true) {
  const activity = await findActivity(ctx.tx, id);
  if (!activity) throw notFound('activity');
  if (audit) await auditSecretRead(ctx, 'activity', activity);
  return activity;
}

export async function createActivity(ctx: Ctx, input: ActivityInput) {
  const account = input.accountId ? await visibleAccount(ctx, input.accountId) : null;
  if (!account && (input.kind === 'visit' || input.kind === 'call')) throw validationError([{ field: 'accountId', message: 'A call or visit is made with an account.', code: 'required' }]);
  await checkOffer(ctx, input.offerId, account?.id ?? null);
  await checkContacts(ctx, input.contactIds);
  const subject = input.subject ?? defaultSubject(input.kind, ctx.locale, account?.name);
  const dueDate = input.kind === 'task' ? input.dueDate ?? new Date().toISOString().slice(0, 10) : input.dueDate ?? null;
  const report = input.kind === 'visit' || input.kind === 'call' ? input.report ?? null : null;
  await ctx.deps.points.checkAction(ctx, 'activity.create', {
    accountId: account?.id ?? null, accountSegment: account?.segment ?? null, accountKind: account?.kind ?? null,
    kind: input.kind, subject, offerId: input.offerId, contactIds: input.contactIds, bodyMd: input.bodyMd,
  });
  const [row] = await ctx.tx.query<{ id: string }>(
    `insert into activities (kind, subject, body_md, report, occurred_at, duration_minutes, due_date, account_id, offer_id, owner_id, team_id, visibility)
     values ($1, $2, $3, $4, coalesce($5::timestamptz, now()), $6, $7, $8, $9, $10, $11, $12) returning id`,
    [input.kind, subject, input.bodyMd, report, input.occurredAt ?? null, input.durationMinutes ?? null, dueDate, account?.id ?? null, input.offerId,
      ctx.actor.userId, ctx.actor.teamId, input.visibility ?? (account ? defaultVisibility(account.visibility) : 'team')],
  );
  await setContacts(ctx.tx, row.id, input.contactIds);
  await emitEvent(ctx.tx, { type: 'activity.created', payload: { activityId: row.id, accountId: account?.id ?? null, kind: input.kind, offerId: input.offerId }, actorId: ctx.actor.userId });
  return activityDetail(ctx, row.id, false);
}

async function loadForWrite(ctx: Ctx, id: string) {
  const activity = await findActivity(ctx.tx, id, true);
  if (!activity) throw notFound('activity');
  return activity;
}
const mayManage = (ctx: Ctx, activity: Activity) => activity.ownerId === ctx.actor.userId || ctx.actor.role === 'admin';

export async function patchActivity(ctx: Ctx, id: string, patch: Partial<Omit<ActivityInput, 'kind' | 'accountId'>>) {
  const activity = await loadForWrite(ctx, id);
  if (!mayManage(ctx, activity)) throw forbidden('Only the author can change this activity.', 'activity.owner_only');
  if (patch.offerId !== undefined) await checkOffer(ctx, patch.offerId, activity.accountId);
  if (patch.contactIds) await checkContacts(ctx, patch.contactIds);
  const columns: Record<string, string> = {
    subject: 'subject', bodyMd: 'body_md', report: 'report', occurredAt: 'occurred_at', durationMinutes: 'duration_minutes',
    dueDate: 'due_date', offerId: 'offer_id', visibility: 'visibility',
  };
  const params: unknown[] = [id];
  const sets: string[] = [];
  for (const [key, column] of Object.entries(columns)) {
    const value = (patch as Record<string, unknown>)[key];
    if (value === undefined) continue;
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  }
  if (sets.length) await ctx.tx.query(`update activities set ${sets.join(', ')}, updated_at = now() where id = $1`, params);
  if (patch.contactIds) await setContacts(ctx.tx, id, patch.contactIds);
  return activityDetail(ctx, id, false);
}

export async function markDone(ctx: Ctx, id: string, done: boolean) {
  const activity = await loadForWrite(ctx, id);
  if (activity.kind !== 'task') throw conflict('activity.not_a_task', 'Only tasks are marked done.');
  await ctx.tx.query(`update activities set done_at = ${done ? 'coalesce(done_at, now())' : 'null'}, updated_at = now() where id = $1`, [id]);
  return activityDetail(ctx, id, false);
}

export async function deleteActivity(ctx: Ctx, id: string) {
  const activity = await loadForWrite(ctx, id);
  if (!mayManage(ctx, activity)) throw forbidden('Only the author can delete this activity.', 'activity.owner_only');
  await ctx.tx.query(`delete from documents where parent_type = 'activity' and parent_id = $1`, [id]);
  await ctx.tx.query(`delete from activities where id = $1`, [id]);
}
