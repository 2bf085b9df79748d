import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from '../../db/client.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, notFound, validationError } from '../../platform/errors.js';
import { emitEvent } from '../../platform/events.js';
import { readStoredFile } from '../../platform/files.js';
import type { MailAttachment } from '../../platform/mailer.js';
import { loadItem } from './items.service.js';
import { markdownToText, renderMarkdown } from './markdown.js';

/** The key that signs tracking ids (pixel, links), kept in `settings`, made on first use. */
let cachedKey: Buffer | undefined;
export async function trackingKey(db: Database): Promise<Buffer> {
  if (cachedKey) return cachedKey;
  await db.query(`insert into settings (key, value) values ('knowledge.tracking_key', $1) on conflict (key) do nothing`, [JSON.stringify(randomBytes(32).toString('hex'))]);
  const [row] = await db.query<{ value: string }>(`select value from settings where key = 'knowledge.tracking_key'`);
  cachedKey = Buffer.from(row.value, 'hex');
  return cachedKey;
}

const sign = (key: Buffer, value: string) => createHmac('sha256', key).update(value).digest('base64url').slice(0, 22);

/** `<sendId>.<linkIndex|o>.<signature>`: unguessable, and only for links that were sent. */
export const trackingToken = (key: Buffer, sendId: string, part: string) => `${sendId}.${part}.${sign(key, `${sendId}.${part}`)}`;

