import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../../../db/client.js';
import { createRandom, type Random } from '../../../platform/demo-random.js';
import {
  DEMO_CITIES,
  DEMO_CONSENT_SOURCES,
  DEMO_FEMALE_FIRST_NAMES,
  DEMO_CONTACT_ROLES,
  DEMO_CONTACT_TITLES,
  DEMO_FIRST_NAMES,
  DEMO_LAST_NAMES,
  DEMO_LEGAL_SUFFIXES,
  DEMO_SECTORS,
  DEMO_SEGMENTS,
  DEMO_TAGS,
  type DemoCity,
} from './demo-data.js';
import { findSellerRows, insertMany } from './demo.repository.js';
import { withLuhnDigit } from './siren.js';

type Seller = {
  id: string;
  email: string;
  role: string;
  teamId: string | null;
  region: 'A' | 'B' | 'C' | null;
};
type AccountRow = {
  id: string;
  name: string;
  kind: string;
  siren: string | null;
  siret: string | null;
  sector: string;
  size: string;
  address_line: string;
  postal_code: string;
  city: string;
  segment: string;
  tags: string[];
  phone: string;
  website: string | null;
  owner_id: string;
  team_id: string | null;
  visibility: string;
  created_at: string;
};
type ContactRow = {
  id: string;
  first_name: string;
  last_name: string;
  title: string;
  emails: string;
  phones: string;
  email_consent: boolean;
  consent_at: string | null;
  consent_source: string | null;
  owner_id: string;
  team_id: string | null;
  visibility: string;
  created_at: string;
};

const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, 'et')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const digits = (random: Random, count: number) =>
  Array.from({ length: count }, () => random.int(0, 9)).join('');
const phone = (random: Random, prefix: string) =>
  `+33 ${prefix.slice(1)} ${digits(random, 2)} ${digits(random, 2)} ${digits(random, 2)} ${digits(random, 2)}`;
const daysAgo = (days: number) => new Date(Date.UTC(2025, 5, 1) - days * 86_400_000).toISOString();

function regionOf(name: string | null): Seller['region'] {
  if (!name) return null;
  if (/Île-de-France|Nord/.test(name)) return 'A';
  if (/Ouest/.test(name)) return 'B';
  if (/Sud/.test(name)) return 'C';
  return null;
}

async function loadSellers(db: Queryable): Promise<Seller[]> {
  const rows = await findSellerRows(db);
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    role: row.role,
    teamId: row.team_id,
    region: regionOf(row.region_name),
  }));
}

function companyName(
  random: Random,
  sector: (typeof DEMO_SECTORS)[number],
  city: DemoCity,
  used: Set<string>,
): string {
  for (let attempt = 0; ; attempt += 1) {
    const base = random
      .pick(sector.patterns)
      .replace('{n}', random.pick(DEMO_LAST_NAMES))
      .replace('{c}', city.city)
      .replace('{w}', random.pick(sector.words));
    const name =
      sector.sector === 'Collectivités' || sector.sector === 'Enseignement' || sector.sector === 'Santé'
        ? base
        : base + random.pick(DEMO_LEGAL_SUFFIXES);
    const unique = attempt > 5 ? `${name} (${city.city})` : name;
    if (!used.has(unique)) {
      used.add(unique);
      return unique;
    }
  }
}

function makeAccount(
  random: Random,
  owner: Seller,
  used: Set<string>,
  overrides: Partial<AccountRow> = {},
): AccountRow {
  const cities = DEMO_CITIES.filter((city) => !owner.region || city.region === owner.region);
  const city = random.pick(cities);
  const sector = random.pick(DEMO_SECTORS);
  const weights = DEMO_SEGMENTS.flatMap((segment) => Array(segment.weight).fill(segment));
  const segment =
    sector.sector === 'Collectivités'
      ? DEMO_SEGMENTS[4]
      : random.pick(weights.filter((s) => s.segment !== 'Collectivités'));
  const name = overrides.name ?? companyName(random, sector, city, used);
  const siren = withLuhnDigit(`${random.int(3, 9)}${digits(random, 7)}`);
  const kind = random.pick([
    'customer',
    'customer',
    'customer',
    'prospect',
    'prospect',
    'partner',
    'supplier',
    'network_member',
  ]);
  return {
    id: randomUUID(),
    name,
    kind,
    siren: random.chance(0.85) ? siren : null,
    siret: random.chance(0.5) ? withLuhnDigit(`${siren}${String(random.int(1, 40)).padStart(4, '0')}`) : null,
    sector: sector.sector,
    size: random.pick(segment.sizes),
    address_line: `${random.int(1, 180)} ${random.pick(city.streets)}`,
    postal_code: city.postalCode,
    city: city.city,
    segment: segment.segment,
    tags: random.sample(DEMO_TAGS, random.int(0, 3)),
    phone: phone(random, city.phonePrefix),
    website: random.chance(0.6) ? `https://www.${slug(name).slice(0, 30)}.fr` : null,
    owner_id: owner.id,
    team_id: owner.teamId,
    visibility: random.chance(0.12) ? 'public' : 'team',
    created_at: daysAgo(random.int(30, 900)),
    ...overrides,
  };
}

