import type { Ctx } from '../../../platform/context.js';
import { accountOr404 } from '../timeline/timeline.js';

const num = (value: unknown) => Number(value ?? 0);

/** "Prepare my visit" (CRM-7): what a rep needs to know about an account in two minutes. */
export async function buildBrief(ctx: Ctx, accountId: string) {
  const account = await accountOr404(ctx, accountId, 'brief');
  const tx = ctx.tx;
  const [owner] = await tx.query(`select trim(first_name || ' ' || last_name) as name from users where id = $1`, [account.owner_id]);
  const [facts] = await tx.query(
    `select (select count(*) from offers o join offer_stages s on s.id = o.stage_id where o.account_id = $1 and s.outcome = 'open')::int as open_offers,
            (select coalesce(sum(o.amount), 0) from offers o join offer_stages s on s.id = o.stage_id where o.account_id = $1 and s.outcome = 'open') as pipeline,
            (select coalesce(sum(o.amount), 0) from offers o join offer_stages s on s.id = o.stage_id where o.account_id = $1 and s.outcome = 'won' and o.closed_at > now() - interval '12 months') as won_12m,
            (select count(*) from offers o join offer_stages s on s.id = o.stage_id where o.account_id = $1 and s.outcome = 'won')::int as won_count,
            (select count(*) from offers o join offer_stages s on s.id = o.stage_id where o.account_id = $1 and s.outcome = 'lost')::int as lost_count,
            (select max(occurred_at) from activities where account_id = $1 and kind <> 'task' and occurred_at <= now()) as last_activity_at,
            (select max(occurred_at) from activities where account_id = $1 and kind = 'visit' and occurred_at <= now()) as last_visit_at`,
    [accountId],
  );
  const lastActivities = (await tx.query(
    `select x.id, x.kind, x.subject, x.occurred_at, x.report, x.body_md, trim(u.first_name || ' ' || u.last_name) as owner
       from activities x join users u on u.id = x.owner_id where x.account_id = $1 and x.kind <> 'task' and x.occurred_at <= now() order by x.occurred_at desc limit 5`,
    [accountId],
  )).map((row: any) => ({ id: row.id, kind: row.kind, subject: row.subject, occurredAt: row.occurred_at, ownerName: row.owner, outcome: row.report?.outcome || null, nextSteps: row.report?.nextSteps || null }));
  const openOffers = (await tx.query(
    `select o.id, o.title, o.amount, o.expected_close_date, s.key, s.name_fr, s.name_en, s.probability
       from offers o join offer_stages s on s.id = o.stage_id where o.account_id = $1 and s.outcome = 'open' order by s.position desc, o.amount desc limit 10`,
    [accountId],
  )).map((row: any) => ({ id: row.id, title: row.title, amount: num(row.amount), stage: row.key, stageName: ctx.locale === 'en' ? row.name_en : row.name_fr, probability: num(row.probability), expectedCloseDate: row.expected_close_date }));
  const openTasks = (await tx.query(
    `select x.id, x.subject, x.due_date, trim(u.first_name || ' ' || u.last_name) as owner from activities x join users u on u.id = x.owner_id
      where x.account_id = $1 and x.kind = 'task' and x.done_at is null order by x.due_date nulls last limit 10`,
    [accountId],
  )).map((row: any) => ({ id: row.id, subject: row.subject, dueDate: row.due_date, ownerName: row.owner }));
  const contacts = (await tx.query(
    `select c.id, trim(c.first_name || ' ' || c.last_name) as name, c.title, ac.role, ac.is_primary, c.phones, c.emails
       from account_contacts ac join contacts c on c.id = ac.contact_id where ac.account_id = $1 and c.erased_at is null
      order by ac.is_primary desc, c.last_name limit 5`,
    [accountId],
  )).map((row: any) => ({
    id: row.id, name: row.name, title: row.title ?? null, role: row.role ?? null, isPrimary: row.is_primary,
    phone: (row.phones ?? [])[0]?.number ?? null, email: (row.emails ?? [])[0]?.address ?? null,
  }));
  // Who in the company knows this client: names only, never counts (principle 1).
  const colleagues = (await tx.query(
    `select u.id, trim(u.first_name || ' ' || u.last_name) as name, max(w.at) as last_at
       from (select owner_id, occurred_at as at from activities where account_id = $1
             union all select owner_id, updated_at from offers where account_id = $1) w
       join users u on u.id = w.owner_id where u.active group by u.id order by last_at desc limit 8`,
    [accountId],
  )).map((row: any) => ({ id: row.id, name: row.name }));
  return {
    account: {
      id: account.id, name: account.name, kind: account.kind, sector: account.sector, segment: account.segment, size: account.size,
      city: account.city, postalCode: account.postal_code, addressLine: account.address_line, phone: account.phone, website: account.website,
      tags: account.tags ?? [], ownerName: owner?.name ?? null, visibility: account.visibility,
    },
    keyFacts: {
      openOffers: num(facts.open_offers), openPipeline: num(facts.pipeline), wonLast12Months: num(facts.won_12m),
      wonCount: num(facts.won_count), lostCount: num(facts.lost_count), lastActivityAt: facts.last_activity_at ?? null, lastVisitAt: facts.last_visit_at ?? null,
    },
    lastActivities, openOffers, openTasks, contacts, colleagues,
    sections: await ctx.deps.points.briefSections(ctx, accountId),
    generatedAt: new Date().toISOString(),
  };
}
export type Brief = Awaited<ReturnType<typeof buildBrief>>;

