import type { Database, Queryable } from '../../../db/client.js';
import type { AppDeps } from '../../../platform/context.js';
import type { DemoOptions } from '../../../platform/module.js';
import {
  bumpRulesVersion,
  findRegionId,
  findUserIdByEmail,
  findUsersByEmail,
  insertDemoAction,
  insertDemoBroadcast,
  insertDemoPlan,
  insertDemoRule,
  insertExampleAction,
  insertFirstRuleVersion,
  spreadDemoReceipts,
} from './demo.repository.js';

type SeedRule = {
  key: string;
  name: string;
  action: string;
  conditions: unknown;
  severity: 'info' | 'warning' | 'blocking';
  fr: string;
  en: string;
  from?: string;
  to?: string;
  roles?: string[];
};

/**
 * How another application calls the check API, shown with a banking back office checking
 * transfers. Brémont sells kitchen equipment: these are labelled examples, never reps' rules.
 */
export const TRANSFER_ACTION = {
  name: 'transfer.create',
  label:
    'Exemple pour une autre application : virement bancaire (logiciel de trésorerie appelant l’API de vérification)',
  fields: [
    { name: 'country', type: 'string' },
    { name: 'amount', type: 'number' },
    { name: 'currency', type: 'string' },
    { name: 'beneficiary', type: 'string' },
    { name: 'executionDate', type: 'date' },
  ],
};

export const KY_RULE: SeedRule = {
  key: 'transfer-ky-new-conditions',
  name: 'Virement vers les îles Caïmans : nouvelles conditions',
  action: 'transfer.create',
  conditions: { all: [{ field: 'country', op: 'in', value: ['KY'] }] },
  severity: 'warning',
  from: '2026-10-01',
  fr: 'Depuis le **1er octobre 2026**, de nouvelles conditions s’appliquent aux virements vers les îles Caïmans (KY) : justificatif d’origine des fonds et double validation.',
  en: 'Since **1 October 2026**, new conditions apply to transfers to the Cayman Islands (KY): proof of the origin of funds and dual approval.',
};

const SMALL_RULES: SeedRule[] = [
  KY_RULE,
  {
    key: 'discount-over-30',
    name: 'Remise supérieure à 30 %',
    action: 'offer.line.add',
    conditions: { all: [{ field: 'discountPercent', op: 'gt', value: 30 }] },
    severity: 'blocking',
    fr: 'Une remise de plus de **30 %** sort de la politique commerciale : elle doit être justifiée auprès de votre manager.',
    en: 'A discount above **30%** is outside the commercial policy: justify it to your manager.',
  },
  {
    key: 'won-discount-over-30',
    name: 'Offre gagnée avec une remise de plus de 30 %',
    action: 'offer.stage.change',
    conditions: {
      all: [
        { field: 'to', op: 'eq', value: 'won' },
        { field: 'maxDiscountPercent', op: 'gt', value: 30 },
      ],
    },
    severity: 'blocking',
    fr: 'Charte de remises : au-delà de **30 %**, la commande ne peut être confirmée qu’avec l’accord du **directeur régional**. Joignez son accord à l’offre.',
    en: 'Discount policy: above **30%**, the order may only be confirmed with the **regional director**’s approval. Attach it to the offer.',
  },
  {
    key: 'big-offer',
    name: 'Offre de plus de 100 000 €',
    action: 'offer.create',
    conditions: { all: [{ field: 'amount', op: 'gte', value: 100000 }] },
    severity: 'info',
    fr: 'Pour une offre de cette taille, pensez à associer l’avant-vente et à vérifier la solvabilité du client.',
    en: 'For an offer this size, involve presales and check the client’s creditworthiness.',
  },
  {
    key: 'segment-change',
    name: 'Changement de segment d’un compte',
    action: 'account.update',
    conditions: { all: [{ field: 'segment', op: 'changed', value: { to: 'Grands comptes' } }] },
    severity: 'warning',
    fr: 'Un compte qui passe en **Grands comptes** est suivi par la direction régionale : prévenez votre manager.',
    en: 'An account moving to **Key accounts** is followed by the regional management: tell your manager.',
  },
];

