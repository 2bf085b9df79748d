import type { Ctx } from '../../../platform/context.js';
import { TIME_ZONE } from '../dashboards/outcomes.repository.js';
import { listActivities } from './activities.repository.js';
import type { Activity } from './activities.schemas.js';
import { localDayBounds } from './activity-writes.repository.js';

const DAY = 86_400_000;
const localDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * The rep's agenda (CRM-9, CRM-10): visits and calls (planned or logged) and open tasks, day by
 * day from today — so tomorrow's visit can be prepared today — and tasks already late.
 */
export async function agenda(ctx: Ctx, from: string | undefined, days: number) {
  const today = localDate.format(new Date());
  const start = from ?? today;
  const end = addDays(start, days);
  // Bounds in local time: the day starts at midnight in Paris, not in UTC.
  const bounds = await localDayBounds(ctx.tx, start, end);
  const me = ctx.actor.userId;
  const meetings = (
    await listActivities(
      ctx.tx,
      me,
      {
        ownerId: 'me',
        kind: 'visit,call',
        from: bounds.from,
        to: bounds.to,
        sort: 'occurredAt',
        limit: 500,
      },
      false,
      false,
    )
  ).items;
  const tasks = (
    await listActivities(
      ctx.tx,
      me,
      {
        ownerId: 'me',
        open: 'true',
        from: start,
        to: end,
        sort: 'dueDate',
        limit: 500,
      },
      false,
      false,
    )
  ).items;
  const overdueTasks =
    start === today
      ? (
          await listActivities(
            ctx.tx,
            me,
            {
              ownerId: 'me',
              open: 'true',
              to: today,
              sort: 'dueDate',
              limit: 100,
            },
            false,
            false,
          )
        ).items
      : [];
  const dayOf = (activity: Activity) =>
    activity.kind === 'task' ? activity.dueDate : localDate.format(new Date(activity.occurredAt));
  return {
    today,
    days: Array.from({ length: days }, (_, index) => addDays(start, index)).map((date) => ({
      date,
      visits: meetings.filter((activity) => dayOf(activity) === date),
      tasks: tasks.filter((activity) => dayOf(activity) === date),
    })),
    overdueTasks,
  };
}
