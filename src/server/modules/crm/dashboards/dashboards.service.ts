import type { Ctx } from '../../../platform/context.js';
import { listActivities } from '../activities/activities.repository.js';
import { sendCountsOf } from '../../knowledge/index.js';
import { findOpenStageTotals, localToday } from './dashboards.repository.js';
import { NO_OUTCOMES, outcomesByMonth, outcomesByOwner } from './outcomes.repository.js';

const num = (value: unknown) => Number(value ?? 0);

/**
 * E-mail success (CRM-8) over the last 12 months: what I sent to clients from knowledge or
 * products (KB-6). Only mails a server accepted count as sent; without SMTP they wait in the outbox.
 */
async function emailSuccessOf(ctx: Ctx, userId: string) {
  const row = await sendCountsOf(ctx, userId);
  const sent = num(row.sent);
  return {
    sent,
    stored: num(row.stored),
    opened: num(row.opened),
    clicked: num(row.clicked),
    openRate: sent ? num(row.opened) / sent : null,
    clickRate: sent ? num(row.clicked) / sent : null,
  };
}

/** My dashboard: my day, my open offers by stage, my win rate by month, my recent activity. */
export async function myDashboard(ctx: Ctx) {
  const me = ctx.actor.userId;
  const today = await localToday(ctx.tx);
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const visits = await listActivities(
    ctx.tx,
    me,
    {
      ownerId: 'me',
      kind: 'visit,call',
      from: today,
      to: tomorrow,
      sort: 'occurredAt',
      limit: 50,
    },
    false,
    false,
  );
  const taskPage = (
    await listActivities(
      ctx.tx,
      me,
      {
        ownerId: 'me',
        open: 'true',
        to: tomorrow,
        sort: 'dueDate',
        limit: 30,
      },
      false,
      false,
    )
  ).items;
  const stages = await findOpenStageTotals(ctx.tx, me);
  // The same aggregate my manager's table reads, so both screens show the same figures.
  const { openCount: _count, ...totals } = (await outcomesByOwner(ctx.tx, me)).get(me) ?? NO_OUTCOMES;
  const recent = await listActivities(
    ctx.tx,
    me,
    {
      ownerId: 'me',
      open: 'false',
      to: new Date().toISOString(),
      sort: '-occurredAt',
      limit: 8,
    },
    false,
    false,
  );
  const emailSuccess = await emailSuccessOf(ctx, me);
  return {
    today,
    myDay: { visits: visits.items, tasks: taskPage },
    openOffersByStage: stages.map((row) => ({
      stage: row.key,
      nameFr: row.name_fr,
      nameEn: row.name_en,
      probability: num(row.probability),
      count: num(row.count),
      amount: num(row.amount),
    })),
    winRateByMonth: await outcomesByMonth(ctx.tx, me),
    totals,
    recentActivity: recent.items,
    emailSuccess,
  };
}
