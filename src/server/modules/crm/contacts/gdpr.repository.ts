import type { Queryable } from '../../../db/client.js';

export type ContactActivityRow = {
  id: string;
  kind: string;
  subject: string;
  body_md: string;
  report: unknown;
  occurred_at: string;
  account_id: string | null;
  visibility: string;
  owner_id: string;
};
export type ContactOfferRow = {
  id: string;
  title: string;
  account_id: string;
  amount: number;
  created_at: string;
  visibility: string;
  owner_id: string;
};
export type ContactMailRow = {
  id: string;
  to_address: string;
  subject: string;
  status: string;
  created_at: string;
  sent_at: string | null;
};

/** The activities linked to a contact that the reader sees, latest first. */
export async function findContactActivities(tx: Queryable, contactId: string): Promise<ContactActivityRow[]> {
  return tx.query<ContactActivityRow>(
    `select x.id, x.kind, x.subject, x.body_md, x.report, x.occurred_at, x.account_id, x.visibility, x.owner_id from activities x
      where exists (select 1 from activity_contacts ax where ax.activity_id = x.id and ax.contact_id = $1)
      order by x.occurred_at desc`,
    [contactId],
  );
}

/** The offers naming a contact that the reader sees, latest first. */
export async function findContactOffers(tx: Queryable, contactId: string): Promise<ContactOfferRow[]> {
  return tx.query<ContactOfferRow>(
    `select id, title, account_id, amount, created_at, visibility, owner_id from offers where contact_id = $1 order by created_at desc`,
    [contactId],
  );
}

/** E-mails sent about a contact or to one of its addresses (lower case), latest first. */
export async function findContactMails(
  tx: Queryable,
  contactId: string,
  addresses: string[],
): Promise<ContactMailRow[]> {
  return tx.query<ContactMailRow>(
    `select id, to_address, subject, status, created_at, sent_at from mail_messages
      where (related_type = 'contact' and related_id = $1) or lower(to_address) = any ($2::text[]) order by created_at desc`,
    [contactId, addresses],
  );
}

/**
 * Erases a contact in the database: texts matching `patterns` are scrubbed from its activities
 * (which lose the link), mails forget `addresses`, then its personal fields and roles are blanked.
 * Answers how many activities were anonymised.
 */
export async function eraseContactRows(
  tx: Queryable,
  contactId: string,
  patterns: string[],
  addresses: string[],
): Promise<number> {
  const [{ touched }] = await tx.query<{ touched: number }>(
    `select relais_erase_contact($1, $2::text[], $3::text[]) as touched`,
    [contactId, patterns, addresses],
  );
  await tx.query(
    `update contacts set first_name = '', last_name = '', title = null, emails = '[]', phones = '[]', notes = null, custom_fields = '{}',
            email_consent = false, consent_at = null, consent_source = null, erased_at = now(), updated_at = now() where id = $1`,
    [contactId],
  );
  await tx.query(`update account_contacts set role = null where contact_id = $1`, [contactId]);
  return touched;
}
