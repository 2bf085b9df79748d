import { emitEvent } from '../../../platform/events.js';
import type { Ctx } from '../../../platform/context.js';
import { notFound, validationError, type FieldError } from '../../../platform/errors.js';
import { sourcesOf } from '../shared/push-state.js';
import { assertMayUpdateAction } from './plans.policy.js';
import {
  activeUserExists,
  broadcastExists,
  deleteAction,
  deletePlan,
  findActions,
  findPlans,
  insertAction,
  insertPlan,
  updateAction,
  updatePlan,
  type ActionColumns,
} from './plans.repository.js';
import type {
  ActionInput,
  ActionPatch,
  Plan,
  PlanAction,
  PlanInput,
  PlanPatch,
  PlanWithActions,
} from './plans.schemas.js';

/** Change-communication plans (PUSH-7, MGT-5): a change, its actions/means, who is in charge, progress. */

type LoadedAction = PlanAction & { planId: string };

const linkUrl = (type: string, id: string) =>
  type === 'broadcast' ? `/broadcasts/${id}` : `/knowledge/${id}`;

/** `current` with the fields `patch` gives (an undefined field leaves the current value). */
function patched<T extends object, P extends object>(current: T, patch: P): Omit<T, keyof P> & Required<P> {
  return {
    ...current,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  } as Omit<T, keyof P> & Required<P>;
}

const withoutPlanId = ({ planId: _p, ...action }: LoadedAction): PlanAction => action;

/** A linked item must be visible to the planner; a training link names a training item. */
async function knowledgeLinkable(ctx: Ctx, link: { type: string; id: string }): Promise<boolean> {
  const [item] = await sourcesOf(ctx.deps).knowledge.visibleKnowledge(ctx.tx, [link.id]);
  return Boolean(item && (link.type === 'knowledge' || item.type === 'training'));
}

async function checkAction(ctx: Ctx, action: ActionPatch, prefix: string, errors: FieldError[]) {
  if (action.ownerId && !(await activeUserExists(ctx.tx, action.ownerId))) {
    errors.push({ field: `${prefix}ownerId`, code: 'unknown_user', message: 'Unknown user.' });
  }
  if (action.link) {
    const found =
      action.link.type === 'broadcast'
        ? await broadcastExists(ctx.tx, action.link.id)
        : await knowledgeLinkable(ctx, action.link);
    if (!found)
      errors.push({
        field: `${prefix}link`,
        code: 'unknown_link',
        message: `No such ${action.link.type} visible to you.`,
      });
  }
}

function progressOf(actions: { status: string; late: boolean }[]) {
  const counted = actions.filter((a) => a.status !== 'cancelled');
  const done = counted.filter((a) => a.status === 'done').length;
  return {
    total: counted.length,
    done,
    inProgress: counted.filter((a) => a.status === 'in_progress').length,
    late: counted.filter((a) => a.late).length,
    percent: counted.length ? Math.round((100 * done) / counted.length) : 0,
  };
}

async function loadActions(ctx: Ctx, planIds: string[]): Promise<LoadedAction[]> {
  const rows = await findActions(ctx.tx, planIds);
  const titles = new Map<string, string>();
  const knowledgeIds = rows
    .filter((r) => r.link_type && r.link_type !== 'broadcast')
    .map((r) => r.link_id as string);
  for (const item of await sourcesOf(ctx.deps).knowledge.visibleKnowledge(ctx.tx, knowledgeIds))
    titles.set(item.id, item.title);
  const today = new Date().toISOString().slice(0, 10);
  return rows.map((row) => ({
    planId: row.plan_id,
    id: row.id,
    means: row.means,
    function: row.function,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    dueOn: row.due_on,
    status: row.status,
    late: Boolean(row.due_on && row.due_on < today && !['done', 'cancelled'].includes(row.status)),
    // Knowledge the reader may not see is not linked, not even by id (issue 10.2).
    link:
      row.link_type && (row.link_type === 'broadcast' || titles.has(row.link_id as string))
        ? {
            type: row.link_type,
            id: row.link_id as string,
            title: row.broadcast_title ?? titles.get(row.link_id as string) ?? null,
            url: linkUrl(row.link_type, row.link_id as string),
          }
        : null,
    position: row.position,
  }));
}

async function loadPlans(ctx: Ctx, id?: string): Promise<{ plan: Plan; actions: PlanAction[] }[]> {
  const plans = await findPlans(ctx.tx, id ?? null);
  if (id && plans.length === 0) throw notFound('change plan');
  const actions = await loadActions(
    ctx,
    plans.map((p) => p.id),
  );
  return plans.map((p) => {
    const mine = actions.filter((a) => a.planId === p.id).map(withoutPlanId);
    return {
      plan: {
        id: p.id,
        title: p.title,
        description: p.description_md,
        startsOn: p.starts_on,
        endsOn: p.ends_on,
        ownerId: p.owner_id,
        ownerName: p.owner_name,
        createdAt: p.created_at,
        progress: progressOf(mine),
      },
      actions: mine,
    };
  });
}

async function loadPlan(ctx: Ctx, id: string): Promise<PlanWithActions> {
  const [found] = await loadPlans(ctx, id);
  return { ...found.plan, actions: found.actions };
}