export const BRIEF_TEXT_LIMIT = 1500;

/** The brief as plain text for voice or SMS: most useful first, never more than 1,500 characters. */
export function briefText(brief: Brief, locale: 'fr' | 'en'): string {
  const fr = locale === 'fr';
  const money = (n: number) => `${Math.round(n).toLocaleString(fr ? 'fr-FR' : 'en-GB').replace(/\u202f|\u00a0/g, ' ')} €`;
  const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '-');
  const a = brief.account;
  const k = brief.keyFacts;
  const blocks: string[][] = [
    [`${a.name}${a.city ? ` (${a.city})` : ''}${a.sector ? ` - ${a.sector}` : ''}`],
    [fr
      ? `Offres ouvertes : ${k.openOffers} (${money(k.openPipeline)}). Gagné 12 mois : ${money(k.wonLast12Months)}. Dernière visite : ${day(k.lastVisitAt)}.`
      : `Open offers: ${k.openOffers} (${money(k.openPipeline)}). Won last 12 months: ${money(k.wonLast12Months)}. Last visit: ${day(k.lastVisitAt)}.`],
    brief.contacts.length ? [(fr ? 'Contacts : ' : 'Contacts: ') + brief.contacts.slice(0, 3).map((c) => `${c.name}${c.title ? `, ${c.title}` : ''}${c.phone ? ` ${c.phone}` : ''}`).join(' ; ')] : [],
    brief.openOffers.length ? [fr ? 'Offres :' : 'Offers:', ...brief.openOffers.slice(0, 3).map((o) => `- ${o.title} : ${o.stageName}, ${money(o.amount)}`)] : [],
    brief.lastActivities.length ? [fr ? 'Derniers échanges :' : 'Recent activity:', ...brief.lastActivities.map((x) => `- ${day(x.occurredAt)} ${x.subject}${x.outcome ? ` : ${x.outcome}` : ''}`)] : [],
    brief.openTasks.length ? [fr ? 'À faire :' : 'To do:', ...brief.openTasks.slice(0, 3).map((t) => `- ${t.subject} (${day(t.dueDate)})`)] : [],
    brief.colleagues.length ? [(fr ? 'Connaissent ce client : ' : 'Colleagues who know this client: ') + brief.colleagues.map((c) => c.name).join(', ')] : [],
    ...brief.sections.map((s) => [`${fr ? s.title.fr : s.title.en} :`, ...s.items.slice(0, 3).map((i) => `- ${i.title}`)]),
  ];
  let text = '';
  for (const block of blocks) {
    for (const rawLine of block) {
      const line = rawLine.replace(/\s+/g, ' ').trim();
      const candidate = text ? `${text}\n${line}` : line;
      if (candidate.length <= BRIEF_TEXT_LIMIT) text = candidate;
      else {
        const room = BRIEF_TEXT_LIMIT - text.length - 2;
        if (room > 20) text = `${text}\n${line.slice(0, room - 1)}…`;
        return text.slice(0, BRIEF_TEXT_LIMIT);
      }
    }
  }
  return text;
}
