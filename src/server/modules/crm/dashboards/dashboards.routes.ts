import { z } from 'zod';
import type { RelaisApp } from '../../../app.js';
import type { Ctx } from '../../../platform/context.js';
import { listActivities } from '../activities/activities.repository.js';
import { activitySchema } from '../activities/activities.schemas.js';

const TZ = 'Europe/Paris';
const num = (value: unknown) => Number(value ?? 0);
const rate = (won: number, lost: number) => (won + lost === 0 ? null : Math.round((won / (won + lost)) * 1000) / 10);

const stageTotalSchema = z.object({ stage: z.string(), nameFr: z.string(), nameEn: z.string(), probability: z.number(), count: z.number(), amount: z.number() });
const monthSchema = z.object({ month: z.string(), won: z.number(), lost: z.number(), winRate: z.number().nullable(), wonAmount: z.number() });
const outcomeSchema = z.object({ won: z.number(), lost: z.number(), winRate: z.number().nullable(), wonAmount: z.number(), openAmount: z.number(), weightedAmount: z.number() });

/** Won/lost per month over the last 12 months, for offers matching `where` (already RLS-filtered). */
async function winRateByMonth(ctx: Ctx, where: string, params: unknown[]) {
  const rows = await ctx.tx.query(
    `with months as (select to_char(m, 'YYYY-MM') as month from generate_series(date_trunc('month', now() - interval '11 months'), date_trunc('month', now()), interval '1 month') m)
     select months.month, count(*) filter (where s.outcome = 'won')::int as won, count(*) filter (where s.outcome = 'lost')::int as lost,
            coalesce(sum(o.amount) filter (where s.outcome = 'won'), 0) as won_amount
       from months left join (offers o join offer_stages s on s.id = o.stage_id and s.outcome <> 'open')
         on to_char(o.closed_at at time zone '${TZ}', 'YYYY-MM') = months.month and ${where}
      group by months.month order by months.month`,
    params,
  );
  return rows.map((row: any) => ({ month: row.month, won: num(row.won), lost: num(row.lost), winRate: rate(num(row.won), num(row.lost)), wonAmount: num(row.won_amount) }));
}

const emailSuccessSchema = z.object({ sent: z.number(), opened: z.number(), clicked: z.number(), openRate: z.number().nullable(), clickRate: z.number().nullable() });

/** E-mail success (CRM-8) over the last 12 months: what I sent to clients from knowledge or products (KB-6). */
async function emailSuccessOf(ctx: Ctx, userId: string) {
  const [row] = await ctx.tx.query(
    `select count(*)::int as sent, count(*) filter (where open_count > 0)::int as opened, count(*) filter (where click_count > 0)::int as clicked
       from knowledge_sends where sent_by = $1 and status <> 'failed' and sent_at > now() - interval '12 months'`,
    [userId],
  );
  const sent = num(row.sent);
  return { sent, opened: num(row.opened), clicked: num(row.clicked), openRate: sent ? num(row.opened) / sent : null, clickRate: sent ? num(row.clicked) / sent : null };
}

