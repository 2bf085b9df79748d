import type { Ctx } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';
import { decodeCursor, toPage } from '../../../platform/list-query.js';
import { findMail, listMails } from './outbox.repository.js';
import type { MailStatus } from './outbox.schemas.js';

/** The outbox, newest first, and whether a mail server is configured at all. */
export async function readOutbox(ctx: Ctx, query: { status?: MailStatus; limit: number; cursor?: string }) {
  const { mailer } = ctx.deps;
  const offset = decodeCursor(query.cursor);
  const { items, total } = await listMails(ctx.tx, mailer.confidentialSql, {
    status: query.status,
    limit: query.limit + 1,
    offset,
  });
  return { ...toPage(items, query, offset, total), smtpConfigured: mailer.configured };
}

export async function readMail(ctx: Ctx, id: string) {
  const mail = await findMail(ctx.tx, ctx.deps.mailer.confidentialSql, id);
  if (!mail) throw notFound('mail');
  return mail;
}
