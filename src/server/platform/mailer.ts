import nodemailer, { type Transporter } from 'nodemailer';
import type { Queryable } from '../db/client.js';

export type MailAttachment = { filename: string; content: Buffer; contentType?: string };
export type MailInput = {
  to: string;
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
  private transport?: Transporter;

  constructor(private options: { smtpUrl?: string; from: string }) {
    if (options.smtpUrl) this.transport = nodemailer.createTransport(options.smtpUrl);
  }

  get configured(): boolean {
    return Boolean(this.transport);
  }

  async send(tx: Queryable, mail: MailInput): Promise<MailResult> {
    const attachmentsMeta = (mail.attachments ?? []).map((a) => ({ filename: a.filename, size: a.content.length, contentType: a.contentType }));
    const [row] = await tx.query<{ id: string }>(
      `insert into mail_messages (to_address, subject, text_body, html_body, attachments, related_type, related_id, status)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [mail.to, mail.subject, mail.text, mail.html ?? null, JSON.stringify(attachmentsMeta), mail.related?.type ?? null, mail.related?.id ?? null, this.transport ? 'queued' : 'stored'],
    );
    if (!this.transport) return { id: row.id, status: 'stored' };
    const info = await this.transport.sendMail({
      from: this.options.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: mail.attachments,
      headers: { 'X-Relais-Message': row.id },
    });
    await tx.query(`update mail_messages set status = 'sent', sent_at = now(), transport_message_id = $2 where id = $1`, [row.id, info.messageId]);
    return { id: row.id, status: 'sent', messageId: info.messageId };
  }

  close(): void {
    this.transport?.close();
  }
}
