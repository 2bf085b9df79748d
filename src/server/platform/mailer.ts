import type { Transporter } from 'nodemailer';
import type { Queryable } from '../db/client.js';

export type MailAttachment = { filename: string; content: Buffer; contentType?: string };
export type MailInput = {
  to: string;
  /** Where the recipient's answer goes, e.g. the rep who wrote to a client: `Name <address>` or an address. */
  replyTo?: { name: string; address: string } | string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  related?: { type: string; id: string };
};
export type MailResult = { id: string; status: 'sent' | 'stored'; messageId?: string };

/**
 * Sends e-mail through SMTP when `SMTP_URL` is set; otherwise keeps it in `mail_messages`
 * with status `stored` (the outbox an admin can read in the app). Every message is recorded.
 */
export class Mailer {
  // nodemailer loads on the first mail sent, not on every start of the server.
  private transport?: Promise<Transporter>;
  private readonly protectedTypes = new Map<string, string>();

  /**
   * Mails `related` to a record of `type` name it (a client's address, an item's title): the
   * outbox shows their content only to readers who see that record in `table` (its RLS decides).
   */
  protectRelated(type: string, table: string) {
    if (!/^[a-z_]+$/.test(table)) throw new Error(`Not a table name: ${table}`);
    this.protectedTypes.set(type, table);
  }

  /** SQL (over mail_messages' columns) that is true when the reader may not see the mail's related record. */
  get confidentialSql(): string {
    const cases = [...this.protectedTypes].map(
      ([type, table]) =>
        `when related_type = '${type}' then not exists (select 1 from ${table} r where r.id = related_id)`,
    );
    return cases.length ? `(case ${cases.join(' ')} else false end)` : 'false';
  }

  constructor(private options: { smtpUrl?: string; from: string }) {}

  get configured(): boolean {
    return Boolean(this.options.smtpUrl);
  }

  private smtp(smtpUrl: string): Promise<Transporter> {
    this.transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport(smtpUrl),
    );
    return this.transport;
  }

  async send(tx: Queryable, mail: MailInput): Promise<MailResult> {
    const attachmentsMeta = (mail.attachments ?? []).map((a) => ({
      filename: a.filename,
      size: a.content.length,
      contentType: a.contentType,
    }));
    const replyTo = formatAddress(mail.replyTo);
    const [row] = await tx.query<{ id: string }>(
      `insert into mail_messages (to_address, subject, text_body, html_body, attachments, related_type, related_id, status, reply_to)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [
        mail.to,
        mail.subject,
        mail.text,
        mail.html ?? null,
        JSON.stringify(attachmentsMeta),
        mail.related?.type ?? null,
        mail.related?.id ?? null,
        this.options.smtpUrl ? 'queued' : 'stored',
        replyTo,
      ],
    );
    if (!this.options.smtpUrl) return { id: row.id, status: 'stored' };
    const transport = await this.smtp(this.options.smtpUrl);
    const info = await transport.sendMail({
      from: this.options.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: mail.attachments,
      replyTo: mail.replyTo,
      headers: { 'X-Relais-Message': row.id },
    });
    await tx.query(
      `update mail_messages set status = 'sent', sent_at = now(), transport_message_id = $2 where id = $1`,
      [row.id, info.messageId],
    );
    return { id: row.id, status: 'sent', messageId: info.messageId };
  }

  close(): void {
    void this.transport?.then(
      (transport) => transport.close(),
      () => undefined,
    );
  }
}

/** `Name <address>` as the outbox shows it (nodemailer encodes the real header itself). */
function formatAddress(address: MailInput['replyTo']): string | null {
  if (!address) return null;
  if (typeof address === 'string') return address;
  return address.name ? `${address.name} <${address.address}>` : address.address;
}