const TRANSFER_COUNTRIES: [string, string, string][] = [
  ['PA', 'Panama', 'Panama'],
  ['BS', 'Bahamas', 'the Bahamas'],
  ['VG', 'Îles Vierges britanniques', 'the British Virgin Islands'],
  ['RU', 'Russie', 'Russia'],
  ['IR', 'Iran', 'Iran'],
  ['KP', 'Corée du Nord', 'North Korea'],
];

/** ~25 rules, banking-style (transfers) and product-style (offers, lines, visits). */
export function fullRules(): SeedRule[] {
  const rules: SeedRule[] = [...SMALL_RULES];
  for (const [code, fr, en] of TRANSFER_COUNTRIES) {
    const sanctioned = ['IR', 'KP', 'RU'].includes(code);
    rules.push({
      key: `transfer-${code.toLowerCase()}`,
      name: `Virement vers ${fr}`,
      action: 'transfer.create',
      conditions: { all: [{ field: 'country', op: 'eq', value: code }] },
      severity: sanctioned ? 'blocking' : 'warning',
      fr: sanctioned
        ? `Pays sous **sanctions** : le virement vers ${fr} exige l’accord de la conformité.`
        : `Virement vers ${fr} : vérifiez l’identité du bénéficiaire effectif.`,
      en: sanctioned
        ? `Country under **sanctions**: a transfer to ${en} needs compliance approval.`
        : `Transfer to ${en}: check the beneficial owner’s identity.`,
    });
  }
  rules.push(
    {
      key: 'transfer-large',
      name: 'Virement de plus de 50 000 €',
      action: 'transfer.create',
      conditions: {
        all: [
          { field: 'amount', op: 'gt', value: 50000 },
          { field: 'currency', op: 'eq', value: 'EUR' },
        ],
      },
      severity: 'warning',
      fr: 'Au-delà de 50 000 €, une double signature est requise.',
      en: 'Above €50,000, two signatures are required.',
    },
    {
      key: 'transfer-weekend',
      name: 'Virement daté d’un jour férié de fin d’année',
      action: 'transfer.create',
      conditions: {
        all: [{ field: 'executionDate', op: 'date_between', value: ['2026-12-24', '2026-12-26'] }],
      },
      severity: 'info',
      fr: 'Les virements des 24–26 décembre sont exécutés le 28.',
      en: 'Transfers of 24–26 December are executed on the 28th.',
    },
    {
      key: 'discount-over-20-rep',
      name: 'Remise de 20 à 30 % (commerciaux)',
      action: 'offer.line.add',
      conditions: { all: [{ field: 'discountPercent', op: 'between', value: [20, 30] }] },
      severity: 'warning',
      roles: ['rep'],
      fr: 'Remise élevée : documentez la contrepartie obtenue.',
      en: 'High discount: document what you got in return.',
    },
    {
      key: 'line-below-price',
      name: 'Prix unitaire sous le tarif plancher',
      action: 'offer.line.add',
      conditions: { all: [{ field: 'priceBelowListPercent', op: 'gt', value: 25 }] },
      severity: 'warning',
      fr: 'Prix unitaire à plus de **25 %** sous le prix catalogue : c’est sous le tarif plancher, faites valider par votre manager.',
      en: 'Unit price more than **25%** below the list price: that is under the floor price, have your manager approve it.',
    },
    {
      key: 'offer-key-account',
      name: 'Offre à un grand compte',
      action: 'offer.create',
      conditions: { all: [{ field: 'accountSegment', op: 'eq', value: 'Grands comptes' }] },
      severity: 'info',
      fr: 'Grand compte : vérifiez le **contrat-cadre** en vigueur et associez la direction régionale.',
      en: 'Key account: check the **framework agreement** in force and involve regional management.',
    },
    {
      key: 'visit-public-body',
      name: 'Visite d’une collectivité',
      action: 'activity.create',
      conditions: {
        all: [
          { field: 'kind', op: 'eq', value: 'visit' },
          { field: 'accountSegment', op: 'eq', value: 'Collectivités' },
        ],
      },
      severity: 'info',
      fr: 'Collectivité : tout échange peut relever d’un **marché public**, ne promettez ni prix ni délai hors appel d’offres.',
      en: 'Public body: every exchange may fall under **public procurement**, promise no price or lead time outside a tender.',
    },
    {
      key: 'public-sector-offer',
      name: 'Offre secteur public',
      action: 'offer.create',
      conditions: {
        all: [
          { field: 'accountSector', op: 'in', value: ['Administration', 'Collectivités', 'Santé publique'] },
        ],
      },
      severity: 'info',
      fr: 'Secteur public : vérifiez les seuils des **marchés publics** avant de chiffrer.',
      en: 'Public sector: check the **public procurement** thresholds before pricing.',
    },
    {
      key: 'offer-export',
      name: 'Offre à l’export',
      action: 'offer.create',
      conditions: { all: [{ field: 'accountCountry', op: 'nin', value: ['FR'] }] },
      severity: 'info',
      fr: 'Offre hors de France : incoterms et TVA intracommunautaire à préciser.',
      en: 'Offer outside France: specify incoterms and EU VAT.',
    },
    {
      key: 'stage-to-won-no-visit',
      name: 'Passage direct en « Gagnée »',
      action: 'offer.stage.change',
      conditions: {
        all: [
          { field: 'to', op: 'eq', value: 'won' },
          { field: 'from', op: 'in', value: ['qualification', 'proposal'] },
        ],
      },
      severity: 'info',
      fr: 'Bravo ! Racontez comment vous avez gagné : votre **histoire de réussite** aidera l’équipe.',
      en: 'Well done! Tell how you won: your **win story** will help the team.',
    },
    {
      key: 'stage-lost-big',
      name: 'Perte d’une grosse offre',
      action: 'offer.stage.change',
      conditions: {
        all: [
          { field: 'to', op: 'eq', value: 'lost' },
          { field: 'amount', op: 'gte', value: 50000 },
        ],
      },
      severity: 'warning',
      fr: 'Offre importante perdue : indiquez le concurrent et la raison.',
      en: 'Large offer lost: record the competitor and the reason.',
    },
    {
      key: 'visit-health',
      name: 'Visite dans le secteur santé',
      action: 'activity.create',
      conditions: {
        all: [
          { field: 'kind', op: 'eq', value: 'visit' },
          { field: 'accountSector', op: 'eq', value: 'Santé' },
        ],
      },
      severity: 'info',
      fr: 'Établissements de santé : respectez les protocoles d’accès et d’hygiène.',
      en: 'Healthcare sites: follow the access and hygiene protocols.',
    },
    {
      key: 'visit-complaint',
      name: 'Visite après réclamation',
      action: 'activity.create',
      conditions: {
        all: [
          { field: 'kind', op: 'in', value: ['visit', 'call'] },
          { field: 'subject', op: 'contains', value: 'réclamation' },
        ],
      },
      severity: 'info',
      fr: 'Réclamation : consultez la procédure de traitement des litiges avant l’échange.',
      en: 'Complaint: read the dispute-handling procedure first.',
    },
    {
      key: 'account-prospect-to-customer',
      name: 'Prospect devenu client',
      action: 'account.update',
      conditions: { all: [{ field: 'kind', op: 'changed', value: { from: 'prospect', to: 'customer' } }] },
      severity: 'info',
      fr: 'Nouveau client : lancez le parcours d’accueil (contrat, référencement, premier rendez-vous).',
      en: 'New customer: start onboarding (contract, vendor registration, first meeting).',
    },
    {
      key: 'account-secret',
      name: 'Compte rendu secret',
      action: 'account.update',
      conditions: { all: [{ field: 'visibility', op: 'changed', value: { to: 'secret' } }] },
      severity: 'warning',
      fr: 'Un compte **secret** n’est plus visible de votre manager : est-ce bien voulu ?',
      en: 'A **secret** account is hidden from your manager: is that intended?',
    },
    {
      key: 'contact-consent-off',
      name: 'Retrait du consentement e-mail',
      action: 'contact.update',
      conditions: { all: [{ field: 'emailConsent', op: 'changed', value: { from: true, to: false } }] },
      severity: 'info',
      fr: 'Le contact ne recevra plus d’e-mails de Relais.',
      en: 'The contact will no longer receive e-mails from Relais.',
    },
    {
      key: 'contact-job-change',
      name: 'Contact qui change de poste',
      action: 'contact.update',
      conditions: { all: [{ field: 'title', op: 'changed' }] },
      severity: 'info',
      fr: 'Changement de poste : une occasion de reprendre contact (situation « le client change de poste »).',
      en: 'Job change: a chance to get back in touch (situation “client changes job”).',
    },
    {
      key: 'account-create-abroad',
      name: 'Compte hors Union européenne',
      action: 'account.create',
      conditions: {
        not: { field: 'country', op: 'in', value: ['FR', 'BE', 'DE', 'ES', 'IT', 'LU', 'NL', 'PT'] },
      },
      severity: 'info',
      fr: 'Compte hors UE : vérifiez les conditions d’export.',
      en: 'Account outside the EU: check export conditions.',
    },
    {
      key: 'offer-close-year-end',
      name: 'Clôture prévue en fin d’année',
      action: 'offer.create',
      conditions: {
        all: [
          { field: 'expectedCloseDate', op: 'on_or_after', value: '2026-12-15' },
          { field: 'expectedCloseDate', op: 'on_or_before', value: '2026-12-31' },
        ],
      },
      severity: 'info',
      fr: 'Fin d’année : anticipez les délais de commande des clients (budgets figés).',
      en: 'Year end: anticipate clients’ ordering delays (frozen budgets).',
    },
    {
      key: 'offer-any-big-or-export',
      name: 'Grosse offre export (combinée)',
      action: 'offer.create',
      conditions: { all: [{ rule: 'offer-export' }, { rule: 'big-offer' }] },
      severity: 'warning',
      fr: 'Grosse offre à l’export : assurance-crédit obligatoire.',
      en: 'Large export offer: credit insurance is mandatory.',
    },
  );
  return rules;
}