const actionColumns = (action: {
  means: string;
  function: string;
  ownerId: string | null;
  dueOn: string | null;
  status: string;
  link: { type: string; id: string } | null;
}): ActionColumns => [
  action.means,
  action.function,
  action.ownerId,
  action.dueOn,
  action.status,
  action.link?.type ?? null,
  action.link?.id ?? null,
];

async function addAction(
  ctx: Ctx,
  planId: string,
  planTitle: string,
  action: ActionInput,
  position: number,
): Promise<string> {
  const id = await insertAction(ctx.tx, planId, actionColumns(action), position);
  await announceAssignment(ctx, {
    planId,
    planTitle,
    actionId: id,
    ownerId: action.ownerId,
    means: action.means,
    dueOn: action.dueOn,
  });
  return id;
}

/** The person put in charge of an action is told (issue 9 A10): an event the lifecycle notices turn into a notification. */
async function announceAssignment(
  ctx: Ctx,
  a: {
    planId: string;
    planTitle: string;
    actionId: string;
    ownerId: string | null | undefined;
    means: string;
    dueOn: string | null | undefined;
  },
) {
  if (!a.ownerId || a.ownerId === ctx.actor.userId) return;
  await emitEvent(ctx.tx, {
    type: 'change_plan.action_assigned',
    payload: {
      planId: a.planId,
      planTitle: a.planTitle,
      actionId: a.actionId,
      means: a.means,
      dueOn: a.dueOn ?? null,
    },
    actorId: ctx.actor.userId,
    recipients: [a.ownerId],
  });
}

export async function listPlans(ctx: Ctx): Promise<Plan[]> {
  return (await loadPlans(ctx)).map((p) => p.plan);
}

export const getPlan = loadPlan;

/** Creates a plan with its actions; nothing is saved when one of them is not valid. */
export async function createPlan(ctx: Ctx, body: PlanInput): Promise<PlanWithActions> {
  const errors: FieldError[] = [];
  if (body.startsOn && body.endsOn && body.endsOn < body.startsOn)
    errors.push({ field: 'endsOn', code: 'before_start', message: 'The end comes after the start.' });
  for (const [index, action] of body.actions.entries())
    await checkAction(ctx, action, `actions.${index}.`, errors);
  if (errors.length) throw validationError(errors, 'The plan is not valid; nothing was saved.');
  const id = await insertPlan(ctx.tx, {
    title: body.title,
    description: body.description,
    startsOn: body.startsOn,
    endsOn: body.endsOn,
    ownerId: ctx.actor.userId,
  });
  for (const [index, action] of body.actions.entries()) await addAction(ctx, id, body.title, action, index);
  return loadPlan(ctx, id);
}

export async function changePlan(ctx: Ctx, id: string, patch: PlanPatch): Promise<Plan> {
  const [current] = await loadPlans(ctx, id);
  const next = patched(current.plan, patch);
  if (next.startsOn && next.endsOn && next.endsOn < next.startsOn)
    throw validationError([
      { field: 'endsOn', code: 'before_start', message: 'The end comes after the start.' },
    ]);
  await updatePlan(ctx.tx, id, next);
  return (await loadPlans(ctx, id))[0].plan;
}

export async function removePlan(ctx: Ctx, id: string): Promise<void> {
  if (!(await deletePlan(ctx.tx, id))) throw notFound('change plan');
}

export async function createAction(ctx: Ctx, planId: string, input: ActionInput): Promise<PlanAction> {
  const [plan] = await loadPlans(ctx, planId);
  const errors: FieldError[] = [];
  await checkAction(ctx, input, '', errors);
  if (errors.length) throw validationError(errors);
  const id = await addAction(ctx, planId, plan.plan.title, input, plan.actions.length);
  return withoutPlanId((await loadActions(ctx, [planId])).find((a) => a.id === id)!);
}

/** Changes an action: a plan manager changes anything, the person in charge its status only. */
export async function changeAction(
  ctx: Ctx,
  planId: string,
  actionId: string,
  patch: ActionPatch,
): Promise<PlanAction> {
  const current = (await loadActions(ctx, [planId])).find((a) => a.id === actionId);
  if (!current) throw notFound('action');
  const onlyStatus = Object.keys(patch).every((key) => key === 'status');
  assertMayUpdateAction(ctx.actor, current, onlyStatus);
  const errors: FieldError[] = [];
  await checkAction(ctx, patch, '', errors);
  if (errors.length) throw validationError(errors);
  const next = patched(current, patch);
  await updateAction(ctx.tx, current.id, actionColumns(next));
  if (next.ownerId !== current.ownerId) {
    const [plan] = await loadPlans(ctx, planId);
    await announceAssignment(ctx, {
      planId,
      planTitle: plan.plan.title,
      actionId: current.id,
      ownerId: next.ownerId,
      means: next.means,
      dueOn: next.dueOn,
    });
  }
  return withoutPlanId((await loadActions(ctx, [planId])).find((a) => a.id === current.id)!);
}

export async function removeAction(ctx: Ctx, planId: string, actionId: string): Promise<void> {
  if (!(await deleteAction(ctx.tx, planId, actionId))) throw notFound('action');
}
