import type { Queryable } from '../../../db/client.js';
import type { MailStatus, MailSummary } from './outbox.schemas.js';

const SUMMARY = `id, to_address, reply_to, subject, status, error, related_type, related_id, attachments, created_at, sent_at`;

type Attachment = { filename?: unknown; size?: unknown };
type MailRow = {
  id: string;
  to_address: string;
  reply_to: string | null;
  subject: string;
  status: MailStatus;
  error: string | null;
  related_type: string | null;
  related_id: string | null;
  attachments: string | Attachment[] | null;
  created_at: string;
  sent_at: string | null;
  confidential: boolean | null;
};

/** A mail about a record the reader may not see keeps only its envelope: no address, subject, body or record id (issue 10). */
const toSummary = (row: MailRow): MailSummary => ({
  id: row.id,
  to: row.confidential ? '' : row.to_address,
  replyTo: row.reply_to ?? null,
  subject: row.confidential ? '' : row.subject,
  status: row.status,
  error: row.error ?? null,
  relatedType: row.related_type ?? null,
  relatedId: row.confidential ? null : (row.related_id ?? null),
  confidential: Boolean(row.confidential),
  attachments: row.confidential
    ? []
    : (typeof row.attachments === 'string'
        ? (JSON.parse(row.attachments) as Attachment[])
        : (row.attachments ?? [])
      ).map((a) => ({ filename: String(a.filename), size: Number(a.size ?? 0) })),
  createdAt: row.created_at,
  sentAt: row.sent_at ?? null,
});

/** The mails Relais sent or keeps (newest first), optionally of one status; with the total. */
export async function listMails(
  tx: Queryable,
  confidentialSql: string,
  options: { status?: string; limit: number; offset: number },
) {
  const rows = await tx.query<MailRow>(
    `select ${SUMMARY}, ${confidentialSql} as confidential from mail_messages where ($1::text is null or status = $1) order by created_at desc, id desc limit $2 offset $3`,
    [options.status ?? null, options.limit, options.offset],
  );
  const [{ total }] = await tx.query<{ total: number }>(
    `select count(*)::int as total from mail_messages where ($1::text is null or status = $1)`,
    [options.status ?? null],
  );
  return { items: rows.map(toSummary), total };
}

/** One mail with its bodies, or null. */
export async function findMail(tx: Queryable, confidentialSql: string, id: string) {
  const [row] = await tx.query<MailRow & { text_body: string; html_body: string | null }>(
    `select ${SUMMARY}, ${confidentialSql} as confidential, text_body, html_body from mail_messages where id = $1`,
    [id],
  );
  if (!row) return null;
  return {
    ...toSummary(row),
    text: row.confidential ? '' : row.text_body,
    html: row.confidential ? null : (row.html_body ?? null),
  };
}
