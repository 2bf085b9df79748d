import type { Visibility } from '../../../../common/roles.js';
import type { Ctx } from '../../../platform/context.js';
import { conflict, forbidden, notFound, validationError } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { auditSecretRead } from '../../../platform/visibility.js';
import { defaultVisibility, visibleAccount } from '../offers/offers.service.js';
import { mayManageActivity } from './activities.policy.js';
import { findActivity, setContacts } from './activities.repository.js';
import {
  completeActivityRow,
  deleteActivityRow,
  findByIdempotencyKey,
  findOfferAccount,
  insertActivity,
  setTaskDone,
  updateActivityFields,
  visibleContactIds,
} from './activity-writes.repository.js';
import type { Activity, ActivityCompletion, ActivityInput, FollowUp } from './activities.schemas.js';

/** The kinds of activity and the subject each gets when none is typed. */
export const SUBJECT_KINDS: Record<string, { fr: string; en: string }> = {
  call: { fr: 'Appel', en: 'Call' },
  visit: { fr: 'Visite', en: 'Visit' },
  email: { fr: 'E-mail', en: 'E-mail' },
  note: { fr: 'Note', en: 'Note' },
  task: { fr: 'À faire', en: 'To do' },
};

/** "Visite – Boulangerie Martin": the subject a quick capture gets when none is typed. */
export const defaultSubject = (kind: string, locale: 'fr' | 'en', accountName?: string) =>
  accountName ? `${SUBJECT_KINDS[kind][locale]} – ${accountName}` : SUBJECT_KINDS[kind][locale];

async function checkContacts(ctx: Ctx, contactIds: string[]) {
  if (contactIds.length === 0) return;
  const found = await visibleContactIds(ctx.tx, contactIds);
  const errors = contactIds
    .map((id, index) => ({ id, index }))
    .filter(({ id }) => !found.has(id))
    .map(({ index }) => ({
      field: `contactIds.${index}`,
      message: 'Unknown or not visible to you.',
      code: 'unknown',
    }));
  if (errors.length) throw validationError(errors);
}

async function checkOffer(ctx: Ctx, offerId: string | null | undefined, accountId: string | null) {
  if (!offerId) return;
  const offer = await findOfferAccount(ctx.tx, offerId);
  if (!offer)
    throw validationError([{ field: 'offerId', message: 'Unknown or not visible to you.', code: 'unknown' }]);
  if (accountId && offer.accountId !== accountId)
    throw validationError([
      { field: 'offerId', message: 'This offer belongs to another account.', code: 'account_mismatch' },
    ]);
}

export async function activityDetail(ctx: Ctx, id: string, audit = true) {
  const activity = await findActivity(ctx.tx, id);
  if (!activity) throw notFound('activity');
  if (audit) await auditSecretRead(ctx, 'activity', activity);
  return activity;
}

/**
 * Logs an activity (CRM-5, CRM-9). A visit or call dated in the future is planned (not done);
 * one that took place is done at once. With `followUp`, its next step becomes a task. With
 * `idempotencyKey` (UX-2: a capture the phone kept offline, sent again), a key this author
 * already used answers its activity instead of creating a second one.
 */
export async function createActivity(
  ctx: Ctx,
  input: ActivityInput,
  followUpOf: string | null = null,
): Promise<Activity> {
  const key = input.idempotencyKey;
  const replayed = key ? await findByIdempotencyKey(ctx.tx, ctx.actor.userId, key) : null;
  if (replayed) return activityDetail(ctx, replayed, false);
  const account = input.accountId ? await visibleAccount(ctx, input.accountId) : null;
  if (!account && (input.kind === 'visit' || input.kind === 'call'))
    throw validationError([
      { field: 'accountId', message: 'A call or visit is made with an account.', code: 'required' },
    ]);
  await checkOffer(ctx, input.offerId, account?.id ?? null);
  await checkContacts(ctx, input.contactIds);
  const subject = input.subject ?? defaultSubject(input.kind, ctx.locale, account?.name);
  const dueDate =
    input.kind === 'task'
      ? (input.dueDate ?? new Date().toISOString().slice(0, 10))
      : (input.dueDate ?? null);
  const report = input.kind === 'visit' || input.kind === 'call' ? (input.report ?? null) : null;
  await ctx.deps.points.checkAction(ctx, 'activity.create', {
    accountId: account?.id ?? null,
    kind: input.kind,
    subject,
    offerId: input.offerId,
    contactIds: input.contactIds,
    bodyMd: input.bodyMd,
    occurredAt: input.occurredAt ?? null,
    dueDate,
  });
  const activityId = await insertActivity(ctx.tx, {
    kind: input.kind,
    subject,
    bodyMd: input.bodyMd,
    report,
    occurredAt: input.occurredAt ?? null,
    durationMinutes: input.durationMinutes ?? null,
    dueDate,
    accountId: account?.id ?? null,
    offerId: input.offerId,
    ownerId: ctx.actor.userId,
    teamId: ctx.actor.teamId,
    visibility: input.visibility ?? (account ? defaultVisibility(account.visibility) : 'team'),
    followUpOf,
    idempotencyKey: key,
  });
  // Null: the same key was committed meanwhile by a concurrent request; answer what it created.
  if (!activityId)
    return activityDetail(ctx, (await findByIdempotencyKey(ctx.tx, ctx.actor.userId, key!))!, false);
  await setContacts(ctx.tx, activityId, input.contactIds);
  await emitEvent(ctx.tx, {
    type: 'activity.created',
    payload: { activityId, accountId: account?.id ?? null, kind: input.kind, offerId: input.offerId },
    actorId: ctx.actor.userId,
  });
  if (input.followUp) await createFollowUp(ctx, await activityDetail(ctx, activityId, false), input.followUp);
  return activityDetail(ctx, activityId, false);
}