function makeContacts(
  random: Random,
  account: AccountRow,
  count: number,
  usedEmails: Set<string>,
  overrides: Partial<ContactRow> = {},
) {
  const contacts: ContactRow[] = [];
  const links: { account_id: string; contact_id: string; role: string | null; is_primary: boolean }[] = [];
  const domain = account.website
    ? account.website.replace('https://www.', '')
    : `${slug(account.name).slice(0, 30)}.fr`;
  const prefix = account.phone.slice(4, 5);
  for (let index = 0; index < count; index += 1) {
    const first = overrides.first_name ?? random.pick(DEMO_FIRST_NAMES);
    const last = overrides.last_name ?? random.pick(DEMO_LAST_NAMES);
    let email = `${slug(first)}.${slug(last)}@${domain}`.replace(/-/g, '');
    for (let n = 2; usedEmails.has(email); n += 1)
      email = `${slug(first)}.${slug(last)}${n}@${domain}`.replace(/-/g, '');
    usedEmails.add(email);
    const consent = random.chance(0.8);
    const id = randomUUID();
    const phones = [{ number: phone(random, random.chance(0.7) ? '06' : '07'), label: 'mobile' }];
    if (random.chance(0.4)) phones.push({ number: phone(random, `0${prefix}`), label: 'work' });
    contacts.push({
      id,
      first_name: first,
      last_name: last,
      title: random.pick(DEMO_CONTACT_TITLES)[DEMO_FEMALE_FIRST_NAMES.has(first) ? 1 : 0],
      emails: JSON.stringify([{ address: email, label: 'work' }]),
      phones: JSON.stringify(phones),
      email_consent: consent,
      consent_at: consent ? daysAgo(random.int(10, 700)) : null,
      consent_source: consent ? random.pick(DEMO_CONSENT_SOURCES) : null,
      owner_id: account.owner_id,
      team_id: account.team_id,
      visibility: account.visibility === 'public' ? 'team' : account.visibility,
      created_at: account.created_at,
      ...overrides,
    });
    links.push({
      account_id: account.id,
      contact_id: id,
      role: index === 0 ? 'Décideur' : random.pick(DEMO_CONTACT_ROLES),
      is_primary: index === 0,
    });
  }
  return { contacts, links };
}

/**
 * Demo accounts and contacts, with the RLS-bypassing system connection. `small` (the test
 * fixture) is a dozen named accounts; `full` ~300 accounts and ~800 contacts spread over the
 * sellers of each region, a few restricted and secret ones.
 */
