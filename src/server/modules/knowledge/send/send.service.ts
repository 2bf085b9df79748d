import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from '../../../db/client.js';
import type { Queryable } from '../../../db/client.js';
import type { Ctx } from '../../../platform/context.js';
import { AppError, notFound, validationError } from '../../../platform/errors.js';
import { readStoredFile } from '../../../platform/files.js';
import type { MailAttachment } from '../../../platform/mailer.js';
import { mostConfidential } from '../../../platform/visibility.js';
import { noteSecretRows } from '../../../platform/secret-reads.js';
import { crm, type CrmContact } from '../crm-reads.js';
import { loadItem } from '../items/items.service.js';
import {
  completeSend,
  countClick,
  countSendsBy,
  countOpen,
  insertSend,
  listSendRows,
  readOrCreateTrackingKey,
  type SendRow,
} from './send.repository.js';
import { renderMarkdown } from '../markdown/markdown.js';
import { composeMail } from './send-mail.js';

/** The key that signs tracking ids (pixel, links), kept in `settings`, made on first use. */
let cachedKey: Buffer | undefined;
export async function trackingKey(db: Database): Promise<Buffer> {
  if (cachedKey) return cachedKey;
  const value = await readOrCreateTrackingKey(db, randomBytes(32).toString('hex'));
  cachedKey = Buffer.from(value, 'hex');
  return cachedKey;
}

const sign = (key: Buffer, value: string) =>
  createHmac('sha256', key).update(value).digest('base64url').slice(0, 22);

/** `<sendId>.<linkIndex|o>.<signature>`: unguessable, and only for links that were sent. */
export const trackingToken = (key: Buffer, sendId: string, part: string) =>
  `${sendId}.${part}.${sign(key, `${sendId}.${part}`)}`;

export function verifyToken(key: Buffer, token: string): { sendId: string; part: string } | null {
  const match = token.match(/^([0-9a-f-]{36})\.(o|\d{1,3})\.([A-Za-z0-9_-]{22})$/);
  if (!match) return null;
  const expected = Buffer.from(sign(key, `${match[1]}.${match[2]}`));
  const given = Buffer.from(match[3]);
  return expected.length === given.length && timingSafeEqual(expected, given)
    ? { sendId: match[1], part: match[2] }
    : null;
}

/** The contact a mail goes to, under the sender's RLS (null when they may not see it); a secret one's read is audited. */
async function findSendContact(tx: Queryable, contactId: string): Promise<CrmContact | null> {
  const contact = await crm().findVisibleContact(tx, contactId);
  if (contact) noteSecretRows('contact', [contact], 'send');
  return contact;
}

export type SendInput = {
  itemId?: string;
  productId?: string;
  contactId: string;
  accountId?: string;
  subject?: string;
  message: string;
};

/**
 * KB-6: e-mails a knowledge item or a product (with its attached brochures) to a contact,
 * through SMTP when configured, logs an e-mail activity on the account, and tracks opens
 * (pixel) and clicks (redirect links). Refused when the contact has not consented (ID-5).
 */