/**
 * The e-mail activity of something sent to a client (knowledge, product sheet), for other
 * modules through crm's index.ts: written like any activity (guards, events, account gate),
 * with the visibility the sender computed from what the mail names.
 */
export async function logEmailActivity(
  ctx: Ctx,
  input: { accountId: string; contactId: string; subject: string; bodyMd: string; visibility: Visibility },
): Promise<Activity> {
  return createActivity(ctx, {
    kind: 'email',
    subject: input.subject.slice(0, 200),
    bodyMd: input.bodyMd,
    accountId: input.accountId,
    offerId: null,
    contactIds: [input.contactId],
    visibility: input.visibility,
  });
}

/** "Next steps" as a task on the same account and offer, due when the rep says; one per visit or call. */
async function createFollowUp(ctx: Ctx, from: Activity, followUp: FollowUp): Promise<Activity> {
  if (from.kind !== 'visit' && from.kind !== 'call')
    throw conflict('activity.not_plannable', 'Only a visit or a call has next steps to follow up.');
  if (from.followUpTaskId)
    throw conflict('activity.follow_up_exists', 'This activity already has its follow-up task.');
  const nextSteps = from.report?.nextSteps.trim().split('\n')[0]?.trim();
  const subject =
    followUp.subject ??
    (nextSteps ? nextSteps.slice(0, 200) : defaultSubject('task', ctx.locale, from.accountName ?? undefined));
  return createActivity(
    ctx,
    {
      kind: 'task',
      subject,
      bodyMd: '',
      dueDate: followUp.dueDate,
      accountId: from.accountId,
      offerId: from.offerId,
      contactIds: from.contacts.map((contact) => contact.id),
      visibility: from.visibility as ActivityInput['visibility'],
    },
    from.id,
  );
}

/** Makes the follow-up task of a logged visit or call, from its report (the author only). */
export async function followUpActivity(ctx: Ctx, id: string, followUp: FollowUp): Promise<Activity> {
  const activity = await loadForWrite(ctx, id);
  if (!mayManageActivity(ctx.actor, activity))
    throw forbidden('Only the author can follow this activity up.', 'activity.owner_only');
  return createFollowUp(ctx, activity, followUp);
}

/**
 * Logs a planned visit or call (quick capture on a planned visit): the same activity becomes
 * done with its report, instead of a second one being created beside it.
 */
export async function completeActivity(ctx: Ctx, id: string, input: ActivityCompletion) {
  const activity = await loadForWrite(ctx, id);
  if (!mayManageActivity(ctx.actor, activity))
    throw forbidden('Only the author can log this activity.', 'activity.owner_only');
  if (activity.kind !== 'visit' && activity.kind !== 'call')
    throw conflict('activity.not_plannable', 'Only visits and calls are planned and then logged.');
  if (activity.doneAt) throw conflict('activity.already_done', 'This visit was already logged.');
  if (input.contactIds) await checkContacts(ctx, input.contactIds);
  const { followUp: _followUp, ...changes } = input;
  await ctx.deps.points.checkAction(ctx, 'activity.update', { activityId: id, ...changes, done: true });
  await completeActivityRow(ctx.tx, id, {
    occurredAt: input.occurredAt ?? null,
    subject: input.subject ?? null,
    bodyMd: input.bodyMd ?? null,
    report: input.report ?? null,
    durationMinutes: input.durationMinutes ?? null,
  });
  if (input.contactIds) await setContacts(ctx.tx, id, input.contactIds);
  await emitEvent(ctx.tx, {
    type: 'activity.completed',
    payload: {
      activityId: id,
      accountId: activity.accountId,
      kind: activity.kind,
      offerId: activity.offerId,
    },
    actorId: ctx.actor.userId,
  });
  if (input.followUp) await createFollowUp(ctx, await activityDetail(ctx, id, false), input.followUp);
  return activityDetail(ctx, id, false);
}

async function loadForWrite(ctx: Ctx, id: string) {
  const activity = await findActivity(ctx.tx, id, true);
  if (!activity) throw notFound('activity');
  return activity;
}

export async function patchActivity(
  ctx: Ctx,
  id: string,
  patch: Partial<Omit<ActivityInput, 'kind' | 'accountId'>>,
) {
  const activity = await loadForWrite(ctx, id);
  if (!mayManageActivity(ctx.actor, activity))
    throw forbidden('Only the author can change this activity.', 'activity.owner_only');
  if (patch.offerId !== undefined) await checkOffer(ctx, patch.offerId, activity.accountId);
  if (patch.contactIds) await checkContacts(ctx, patch.contactIds);
  await ctx.deps.points.checkAction(ctx, 'activity.update', { activityId: id, ...patch });
  await updateActivityFields(ctx.tx, id, patch);
  if (patch.contactIds) await setContacts(ctx.tx, id, patch.contactIds);
  return activityDetail(ctx, id, false);
}

export async function markDone(ctx: Ctx, id: string, done: boolean) {
  const activity = await loadForWrite(ctx, id);
  if (activity.kind !== 'task') throw conflict('activity.not_a_task', 'Only tasks are marked done.');
  await ctx.deps.points.checkAction(ctx, 'activity.update', { activityId: id, done });
  await setTaskDone(ctx.tx, id, done);
  return activityDetail(ctx, id, false);
}

export async function deleteActivity(ctx: Ctx, id: string) {
  const activity = await loadForWrite(ctx, id);
  if (!mayManageActivity(ctx.actor, activity))
    throw forbidden('Only the author can delete this activity.', 'activity.owner_only');
  await deleteActivityRow(ctx.tx, id);
}
