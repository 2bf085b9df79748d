import { noteSecretRows } from '../../../platform/secret-reads.js';
import type { Ctx } from '../../../platform/context.js';
import { knowledgeForAccount, markdownToText, situationsForAccount } from '../../knowledge/index.js';
import { checkAction } from '../../push/index.js';
import { accountOr404 } from '../timeline/timeline.js';
import {
  findAccountFacts,
  findAccountProductIds,
  findBriefContacts,
  findLastActivities,
  findOpenOffers,
  findOpenTasks,
  findUserName,
} from './brief.repository.js';
import { colleaguesFor } from './colleagues.js';

/** Notes the secret rows the brief shows as read (ID-4) and passes them on. */
const noted = <T extends Record<string, unknown>>(rows: T[], type: string): T[] => {
  noteSecretRows(type, rows);
  return rows;
};
const num = (value: unknown) => Number(value ?? 0);

/** "Prepare my visit" (CRM-7): what a rep needs to know about an account in two minutes. */
export async function buildBrief(ctx: Ctx, accountId: string) {
  const account = await accountOr404(ctx, accountId, 'brief');
  const tx = ctx.tx;
  const ownerName = await findUserName(tx, account.owner_id);
  const facts = await findAccountFacts(tx, accountId);
  const lastActivities = noted(await findLastActivities(tx, accountId), 'activity').map((row) => ({
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    occurredAt: row.occurred_at,
    ownerName: row.owner,
    outcome: row.report?.outcome || null,
    nextSteps: row.report?.nextSteps || null,
  }));
  const openOffers = noted(await findOpenOffers(tx, accountId), 'offer').map((row) => ({
    id: row.id,
    title: row.title,
    amount: num(row.amount),
    stage: row.key,
    stageName: ctx.locale === 'en' ? row.name_en : row.name_fr,
    probability: num(row.probability),
    expectedCloseDate: row.expected_close_date,
  }));
  const openTasks = noted(await findOpenTasks(tx, accountId), 'activity').map((row) => ({
    id: row.id,
    subject: row.subject,
    dueDate: row.due_date,
    ownerName: row.owner,
  }));
  const contacts = noted(await findBriefContacts(tx, accountId), 'contact').map((row) => ({
    id: row.id,
    name: row.name,
    title: row.title ?? null,
    role: row.role ?? null,
    isPrimary: row.is_primary,
    phone: (row.phones ?? [])[0]?.number ?? null,
    email: (row.emails ?? [])[0]?.address ?? null,
  }));
  // The products the client buys or is offered: what its knowledge, alerts and experts are about.
  const productIds = await findAccountProductIds(tx, accountId);
  const colleagues = await colleaguesFor(
    ctx,
    { id: account.id, owner_id: account.owner_id, team_id: account.team_id },
    productIds,
  );
  // Other modules' sections, except the situations shown here with their advice and products.
  const sections = (await ctx.deps.points.briefSections(ctx, accountId)).filter(
    (section) => section.key !== 'situations',
  );
  return {
    account: {
      id: account.id,
      name: account.name,
      kind: account.kind,
      sector: account.sector,
      segment: account.segment,
      size: account.size,
      city: account.city,
      postalCode: account.postal_code,
      addressLine: account.address_line,
      phone: account.phone,
      website: account.website,
      tags: account.tags ?? [],
      ownerName,
      visibility: account.visibility,
    },
    keyFacts: {
      openOffers: num(facts.open_offers),
      openPipeline: num(facts.pipeline),
      wonLast12Months: num(facts.won_12m),
      wonCount: num(facts.won_count),
      lostCount: num(facts.lost_count),
      lastActivityAt: facts.last_activity_at ?? null,
      lastVisitAt: facts.last_visit_at ?? null,
    },
    lastActivities,
    openOffers,
    openTasks,
    contacts,
    colleagues,
    knowledge: await knowledgeForAccount(ctx, accountId, productIds),
    situations: await situationsForAccount(ctx, accountId),
    alerts: await alertsFor(ctx, account),
    sections,
    generatedAt: new Date().toISOString(),
  };
}
export type Brief = Awaited<ReturnType<typeof buildBrief>>;

/**
 * The alerts (PUSH-2) that would meet the rep at this client — when logging the visit or
 * proposing an offer — so they are read while preparing, not discovered on site.
 */
