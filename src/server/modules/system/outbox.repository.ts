import type { Queryable } from '../../db/client.js';

const SUMMARY = `id, to_address, reply_to, subject, status, error, related_type, related_id, attachments, created_at, sent_at`;

/** A mail about a record the reader may not see keeps only its envelope: no address, subject, body or record id (issue 10). */
const toSummary = (row: any) => ({
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
    : (typeof row.attachments === 'string' ? JSON.parse(row.attachments) : (row.attachments ?? [])).map(
        (a: any) => ({ filename: String(a.filename), size: Number(a.size ?? 0) }),
      ),
  createdAt: row.created_at,
  sentAt: row.sent_at ?? null,
});

/** The mails Relais sent or keeps (newest first), optionally of one status; with the total. */
export async function listMails(
  tx: Queryable,
  confidentialSql: string,
  options: { status?: string; limit: number; offset: number },
) {
  const rows = await tx.query(
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
  const [row] = await tx.query(
    `select ${SUMMARY}, ${confidentialSql} as confidential, text_body, html_body from mail_messages where id = $1`,
    [id],
  );
  if (!row) return null;
  return {
    ...toSummary(row),
    text: row.confidential ? '' : (row.text_body as string),
    html: row.confidential ? null : ((row.html_body ?? null) as string | null),
  };
}