export async function sendToClient(ctx: Ctx, input: SendInput, key: Buffer) {
  if (Boolean(input.itemId) === Boolean(input.productId)) {
    throw validationError([
      { field: 'itemId', message: 'Give exactly one of itemId or productId.', code: 'exactly_one' },
    ]);
  }
  const contact = await findSendContact(ctx.tx, input.contactId);
  if (!contact || contact.erasedAt) throw notFound('contact');
  const name = `${contact.firstName} ${contact.lastName}`.trim();
  if (!contact.emailConsent) {
    throw new AppError(
      422,
      'contact.no_email_consent',
      `${name || 'This contact'} has not agreed to receive e-mails (consent refused or not recorded); nothing was sent.`,
      [{ field: 'contactId', message: 'No e-mail consent.', code: 'no_consent' }],
    );
  }
  const to = contact.emails[0]?.address;
  if (!to)
    throw new AppError(422, 'contact.no_email', `${name || 'This contact'} has no e-mail address.`, [
      { field: 'contactId', message: 'No e-mail address.', code: 'no_email' },
    ]);
  const accounts = await crm().accountsOfContact(ctx.tx, input.contactId);
  const account = input.accountId ? accounts.find((a) => a.accountId === input.accountId) : accounts[0];
  if (!account) {
    throw validationError([
      {
        field: 'accountId',
        message: input.accountId
          ? 'This contact is not linked to that account.'
          : 'This contact has no account to log the e-mail on.',
        code: 'no_account',
      },
    ]);
  }

  let title: string;
  let html: string;
  let documents: { fileName: string; contentType: string; sha256: string }[];
  // What the mail names: its activity is never more visible than the most confidential of them.
  const named: { visibility: string; teamId: string | null }[] = [
    { visibility: contact.visibility, teamId: contact.teamId },
  ];
  if (input.itemId) {
    const item = await loadItem(ctx, input.itemId, 'send');
    title = item.title;
    html = item.html;
    named.push({ visibility: item.visibility, teamId: item.teamId });
    documents = await crm().attachedFiles(ctx.tx, 'knowledge', item.id);
  } else {
    const [product] = await crm().productsByIds(ctx.tx, [input.productId!]);
    if (!product) throw notFound('product');
    title = product.name;
    html = renderMarkdown(product.descriptionMd ?? '');
    documents = await crm().attachedFiles(ctx.tx, 'product', product.id);
  }
  // The account's own team is enforced by the activities' account gate; its level is copied.
  const accountLevel =
    account.visibility === 'restricted' || account.visibility === 'secret'
      ? [{ visibility: account.visibility, teamId: account.teamId }]
      : [];
  const visibility = mostConfidential([...named, ...accountLevel], ctx.actor.teamId);
  const subject = input.subject?.trim() || title;
  const sendId = await insertSend(ctx.tx, {
    itemId: input.itemId,
    productId: input.productId,
    accountId: account.accountId,
    contactId: input.contactId,
    to,
    subject,
    sentBy: ctx.actor.userId,
  });
  const send = { id: sendId };
  const attachments: MailAttachment[] = [];
  for (const doc of documents) {
    attachments.push({
      filename: doc.fileName,
      content: await readStoredFile(ctx.deps.config.dataDir, doc.sha256),
      contentType: doc.contentType,
    });
  }
  // Logged through the CRM before the mail leaves: its guards may still refuse the action.
  // Only what the rep wrote and names of things are stored: readers of every language see the
  // activity's kind (e-mail) in their own words, never a system sentence frozen in one language.
  const activity = await ctx.deps.points.logClientEmail(ctx, {
    accountId: account.accountId,
    contactId: input.contactId,
    visibility,
    subject,
    bodyMd: `${input.message}\n\n---\n${input.itemId ? `[${title}](/knowledge/${input.itemId})` : title}${attachments.length ? `\n\n📎 ${attachments.map((a) => a.filename).join(', ')}` : ''}`,
  });
  const base = ctx.deps.config.publicUrl;
  const {
    html: fullHtml,
    text,
    links,
  } = composeMail({
    message: input.message,
    title,
    html,
    senderName: ctx.actor.displayName,
    track: (_href, index) => `${base}/api/v1/t/c/${trackingToken(key, send.id, String(index))}`,
    pixel: `<img src="${base}/api/v1/t/o/${trackingToken(key, send.id, 'o')}.gif" width="1" height="1" alt="">`,
  });
  let result;
  try {
    // The client answers the rep who wrote, not the platform's address.
    result = await ctx.deps.mailer.send(ctx.tx, {
      to,
      replyTo: { name: ctx.actor.displayName, address: ctx.actor.email },
      subject,
      text,
      html: fullHtml,
      attachments,
      related: { type: 'knowledge_send', id: send.id },
    });
  } catch (error) {
    throw new AppError(
      502,
      'mail.send_failed',
      `The mail server refused the message: ${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}. Nothing was sent.`,
    );
  }
  await completeSend(ctx.tx, send.id, {
    mailMessageId: result.id,
    activityId: activity.id,
    links,
    status: result.status,
  });
  return {
    id: send.id,
    status: result.status,
    to,
    subject,
    activityId: activity.id,
    mailMessageId: result.id,
    attachments: attachments.map((a) => a.filename),
  };
}