export async function registerDashboardRoutes(app: RelaisApp) {
  app.get('/api/v1/dashboards/me', {
    schema: {
      tags: ['dashboards'], summary: 'My dashboard: my day, my open offers by stage, my win rate by month, my recent activity',
      response: {
        200: z.object({
          today: z.string(),
          myDay: z.object({ visits: z.array(activitySchema), tasks: z.array(activitySchema) }),
          openOffersByStage: z.array(stageTotalSchema),
          winRateByMonth: z.array(monthSchema),
          totals: outcomeSchema,
          recentActivity: z.array(activitySchema),
          emailSuccess: emailSuccessSchema,
        }),
      },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const me = ctx.actor.userId;
        const [{ today }] = await ctx.tx.query<{ today: string }>(`select to_char(now() at time zone '${TZ}', 'YYYY-MM-DD') as today`);
        const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        const visits = await listActivities(ctx.tx, me, { ownerId: 'me', kind: 'visit,call', from: today, to: tomorrow, sort: 'occurredAt', limit: 50 });
        const taskPage = (await listActivities(ctx.tx, me, { ownerId: 'me', open: 'true', to: tomorrow, sort: 'dueDate', limit: 30 })).items;
        const stages = await ctx.tx.query(
          `select s.key, s.name_fr, s.name_en, s.probability, count(o.id)::int as count, coalesce(sum(o.amount), 0) as amount
             from offer_stages s left join offers o on o.stage_id = s.id and o.owner_id = $1
            where s.outcome = 'open' group by s.id order by s.position`,
          [me],
        );
        const [totals] = await ctx.tx.query(
          `select count(*) filter (where s.outcome = 'won' and o.closed_at > now() - interval '12 months')::int as won,
                  count(*) filter (where s.outcome = 'lost' and o.closed_at > now() - interval '12 months')::int as lost,
                  coalesce(sum(o.amount) filter (where s.outcome = 'won' and o.closed_at > now() - interval '12 months'), 0) as won_amount,
                  coalesce(sum(o.amount) filter (where s.outcome = 'open'), 0) as open_amount,
                  coalesce(sum(o.amount * s.probability / 100.0) filter (where s.outcome = 'open'), 0) as weighted
             from offers o join offer_stages s on s.id = o.stage_id where o.owner_id = $1`,
          [me],
        );
        const recent = await listActivities(ctx.tx, me, { ownerId: 'me', open: 'false', to: new Date().toISOString(), sort: '-occurredAt', limit: 8 });
        const emailSuccess = await emailSuccessOf(ctx, me);
        return {
          today,
          myDay: { visits: visits.items, tasks: taskPage },
          openOffersByStage: stages.map((row: any) => ({ stage: row.key, nameFr: row.name_fr, nameEn: row.name_en, probability: num(row.probability), count: num(row.count), amount: num(row.amount) })),
          winRateByMonth: await winRateByMonth(ctx, 'o.owner_id = $1', [me]),
          totals: { won: num(totals.won), lost: num(totals.lost), winRate: rate(num(totals.won), num(totals.lost)), wonAmount: num(totals.won_amount), openAmount: num(totals.open_amount), weightedAmount: Math.round(num(totals.weighted)) },
          recentActivity: recent.items,
          emailSuccess,
        };
      }),
  });

  const teamRow = z.object({ teamId: z.string(), teamName: z.string() }).merge(outcomeSchema).extend({ openCount: z.number() });
  const repRow = z.object({ userId: z.string(), name: z.string(), teamName: z.string().nullable() }).merge(outcomeSchema).extend({ openCount: z.number() });
  app.get('/api/v1/dashboards/team', {
    config: { roles: ['manager', 'admin'] },
    schema: {
      tags: ['dashboards'], summary: "My teams' outcomes: pipeline value and win rate by team and by rep (never activity counts)",
      response: { 200: z.object({ teams: z.array(teamRow), reps: z.array(repRow), winRateByMonth: z.array(monthSchema) }) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const teams = ctx.actor.visibleTeamIds;
        const aggregates = `count(*) filter (where s.outcome = 'won' and o.closed_at > now() - interval '12 months')::int as won,
                  count(*) filter (where s.outcome = 'lost' and o.closed_at > now() - interval '12 months')::int as lost,
                  count(*) filter (where s.outcome = 'open')::int as open_count,
                  coalesce(sum(o.amount) filter (where s.outcome = 'won' and o.closed_at > now() - interval '12 months'), 0) as won_amount,
                  coalesce(sum(o.amount) filter (where s.outcome = 'open'), 0) as open_amount,
                  coalesce(sum(o.amount * s.probability / 100.0) filter (where s.outcome = 'open'), 0) as weighted`;
        const outcome = (row: any) => ({
          won: num(row.won), lost: num(row.lost), winRate: rate(num(row.won), num(row.lost)), wonAmount: num(row.won_amount),
          openAmount: num(row.open_amount), weightedAmount: Math.round(num(row.weighted)), openCount: num(row.open_count),
        });
        const byTeam = await ctx.tx.query(
          `select t.id, t.name, ${aggregates} from offers o join offer_stages s on s.id = o.stage_id join teams t on t.id = o.team_id
            where o.team_id = any ($1::uuid[]) group by t.id order by open_amount desc`,
          [teams],
        );
        const byRep = await ctx.tx.query(
          `select u.id, trim(u.first_name || ' ' || u.last_name) as name, t.name as team_name, ${aggregates}
             from offers o join offer_stages s on s.id = o.stage_id join users u on u.id = o.owner_id left join teams t on t.id = u.team_id
            where o.team_id = any ($1::uuid[]) group by u.id, t.name order by won_amount desc, name`,
          [teams],
        );
        return {
          teams: byTeam.map((row: any) => ({ teamId: row.id, teamName: row.name, ...outcome(row) })),
          reps: byRep.map((row: any) => ({ userId: row.id, name: row.name, teamName: row.team_name, ...outcome(row) })),
          winRateByMonth: await winRateByMonth(ctx, 'o.team_id = any ($1::uuid[])', [teams]),
        };
      }),
  });
}
