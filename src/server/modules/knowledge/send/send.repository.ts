import type { Queryable } from '../../../db/client.js';

export async function insertSend(
  tx: Queryable,
  send: {
    itemId?: string;
    productId?: string;
    accountId: string;
    contactId: string;
    to: string;
    subject: string;
    sentBy: string;
  },
) {
  const [row] = await tx.query<{ id: string }>(
    `insert into knowledge_sends (item_id, product_id, account_id, contact_id, to_address, subject, sent_by) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [
      send.itemId ?? null,
      send.productId ?? null,
      send.accountId,
      send.contactId,
      send.to,
      send.subject,
      send.sentBy,
    ],
  );
  return row.id;
}

export async function completeSend(
  tx: Queryable,
  sendId: string,
  done: { mailMessageId: string; activityId: string; links: string[]; status: string },
) {
  await tx.query(
    `update knowledge_sends set mail_message_id = $2, activity_id = $3, links = $4, status = $5 where id = $1`,
    [sendId, done.mailMessageId, done.activityId, done.links, done.status],
  );
}

/** ID-5: the sends to an erased contact forget its address and its name in their subject (all of them, seen or not). */
export async function forgetContact(tx: Queryable, contactId: string, patterns: string[]) {
  await tx.query(`select knowledge_forget_contact($1, $2::text[])`, [contactId, patterns]);
}

/** The key that signs tracking ids, kept in `settings` (made on first use; a concurrent first use keeps one). */
export async function readOrCreateTrackingKey(db: Queryable, fresh: string): Promise<string> {
  await db.query(
    `insert into settings (key, value) values ('knowledge.tracking_key', $1) on conflict (key) do nothing`,
    [JSON.stringify(fresh)],
  );
  const [row] = await db.query<{ value: string }>(
    `select value from settings where key = 'knowledge.tracking_key'`,
  );
  return row.value;
}

export type SendRow = {
  id: string;
  item_id: string | null;
  product_id: string | null;
  account_id: string;
  contact_id: string;
  to_address: string;
  subject: string;
  status: string;
  open_count: number;
  first_opened_at: string | null;
  click_count: number;
  first_clicked_at: string | null;
  activity_id: string | null;
  sent_at: string;
  sent_by_name: string | null;
};

/**
 * Sends the caller may see, newest first, optionally of one item; one page and the total. The
 * table's RLS shows a send only to who sees its account, contact and item.
 */
export async function listSendRows(
  tx: Queryable,
  options: { itemId?: string; limit: number; offset: number },
) {
  const rows = await tx.query<SendRow>(
    `select s.*, trim(u.first_name || ' ' || u.last_name) as sent_by_name
       from knowledge_sends s left join users u on u.id = s.sent_by
      where ($1::uuid is null or s.item_id = $1) order by s.sent_at desc, s.id limit $2 offset $3`,
    [options.itemId ?? null, options.limit, options.offset],
  );
  const [{ total }] = await tx.query<{ total: number }>(
    `select count(*)::int as total from knowledge_sends s where ($1::uuid is null or s.item_id = $1)`,
    [options.itemId ?? null],
  );
  return { rows, total };
}

/** Counts an open (public route, system connection). */
export async function countOpen(db: Queryable, sendId: string): Promise<void> {
  await db.query(
    `update knowledge_sends set open_count = open_count + 1, first_opened_at = coalesce(first_opened_at, now()) where id = $1`,
    [sendId],
  );
}

/** Counts a click on link `index` (an open too); returns the link, or null when there is none. */
export async function countClick(db: Queryable, sendId: string, index: number): Promise<string | null> {
  const rows = await db.query<{ link: string | null }>(
    `update knowledge_sends set click_count = click_count + 1, first_clicked_at = coalesce(first_clicked_at, now()),
            open_count = greatest(open_count, 1), first_opened_at = coalesce(first_opened_at, now())
      where id = $1 and cardinality(links) > $2 returning links[$2 + 1] as link`,
    [sendId, index],
  );
  return rows[0]?.link ?? null;
}

export type SendCountsRow = { sent: number; stored: number; opened: number; clicked: number };

/** What a user sent to clients over the last 12 months, opened and clicked (CRM-8 e-mail success). */
export async function countSendsBy(tx: Queryable, userId: string): Promise<SendCountsRow> {
  const [row] = await tx.query<SendCountsRow>(
    `select count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status = 'stored')::int as stored,
            count(*) filter (where status = 'sent' and open_count > 0)::int as opened, count(*) filter (where status = 'sent' and click_count > 0)::int as clicked
       from knowledge_sends where sent_by = $1 and sent_at > now() - interval '12 months'`,
    [userId],
  );
  return row;
}