async function insertRule(tx: Queryable, rule: SeedRule, authorId: string | null) {
  const id = await insertDemoRule(tx, [
    rule.key,
    rule.name,
    rule.action,
    JSON.stringify(rule.conditions),
    rule.from ?? null,
    rule.to ?? null,
    rule.roles ?? [],
    rule.severity,
    rule.fr,
    rule.en,
    authorId,
  ]);
  if (id) await insertFirstRuleVersion(tx, id, authorId);
}

export async function seedPushDemo(db: Database, deps: AppDeps, options: DemoOptions): Promise<void> {
  await db.transaction(async (tx) => {
    const expertId = await findUserIdByEmail(tx, 'expert@relais.demo');
    await insertExampleAction(tx, TRANSFER_ACTION);
    for (const rule of options.size === 'full' ? fullRules() : SMALL_RULES)
      await insertRule(tx, rule, expertId ?? null);
    await bumpRulesVersion(tx);
    if (options.size === 'full') await seedBroadcastsAndPlan(tx, deps);
  });
}

type SeedBroadcast = {
  title: string;
  body: string;
  audience: Record<string, unknown>;
  ack?: number;
  season?: [string, string];
};

const BROADCASTS: SeedBroadcast[] = [
  {
    title: 'Nouvelle charte de remises 2027',
    body: 'La charte de remises évolue au **1er janvier** : plafond à 30 % sans validation, au-delà accord du directeur régional.\n\nMerci de confirmer votre lecture.',
    audience: { roles: ['rep', 'manager'] },
    ack: 10,
  },
  {
    title: 'Mobilité interne : 3 postes ouverts',
    body: 'Trois postes de responsable d’équipe sont ouverts (Lille, Nantes, Marseille). Candidatures avant le 15 décembre.',
    audience: {},
  },
  {
    title: 'Rapport de service : délais de livraison',
    body: 'Les délais de livraison des fours mixtes reviennent à **5 jours ouvrés**. Vous pouvez à nouveau les proposer sans réserve.',
    audience: { roles: ['rep'] },
  },
  {
    title: 'Salon EquipHotel : inscrivez vos clients',
    body: 'Le salon a lieu du 2 au 6 novembre. Invitations gratuites à demander au marketing.',
    audience: { segments: ['Hôtellerie', 'Restauration'] },
  },
  {
    title: 'Région Île-de-France : réunion de lancement',
    body: 'Réunion de lancement de l’année lundi 9 h en visioconférence.',
    audience: { teamIds: ['region:A'] },
  },
];
const SEASONS: SeedBroadcast[] = [
  {
    title: 'Fin d’année : anticipez les commandes',
    body: 'Les budgets de vos clients se ferment : relancez les offres en négociation avant le **15 décembre**.',
    audience: { roles: ['rep'] },
    season: ['11-15', '12-31'],
  },
  {
    title: 'Rentrée : catalogue restauration scolaire',
    body: 'Saison de la restauration scolaire : mettez en avant la gamme collectivités auprès du secteur **Enseignement**.',
    audience: { sectors: ['Enseignement', 'Collectivités'] },
    season: ['09-01', '10-15'],
  },
];

