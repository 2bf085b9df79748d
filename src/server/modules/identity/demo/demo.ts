import type { Database } from '../../../db/client.js';
import { createRandom } from '../../../platform/demo-random.js';
import { hashPassword } from '../shared/credentials.js';
import { setTeamManager } from '../teams/teams.repository.js';
import { insertDemoTeam, insertDemoUser } from './demo.repository.js';

export const DEMO_PASSWORD = 'relais-demo';
export const DEMO_COMPANY = 'Brémont Équipements Pro';

const REGIONS = [
  { key: 'A', name: 'Région Île-de-France & Nord', teams: ['Équipe Paris Centre', 'Équipe Lille Métropole'] },
  { key: 'B', name: 'Région Grand Ouest', teams: ['Équipe Nantes Atlantique', 'Équipe Rennes Bretagne'] },
  { key: 'C', name: 'Région Sud-Est', teams: ['Équipe Lyon Rhône', 'Équipe Marseille Provence'] },
];
const FIRST_NAMES = [
  'Camille',
  'Julien',
  'Sophie',
  'Thomas',
  'Claire',
  'Nicolas',
  'Élodie',
  'Mathieu',
  'Aurélie',
  'Sébastien',
  'Isabelle',
  'Antoine',
  'Nathalie',
  'François',
  'Céline',
  'Guillaume',
  'Amélie',
  'Laurent',
  'Manon',
  'Benoît',
  'Hélène',
  'Romain',
  'Chloé',
  'Olivier',
  'Margaux',
  'Pierre',
  'Léa',
  'Jérôme',
  'Inès',
  'Vincent',
  'Anaïs',
  'Grégoire',
  'Pauline',
  'Yannick',
];
const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'André',
  'Mercier',
  'Dupont',
  'Lambert',
  'Bonnet',
  'François',
  'Martinez',
  'Legrand',
  'Garnier',
  'Faure',
  'Rousseau',
  'Blanc',
  'Guérin',
  'Muller',
  'Henry',
  'Roussel',
  'Nicolas',
  'Perrin',
];

/** The fixed accounts of the README, one per role to try. */
export const DEMO_ACCOUNTS = [
  { email: 'admin@relais.demo', firstName: 'Anne', lastName: 'Brémont', role: 'admin', team: 'nation' },
  {
    email: 'manager@relais.demo',
    firstName: 'Marc',
    lastName: 'Delaunay',
    role: 'manager',
    team: 'region:A',
    manages: 'region:A',
  },
  { email: 'expert@relais.demo', firstName: 'Estelle', lastName: 'Vasseur', role: 'expert', team: 'nation' },
  { email: 'rep@relais.demo', firstName: 'Romain', lastName: 'Lemoine', role: 'rep', team: 'team:A:0' },
  { email: 'rep2@relais.demo', firstName: 'Rachida', lastName: 'Benali', role: 'rep', team: 'team:A:1' },
  { email: 'rep3@relais.demo', firstName: 'Rémi', lastName: 'Carpentier', role: 'rep', team: 'team:B:0' },
] as const;

/**
 * Seeds the demo company's organisation: a nation, 3 regions, 6 teams, ~40 users with the
 * fixed accounts. Everyone's password is `relais-demo` (hashed once, it is the same).
 */
export async function seedDemoOrganisation(db: Database): Promise<void> {
  const random = createRandom(42);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const teamIds = new Map<string, string>();
    const insertTeam = async (key: string, name: string, kind: string, parentKey: string | null) => {
      const id = await insertDemoTeam(tx, {
        name,
        kind,
        parentId: parentKey ? (teamIds.get(parentKey) ?? null) : null,
      });
      teamIds.set(key, id);
    };
    await insertTeam('nation', DEMO_COMPANY, 'nation', null);
    for (const region of REGIONS) {
      await insertTeam(`region:${region.key}`, region.name, 'region', 'nation');
      for (const [index, team] of region.teams.entries())
        await insertTeam(`team:${region.key}:${index}`, team, 'team', `region:${region.key}`);
    }
    const insertUser = async (
      email: string,
      firstName: string,
      lastName: string,
      role: string,
      teamKey: string,
    ) => {
      return insertDemoUser(tx, {
        email,
        passwordHash,
        firstName,
        lastName,
        role,
        teamId: teamIds.get(teamKey),
        hoursAgo: random.int(1, 300),
      });
    };
    for (const account of DEMO_ACCOUNTS) {
      const id = await insertUser(
        account.email,
        account.firstName,
        account.lastName,
        account.role,
        account.team,
      );
      if ('manages' in account) await setTeamManager(tx, teamIds.get(account.manages)!, id);
      if (account.role === 'admin') await setTeamManager(tx, teamIds.get('nation')!, id);
    }
    const used = new Set<string>();
    const person = () => {
      for (;;) {
        const first = random.pick(FIRST_NAMES);
        const last = random.pick(LAST_NAMES);
        if (!used.has(`${first} ${last}`)) {
          used.add(`${first} ${last}`);
          return { first, last };
        }
      }
    };
    const emailOf = (first: string, last: string) =>
      `${first}.${last}`
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z.]/g, '') + '@bremont-pro.fr';
    // Regional managers for B and C, a team lead per team, reps to reach ~40 people.
    for (const region of REGIONS.filter((r) => r.key !== 'A')) {
      const { first, last } = person();
      const id = await insertUser(emailOf(first, last), first, last, 'manager', `region:${region.key}`);
      await setTeamManager(tx, teamIds.get(`region:${region.key}`)!, id);
    }
    for (const region of REGIONS) {
      for (const index of region.teams.keys()) {
        const teamKey = `team:${region.key}:${index}`;
        const lead = person();
        const leadId = await insertUser(
          emailOf(lead.first, lead.last),
          lead.first,
          lead.last,
          'manager',
          teamKey,
        );
        await setTeamManager(tx, teamIds.get(teamKey)!, leadId);
        for (let count = 0; count < 4; count += 1) {
          const rep = person();
          await insertUser(emailOf(rep.first, rep.last), rep.first, rep.last, 'rep', teamKey);
        }
      }
    }
    const expert = person();
    await insertUser(emailOf(expert.first, expert.last), expert.first, expert.last, 'expert', 'nation');
  });
}