export function verifyToken(key: Buffer, token: string): { sendId: string; part: string } | null {
  const match = token.match(/^([0-9a-f-]{36})\.(o|\d{1,3})\.([A-Za-z0-9_-]{22})$/);
  if (!match) return null;
  const expected = Buffer.from(sign(key, `${match[1]}.${match[2]}`));
  const given = Buffer.from(match[3]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { sendId: match[1], part: match[2] } : null;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export type SendInput = { itemId?: string; productId?: string; contactId: string; accountId?: string; subject?: string; message: string };

/**
 * KB-6: e-mails a knowledge item or a product (with its attached brochures) to a contact,
 * through SMTP when configured, logs an e-mail activity on the account, and tracks opens
 * (pixel) and clicks (redirect links). Refused when the contact has not consented (ID-5).
 */
export async function sendToClient(ctx: Ctx, input: SendInput, key: Buffer) {
  if (Boolean(input.itemId) === Boolean(input.productId)) {
    throw validationError([{ field: 'itemId', message: 'Give exactly one of itemId or productId.', code: 'exactly_one' }]);
  }
  const [contact] = await ctx.tx.query(`select * from contacts where id = $1`, [input.contactId]);
  if (!contact || contact.erased_at) throw notFound('contact');
  const name = `${contact.first_name} ${contact.last_name}`.trim();
  if (!contact.email_consent) {
    throw new AppError(422, 'contact.no_email_consent', `${name || 'This contact'} has not agreed to receive e-mails (consent refused or not recorded); nothing was sent.`, [
      { field: 'contactId', message: 'No e-mail consent.', code: 'no_consent' },
    ]);
  }
  const emails = typeof contact.emails === 'string' ? JSON.parse(contact.emails) : contact.emails;
  const to = emails?.[0]?.address;
  if (!to) throw new AppError(422, 'contact.no_email', `${name || 'This contact'} has no e-mail address.`, [{ field: 'contactId', message: 'No e-mail address.', code: 'no_email' }]);
  const accounts = await ctx.tx.query<{ account_id: string; team_id: string | null }>(
    `select ac.account_id, a.team_id from account_contacts ac join accounts a on a.id = ac.account_id where ac.contact_id = $1 order by ac.is_primary desc`,
    [input.contactId],
  );
  const account = input.accountId ? accounts.find((a) => a.account_id === input.accountId) : accounts[0];
  if (!account) {
    throw validationError([{ field: 'accountId', message: input.accountId ? 'This contact is not linked to that account.' : 'This contact has no account to log the e-mail on.', code: 'no_account' }]);
  }

  let title: string;
  let html: string;
  let documents: any[];
  if (input.itemId) {
    const item = await loadItem(ctx, input.itemId, 'send');
    title = item.title;
    html = item.html;
    documents = await ctx.tx.query(`select * from documents where parent_type = 'knowledge' and parent_id = $1 order by created_at`, [item.id]);
  } else {
    const [product] = await ctx.tx.query(`select * from products where id = $1`, [input.productId]);
    if (!product) throw notFound('product');
    title = product.name;
    html = renderMarkdown(product.description_md ?? '');
    documents = await ctx.tx.query(`select * from documents where parent_type = 'product' and parent_id = $1 order by created_at`, [product.id]);
  }
  const subject = input.subject?.trim() || title;
  const [send] = await ctx.tx.query<{ id: string }>(
    `insert into knowledge_sends (item_id, product_id, account_id, contact_id, to_address, subject, sent_by) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [input.itemId ?? null, input.productId ?? null, account.account_id, input.contactId, to, subject, ctx.actor.userId],
  );
  const base = ctx.deps.config.publicUrl;
  const links: string[] = [];
  const tracked = html.replace(/href="(https?:\/\/[^"]+)"/g, (_all, href: string) => {
    links.push(href.replace(/&amp;/g, '&'));
    return `href="${base}/api/v1/t/c/${trackingToken(key, send.id, String(links.length - 1))}"`;
  });
  const messageHtml = input.message.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('');
  const pixel = `<img src="${base}/api/v1/t/o/${trackingToken(key, send.id, 'o')}.gif" width="1" height="1" alt="">`;
  const fullHtml = `${messageHtml}<hr><h2>${escapeHtml(title)}</h2>${tracked}<p style="color:#888">— ${escapeHtml(ctx.actor.displayName)}</p>${pixel}`;
  const text = `${input.message}\n\n— ${title} —\n\n${markdownToText(html.replace(/<[^>]+>/g, ' '))}\n\n${ctx.actor.displayName}`;
  const attachments: MailAttachment[] = [];
  for (const doc of documents) {
    attachments.push({ filename: doc.file_name, content: await readStoredFile(ctx.deps.config.dataDir, doc.sha256), contentType: doc.content_type });
  }
  let result;
  try {
    result = await ctx.deps.mailer.send(ctx.tx, { to, subject, text, html: fullHtml, attachments, related: { type: 'knowledge_send', id: send.id } });
  } catch (error) {
    throw new AppError(502, 'mail.send_failed', `The mail server refused the message: ${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}. Nothing was sent.`);
  }
  const [activity] = await ctx.tx.query<{ id: string }>(
    `insert into activities (kind, subject, body_md, account_id, owner_id, team_id, visibility, occurred_at, done_at)
     values ('email', $1, $2, $3, $4, $5, 'team', now(), now()) returning id`,
    [`Envoi au client : ${subject}`, `${input.message}\n\n---\n${input.itemId ? `[${title}](/knowledge/${input.itemId})` : title}${attachments.length ? `\n\nPièces jointes : ${attachments.map((a) => a.filename).join(', ')}` : ''}`,
     account.account_id, ctx.actor.userId, account.team_id ?? ctx.actor.teamId],
  );
  await ctx.tx.query(`insert into activity_contacts (activity_id, contact_id) values ($1, $2)`, [activity.id, input.contactId]);
  await ctx.tx.query(`update knowledge_sends set mail_message_id = $2, activity_id = $3, links = $4, status = $5 where id = $1`, [send.id, result.id, activity.id, links, result.status]);
  await emitEvent(ctx.tx, { type: 'activity.created', payload: { activityId: activity.id, accountId: account.account_id, kind: 'email', offerId: null }, actorId: ctx.actor.userId });
  return { id: send.id, status: result.status, to, subject, activityId: activity.id, mailMessageId: result.id, attachments: attachments.map((a) => a.filename) };
}

const toSend = (row: any) => ({
  id: row.id, itemId: row.item_id, productId: row.product_id, accountId: row.account_id, accountName: row.account_name ?? null,
  contactId: row.contact_id, contactName: row.contact_name ?? null, to: row.to_address, subject: row.subject, status: row.status,
  openCount: row.open_count, firstOpenedAt: row.first_opened_at, clickCount: row.click_count, firstClickedAt: row.first_clicked_at,
  activityId: row.activity_id, sentAt: row.sent_at, sentByName: row.sent_by_name ?? null,
});

/** Sends the user may see (through their accounts), newest first; optionally of one item. */
export async function listSends(ctx: Ctx, options: { itemId?: string; limit: number }) {
  const rows = await ctx.tx.query(
    `select s.*, a.name as account_name, trim(c.first_name || ' ' || c.last_name) as contact_name, trim(u.first_name || ' ' || u.last_name) as sent_by_name
       from knowledge_sends s join accounts a on a.id = s.account_id left join contacts c on c.id = s.contact_id left join users u on u.id = s.sent_by
      where ($1::uuid is null or s.item_id = $1) order by s.sent_at desc limit $2`,
    [options.itemId ?? null, options.limit],
  );
  return rows.map(toSend);
}

/** Records an open or a click (public routes, system connection); returns the link to follow. */
export async function recordTracking(db: Database, sendId: string, part: string): Promise<string | null> {
  if (part === 'o') {
    await db.query(`update knowledge_sends set open_count = open_count + 1, first_opened_at = coalesce(first_opened_at, now()) where id = $1`, [sendId]);
    return null;
  }
  const rows = await db.query<{ link: string | null }>(
    `update knowledge_sends set click_count = click_count + 1, first_clicked_at = coalesce(first_clicked_at, now()),
            open_count = greatest(open_count, 1), first_opened_at = coalesce(first_opened_at, now())
      where id = $1 and cardinality(links) > $2 returning links[$2 + 1] as link`,
    [sendId, Number(part)],
  );
  return rows[0]?.link ?? null;
}
