import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { formatMoney } from '../../../../common/format.js';
import type { AppDeps, Ctx } from '../../../platform/context.js';
import { notFound, validationError } from '../../../platform/errors.js';
import type { TimelineEntry } from '../../../platform/extension-points.js';
import { limitMarkdownNesting } from '../../../platform/markdown-guard.js';
import { noteSecretRows } from '../../../platform/secret-reads.js';
import { auditSecretRead } from '../../../platform/visibility.js';
import {
  activityEntries,
  countActivities,
  countDocuments,
  countOffers,
  documentEntries,
  findAccountRow,
  offerEntries,
} from './timeline.repository.js';

/** The account as the actor sees it, or 404; a secret account's read is audited. */
export async function accountOr404(ctx: Ctx, accountId: string, how: string) {
  const account = await findAccountRow(ctx.tx, accountId);
  if (!account) throw notFound('account');
  await auditSecretRead(ctx, 'account', { id: account.id, visibility: account.visibility }, how);
  return account;
}

/** The timeline is paged by time (keyset): its opaque cursor is the instant to continue before. */
export const encodeBefore = (at: string) => Buffer.from(at, 'utf8').toString('base64url');
export function decodeBefore(cursor: string): string {
  const decoded = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (Number.isNaN(Date.parse(decoded)))
    throw validationError([{ field: 'cursor', message: 'Unknown cursor.', code: 'invalid_cursor' }]);
  return decoded;
}

const clip = (text: string | null | undefined, length = 240) =>
  text ? (text.length > length ? `${text.slice(0, length - 1)}…` : text) : null;
/** What a reader sees of a Markdown body (a sent e-mail's message and links): its text, never its syntax. */
const plainText = (markdown: string | null | undefined) =>
  markdown
    ? sanitizeHtml(marked.parse(limitMarkdownNesting(markdown), { async: false }) as string, {
        allowedTags: [],
        allowedAttributes: {},
      })
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/\s+/g, ' ')
        .trim()
    : null;

/** CRM's timeline providers: activities, offers (by last change) and documents of the account. */
export function registerTimelineProviders(deps: AppDeps) {
  deps.points.registerTimeline(
    'activity',
    async (ctx, accountId, page) => {
      const rows = await activityEntries(ctx.tx, accountId, page);
      noteSecretRows('activity', rows);
      return rows.map((row): TimelineEntry => ({
        type: 'activity',
        id: row.id,
        at: row.occurred_at,
        title: row.subject,
        summary: clip(row.report?.outcome || plainText(row.body_md)),
        url: `/activities/${row.id}`,
        actorName: row.actor,
        meta: { kind: row.kind, dueDate: row.due_date, doneAt: row.done_at },
      }));
    },
    (ctx, accountId, cap) => countActivities(ctx.tx, accountId, cap),
  );
  deps.points.registerTimeline(
    'offer',
    async (ctx, accountId, page) => {
      const rows = await offerEntries(ctx.tx, accountId, page);
      noteSecretRows('offer', rows);
      return rows.map((row): TimelineEntry => ({
        type: 'offer',
        id: row.id,
        at: row.updated_at,
        title: row.title,
        summary: `${ctx.locale === 'en' ? row.name_en : row.name_fr} · ${formatMoney(Number(row.amount), ctx.locale)}${row.close_reason ? ` · ${row.close_reason}` : ''}`,
        url: `/offers/${row.id}`,
        actorName: row.actor,
        meta: { stage: row.stage, outcome: row.outcome, amount: Number(row.amount) },
      }));
    },
    (ctx, accountId, cap) => countOffers(ctx.tx, accountId, cap),
  );
  deps.points.registerTimeline(
    'document',
    async (ctx, accountId, page) => {
      const rows = await documentEntries(ctx.tx, accountId, page);
      return rows.map((row): TimelineEntry => ({
        type: 'document',
        id: row.id,
        at: row.created_at,
        title: row.file_name,
        summary: null,
        url: `/api/v1/documents/${row.id}/download`,
        actorName: row.actor,
        meta: {
          contentType: row.content_type,
          sizeBytes: Number(row.size_bytes),
          parentType: row.parent_type,
          parentId: row.parent_id,
        },
      }));
    },
    (ctx, accountId, cap) => countDocuments(ctx.tx, accountId, cap),
  );
}