/** Broadcasts (one requiring acknowledgment), two seasonal pushes and a change plan with 6 actions. */
export async function seedBroadcastsAndPlan(tx: Queryable, deps: AppDeps): Promise<void> {
  const { deliverBroadcast, runSchedules } = await import('../broadcasts/broadcasts.service.js');
  const managerId = await findUserIdByEmail(tx, 'manager@relais.demo');
  // The whole company is the admin's to reach; the region manager writes to their region only.
  const adminId = await findUserIdByEmail(tx, 'admin@relais.demo');
  const regionAId = await findRegionId(tx, 'Région Île');
  const resolveTeams = (audience: Record<string, unknown>) =>
    audience.teamIds
      ? {
          ...audience,
          teamIds: (audience.teamIds as string[])
            .map((key) => (key === 'region:A' ? regionAId : key))
            .filter(Boolean),
        }
      : audience;
  const ids: string[] = [];
  for (const [index, b] of [...BROADCASTS, ...SEASONS].entries()) {
    const due = b.ack ? new Date(Date.now() + b.ack * 86_400_000).toISOString().slice(0, 10) : null;
    const id = await insertDemoBroadcast(tx, [
      b.title,
      b.body,
      JSON.stringify(resolveTeams(b.audience)),
      Boolean(b.ack),
      due,
      b.season ? 'season' : 'now',
      b.season?.[0] ?? null,
      b.season?.[1] ?? null,
      (b.audience.teamIds ? managerId : adminId) ?? null,
      10 - index,
    ]);
    ids.push(id);
    if (!b.season) await deliverBroadcast(tx, deps, id, 'once');
  }
  await runSchedules(tx, deps);
  // About half the recipients have read, a third acknowledged (except the fixed demo users: theirs is to try).
  await spreadDemoReceipts(tx);
  const planId = await insertDemoPlan(tx, {
    title: 'Passage à l’organisation par segments',
    description:
      'Les équipes passent d’une organisation géographique à une organisation par **segments de clientèle** (hôtellerie, restauration collective, commerce).',
    ownerId: managerId ?? null,
  });
  const people = await findUsersByEmail(tx, [
    'manager@relais.demo',
    'expert@relais.demo',
    'admin@relais.demo',
    'rep@relais.demo',
  ]);
  const who = (email: string) => people.find((p) => p.email === email)?.id ?? null;
  const actions: [string, string, string, number, string, string | null][] = [
    [
      'Annonce du projet par la direction',
      'Informer et donner le sens du changement',
      'admin@relais.demo',
      -15,
      'done',
      ids[4],
    ],
    [
      'Foire aux questions dans la base de connaissances',
      'Répondre aux questions récurrentes',
      'expert@relais.demo',
      -5,
      'done',
      null,
    ],
    [
      'Réunions d’équipe régionales',
      'Expliquer l’impact pour chaque commercial',
      'manager@relais.demo',
      7,
      'in_progress',
      null,
    ],
    [
      'Formation « vendre par segment »',
      'Former aux argumentaires par segment',
      'expert@relais.demo',
      20,
      'todo',
      null,
    ],
    [
      'Réaffectation des portefeuilles clients',
      'Organiser la transition des comptes',
      'manager@relais.demo',
      30,
      'todo',
      null,
    ],
    ['Retour d’expérience à 60 jours', 'Mesurer l’adoption et ajuster', 'rep@relais.demo', 60, 'todo', null],
  ];
  for (const [position, [means, fn, email, dueIn, status, broadcastId]] of actions.entries()) {
    await insertDemoAction(tx, [
      planId,
      means,
      fn,
      who(email),
      dueIn,
      status,
      broadcastId ? 'broadcast' : null,
      broadcastId,
      position,
    ]);
  }
}
