import ical from 'ical-generator';
import { createHash, randomBytes } from 'node:crypto';
import { loadActor, runAsActor } from '../../../db/access.js';
import type { AppDeps, Ctx } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';
import {
  deleteFeed,
  findFeedActivities,
  findFeedCreatedAt,
  findFeedOwner,
  upsertFeed,
} from './calendar.repository.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates or rotates the actor's feed; answers its URL (shown once: only its hash is kept). */
export async function createFeedUrl(ctx: Ctx): Promise<{ url: string }> {
  const token = `cal_${randomBytes(24).toString('base64url')}`;
  await upsertFeed(ctx.tx, ctx.actor.userId, hashToken(token));
  return { url: `${ctx.deps.config.publicUrl}/api/v1/calendar/${token}.ics` };
}

export async function feedStatus(ctx: Ctx): Promise<{ active: boolean; createdAt: string | null }> {
  const createdAt = await findFeedCreatedAt(ctx.tx, ctx.actor.userId);
  return { active: createdAt !== undefined, createdAt: createdAt ?? null };
}

export async function stopFeed(ctx: Ctx): Promise<void> {
  await deleteFeed(ctx.tx, ctx.actor.userId);
}

/** The iCalendar text of the feed whose token is `token`, or a 404. */
export async function feedCalendar(deps: AppDeps, token: string): Promise<string> {
  const userId = await findFeedOwner(deps.db, hashToken(token));
  const actor = userId ? await loadActor(deps.db, userId) : null;
  if (!actor) throw notFound('calendar');
  // Runs as that user, under row-level security, like any of their requests.
  const rows = await runAsActor(deps.db, actor, (tx) => findFeedActivities(tx, actor.userId));
  const calendar = ical({
    name: actor.locale === 'en' ? 'Relais - visits and tasks' : 'Relais - visites et tâches',
    prodId: { company: 'Relais', product: 'relais-crm' },
    ttl: 900,
  });
  for (const row of rows) {
    const description =
      [row.report?.objectives, row.report?.nextSteps, row.body_md].filter(Boolean).join('\n\n') || undefined;
    const url = `${deps.config.publicUrl}/activities/${row.id}`;
    if (row.kind === 'visit') {
      const start = new Date(row.occurred_at);
      calendar.createEvent({
        id: `${row.id}@relais`,
        start,
        end: new Date(start.getTime() + (row.duration_minutes || 60) * 60_000),
        summary: row.subject,
        description,
        location: row.city ?? undefined,
        url,
      });
    } else {
      const start = new Date(`${row.due_date}T00:00:00Z`);
      calendar.createEvent({
        id: `${row.id}@relais`,
        start,
        allDay: true,
        summary: `${row.done_at ? '✓ ' : ''}${row.subject}${row.account_name ? ` (${row.account_name})` : ''}`,
        description,
        url,
      });
    }
  }
  return calendar.toString();
}