/** Why a mail might better not leave as it is: the item is not published, or the contact cannot receive it. */
export type SendWarning =
  'draft' | 'in_review' | 'validated' | 'stale' | 'archived' | 'no_consent' | 'no_email';

/**
 * The mail `sendToClient` would send for this item (without tracking), with what the rep should
 * know first: an item that is not published (a draft, stale…) or a contact without consent or
 * address. Sends nothing, writes nothing but the secret-read audit.
 */
export async function previewSend(
  ctx: Ctx,
  itemId: string,
  input: { contactId?: string; subject?: string; message: string },
) {
  const item = await loadItem(ctx, itemId, 'send_preview');
  const warnings: SendWarning[] = [];
  if (item.status !== 'published') warnings.push(item.status as SendWarning);
  let to: string | null = null;
  if (input.contactId) {
    const contact = await findSendContact(ctx.tx, input.contactId);
    if (!contact || contact.erasedAt) throw notFound('contact');
    to = contact.emails[0]?.address ?? null;
    if (!to) warnings.push('no_email');
    else if (!contact.emailConsent) warnings.push('no_consent');
  }
  const documents = await crm().attachedFiles(ctx.tx, 'knowledge', item.id);
  const { html } = composeMail({
    message: input.message,
    title: item.title,
    html: item.html,
    senderName: ctx.actor.displayName,
  });
  return {
    to,
    subject: input.subject?.trim() || item.title,
    html,
    attachments: documents.map((doc) => doc.fileName),
    warnings,
  };
}

const toSend = (row: SendRow, names: { account?: string; contact?: string }) => ({
  id: row.id,
  itemId: row.item_id,
  productId: row.product_id,
  accountId: row.account_id,
  accountName: names.account ?? null,
  contactId: row.contact_id,
  contactName: names.contact ?? null,
  to: row.to_address,
  subject: row.subject,
  status: row.status,
  openCount: row.open_count,
  firstOpenedAt: row.first_opened_at,
  clickCount: row.click_count,
  firstClickedAt: row.first_clicked_at,
  activityId: row.activity_id,
  sentAt: row.sent_at,
  sentByName: row.sent_by_name ?? null,
});

/** Sends the user may see (through their accounts), newest first; optionally of one item. One page of them and their total. */
export async function listSends(ctx: Ctx, options: { itemId?: string; limit: number; offset: number }) {
  const { rows, total } = await listSendRows(ctx.tx, options);
  // Names of the account and contact, as the CRM shows them to the reader.
  const accounts = new Map(
    (await crm().accountsByIds(ctx.tx, [...new Set(rows.map((row) => row.account_id))])).map((a) => [
      a.id,
      a.name,
    ]),
  );
  const contacts = new Map(
    (await crm().contactsByIds(ctx.tx, [...new Set(rows.map((row) => row.contact_id))])).map((c) => [
      c.id,
      `${c.firstName} ${c.lastName}`.trim(),
    ]),
  );
  return {
    items: rows.map((row) =>
      toSend(row, { account: accounts.get(row.account_id), contact: contacts.get(row.contact_id) }),
    ),
    total,
  };
}

/** Records an open or a click (public routes, system connection); returns the link to follow. */
export async function recordTracking(db: Database, sendId: string, part: string): Promise<string | null> {
  if (part === 'o') {
    await countOpen(db, sendId);
    return null;
  }
  return countClick(db, sendId, Number(part));
}

/** A user's sends to clients over the last 12 months, for CRM's e-mail success figures (CRM-8). */
export function sendCountsOf(ctx: Ctx, userId: string) {
  return countSendsBy(ctx.tx, userId);
}