async function alertsFor(ctx: Ctx, account: Record<string, unknown>) {
  const fields = {
    accountId: account.id,
    accountSegment: account.segment,
    accountSector: account.sector,
    accountCountry: account.country,
    accountKind: account.kind,
  };
  const fired = [
    ...(await checkAction(ctx, 'activity.create', { ...fields, kind: 'visit' })),
    ...(await checkAction(ctx, 'offer.create', fields)),
  ];
  const unique = new Map(fired.map((alert) => [alert.ruleId, alert]));
  return [...unique.values()].map((alert) => ({
    ruleId: alert.ruleId,
    name: alert.name,
    severity: alert.severity,
    message: alert.message,
    html: alert.html,
    knowledge: alert.knowledge,
  }));
}

export const BRIEF_TEXT_LIMIT = 1500;

/** The brief as plain text for voice or SMS: most useful first, never more than 1,500 characters. */
export function briefText(brief: Brief, locale: 'fr' | 'en'): string {
  const fr = locale === 'fr';
  const money = (n: number) =>
    `${Math.round(n)
      .toLocaleString(fr ? 'fr-FR' : 'en-GB')
      .replace(/\u202f|\u00a0/g, ' ')} €`;
  const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '-');
  const a = brief.account;
  const k = brief.keyFacts;
  const blocks: string[][] = [
    [`${a.name}${a.city ? ` (${a.city})` : ''}${a.sector ? ` - ${a.sector}` : ''}`],
    brief.alerts.length
      ? [fr ? 'Alertes :' : 'Alerts:', ...brief.alerts.slice(0, 2).map((x) => `! ${x.name} : ${x.message}`)]
      : [],
    [
      fr
        ? `Offres ouvertes : ${k.openOffers} (${money(k.openPipeline)}). Gagné 12 mois : ${money(k.wonLast12Months)}. Dernière visite : ${day(k.lastVisitAt)}.`
        : `Open offers: ${k.openOffers} (${money(k.openPipeline)}). Won last 12 months: ${money(k.wonLast12Months)}. Last visit: ${day(k.lastVisitAt)}.`,
    ],
    brief.contacts.length
      ? [
          (fr ? 'Contacts : ' : 'Contacts: ') +
            brief.contacts
              .slice(0, 3)
              .map((c) => `${c.name}${c.title ? `, ${c.title}` : ''}${c.phone ? ` ${c.phone}` : ''}`)
              .join(' ; '),
        ]
      : [],
    brief.openOffers.length
      ? [
          fr ? 'Offres :' : 'Offers:',
          ...brief.openOffers.slice(0, 3).map((o) => `- ${o.title} : ${o.stageName}, ${money(o.amount)}`),
        ]
      : [],
    brief.lastActivities.length
      ? [
          fr ? 'Derniers échanges :' : 'Recent activity:',
          ...brief.lastActivities.map(
            (x) => `- ${day(x.occurredAt)} ${x.subject}${x.outcome ? ` : ${x.outcome}` : ''}`,
          ),
        ]
      : [],
    brief.openTasks.length
      ? [
          fr ? 'À faire :' : 'To do:',
          ...brief.openTasks.slice(0, 3).map((t) => `- ${t.subject} (${day(t.dueDate)})`),
        ]
      : [],
    brief.situations.length
      ? [
          fr ? 'Situations :' : 'Situations:',
          ...brief.situations
            .slice(0, 2)
            .map(
              (x) =>
                `- ${x.name}${x.advice ? ` : ${markdownToText(x.advice).replace(/\s+/g, ' ').slice(0, 160)}` : ''}`,
            ),
        ]
      : [],
    brief.knowledge.length
      ? [fr ? 'À lire :' : 'To read:', ...brief.knowledge.slice(0, 3).map((k) => `- ${k.title}`)]
      : [],
    brief.colleagues.length
      ? [
          (fr ? 'Connaissent ce client : ' : 'Colleagues who know this client: ') +
            brief.colleagues.map((c) => c.name).join(', '),
        ]
      : [],
    ...brief.sections.map((s) => [
      `${fr ? s.title.fr : s.title.en} :`,
      ...s.items.slice(0, 3).map((i) => `- ${i.title}`),
    ]),
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