export async function seedAccountsDemo(db: Database, size: 'small' | 'full'): Promise<void> {
  const random = createRandom(size === 'small' ? 7 : 2024);
  const sellers = await loadSellers(db);
  const byEmail = new Map(sellers.map((seller) => [seller.email, seller]));
  const rep = byEmail.get('rep@relais.demo');
  const rep2 = byEmail.get('rep2@relais.demo');
  const rep3 = byEmail.get('rep3@relais.demo');
  if (!rep || !rep2 || !rep3) return;
  const used = new Set<string>();
  const usedEmails = new Set<string>();
  const accounts: AccountRow[] = [];
  const contacts: ContactRow[] = [];
  const links: { account_id: string; contact_id: string; role: string | null; is_primary: boolean }[] = [];
  const grants: {
    record_type: string;
    record_id: string;
    user_id: string | null;
    team_id: string | null;
    granted_by: string;
  }[] = [];
  const add = (
    owner: Seller,
    contactCount: number,
    overrides: Partial<AccountRow> = {},
    contactOverrides: Partial<ContactRow> = {},
  ) => {
    const account = makeAccount(random, owner, used, overrides);
    accounts.push(account);
    const made = makeContacts(random, account, contactCount, usedEmails, contactOverrides);
    contacts.push(...made.contacts);
    links.push(...made.links);
    return account;
  };

  // The fixed records tests and the README rely on.
  used.add('Compte confidentiel Oméga');
  add(
    rep,
    1,
    {
      name: 'Compte confidentiel Oméga',
      kind: 'customer',
      visibility: 'secret',
      segment: 'Grands comptes',
      size: 'large',
      sector: 'Hôtellerie',
      tags: ['stratégique'],
    },
    { first_name: 'Victor', last_name: 'Omégalion', visibility: 'secret' },
  );
  add(rep, 2, {
    name: 'Boulangerie Lemoine & Fils',
    kind: 'customer',
    visibility: 'team',
    segment: 'TPE',
    size: 'micro',
    sector: 'Boulangerie-pâtisserie',
    city: 'Paris',
    postal_code: '75011',
  });
  add(rep2, 2, {
    name: 'Brasserie du Beffroi',
    kind: 'customer',
    visibility: 'team',
    segment: 'PME',
    size: 'small',
    sector: 'Restauration',
    city: 'Lille',
    postal_code: '59000',
  });
  add(rep3, 2, {
    name: 'Hôtel Atlantique Nantes',
    kind: 'prospect',
    visibility: 'team',
    segment: 'PME',
    size: 'medium',
    sector: 'Hôtellerie',
    city: 'Nantes',
    postal_code: '44000',
  });
  add(rep, 2, {
    name: 'Café de la Gare',
    kind: 'customer',
    visibility: 'public',
    segment: 'TPE',
    size: 'micro',
    sector: 'Restauration',
  });
  const restricted = add(rep2, 2, {
    name: 'Clinique des Lilas',
    kind: 'customer',
    visibility: 'restricted',
    segment: 'ETI',
    size: 'large',
    sector: 'Santé',
  });
  grants.push({
    record_type: 'account',
    record_id: restricted.id,
    user_id: rep.id,
    team_id: null,
    granted_by: rep2.id,
  });
  for (const link of links.filter((l) => l.account_id === restricted.id))
    grants.push({
      record_type: 'contact',
      record_id: link.contact_id,
      user_id: rep.id,
      team_id: null,
      granted_by: rep2.id,
    });

  const others = sellers.filter((seller) => ![rep.id, rep2.id, rep3.id].includes(seller.id) && seller.region);
  const pool = [
    rep,
    rep2,
    rep3,
    ...others.filter((seller) => seller.role === 'rep'),
    ...others.filter((seller) => seller.role === 'rep'),
    ...others,
  ];
  const target = size === 'small' ? 12 : 300;
  while (accounts.length < target) {
    const owner =
      size === 'small' ? random.pick([rep, rep2, rep3, ...others.slice(0, 3)]) : random.pick(pool);
    const account = add(
      owner,
      size === 'small' ? random.int(1, 3) : random.pick([1, 2, 2, 3, 3, 3, 4, 4, 5]),
    );
    // Confidential accounts keep their contacts as confidential as they are, with the same grants.
    const own = () =>
      contacts.filter((contact) =>
        links.some((link) => link.account_id === account.id && link.contact_id === contact.id),
      );
    if (size === 'full' && random.chance(0.03)) {
      account.visibility = 'secret';
      for (const contact of own()) contact.visibility = 'secret';
    } else if (size === 'full' && random.chance(0.05)) {
      account.visibility = 'restricted';
      const colleague = random.pick(
        sellers.filter((seller) => seller.teamId && seller.teamId !== owner.teamId),
      );
      grants.push({
        record_type: 'account',
        record_id: account.id,
        user_id: null,
        team_id: colleague.teamId,
        granted_by: owner.id,
      });
      for (const contact of own()) {
        contact.visibility = 'restricted';
        grants.push({
          record_type: 'contact',
          record_id: contact.id,
          user_id: null,
          team_id: colleague.teamId,
          granted_by: owner.id,
        });
      }
    }
  }
  if (size === 'full')
    add(rep, 2, {
      name: 'Groupe Hôtelier Riviera',
      visibility: 'secret',
      segment: 'Grands comptes',
      size: 'large',
      sector: 'Hôtellerie',
      kind: 'prospect',
    });
  // A few contacts work for two accounts of the same owner (a group buyer).
  for (let index = 0; index < (size === 'small' ? 1 : 25); index += 1) {
    const link = random.pick(links);
    const contact = contacts.find((c) => c.id === link.contact_id)!;
    const other = accounts.find(
      (a) =>
        a.owner_id === contact.owner_id &&
        a.id !== link.account_id &&
        a.visibility === 'team' &&
        !links.some((l) => l.account_id === a.id && l.contact_id === contact.id),
    );
    if (other && contact.visibility === 'team')
      links.push({
        account_id: other.id,
        contact_id: contact.id,
        role: 'Acheteur groupe',
        is_primary: false,
      });
  }

  await db.transaction(async (tx) => {
    await insertMany(
      tx,
      'accounts',
      accounts.map((account) => ({ ...account, updated_at: account.created_at })),
    );
    await insertMany(
      tx,
      'contacts',
      contacts.map((contact) => ({ ...contact, updated_at: contact.created_at })),
    );
    await insertMany(tx, 'account_contacts', links, 500);
    await insertMany(tx, 'record_grants', grants);
    if (size === 'full') {
      await insertMany(tx, 'custom_field_definitions', [
        {
          entity: 'account',
          key: 'nb_couverts',
          label_fr: 'Couverts par jour',
          label_en: 'Covers per day',
          field_type: 'number',
          choices: [],
          position: 1,
        },
        {
          entity: 'account',
          key: 'fin_contrat',
          label_fr: 'Fin du contrat de maintenance',
          label_en: 'Maintenance contract end',
          field_type: 'date',
          choices: [],
          position: 2,
        },
        {
          entity: 'account',
          key: 'energie',
          label_fr: 'Énergie de cuisson',
          label_en: 'Cooking energy',
          field_type: 'choice',
          choices: ['Gaz', 'Électrique', 'Mixte'],
          position: 3,
        },
      ]);
    }
  });
}
