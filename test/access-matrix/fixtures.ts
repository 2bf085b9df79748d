import { randomUUID } from 'node:crypto';
import type { TestApp } from '../app.js';
import type { TestClient } from '../client.js';

/** The users who probe the API; `rep` owns every record they must not see. */
export const PROBES = ['rep2', 'rep3', 'manager', 'expert', 'admin'] as const;
export type Probe = (typeof PROBES)[number];

/** A record a probe may not see: its id and the words that would give it away. */
export type Hidden = { type: string; id: string; markers: string[]; hiddenFrom: readonly Probe[] };

export type Matrix = {
  hidden: Hidden[];
  /** Ids of records each probe sees, by type (the containers of hidden things), to fill path parameters. */
  visible: Record<string, string>;
  /** Words to search for (q=…): each names a hidden record. */
  searchWords: string[];
  hiddenSegment: string;
};

const ALL: readonly Probe[] = PROBES;

/**
 * Records of every type and visibility that the probes may not see, created by `rep`, hung on
 * public records they do see (a public account with a secret contact, offer, activity and send; a
 * rule, a change plan and a situation linking a secret item…).
 */
export async function buildMatrix(
  t: TestApp,
  rep: TestClient,
  expert: TestClient,
  manager: TestClient,
): Promise<Matrix> {
  const [user] = await t.db.query<{ id: string; team_id: string }>(
    `select id, team_id from users where email = 'rep@relais.demo'`,
  );
  const [expertUser] = await t.db.query<{ id: string }>(
    `select id from users where email = 'expert@relais.demo'`,
  );
  const hidden: Hidden[] = [];
  const insert = async (sql: string, params: unknown[]) =>
    (await t.db.query<{ id: string }>(`${sql} returning id`, params))[0].id;
  const account = (name: string, visibility: string, segment: string | null = null) =>
    insert(
      `insert into accounts (name, kind, owner_id, team_id, visibility, segment, city) values ($1, 'customer', $2, $3, $4, $5, 'Lyon')`,
      [name, user.id, user.team_id, visibility, segment],
    );
  const contact = (first: string, last: string, email: string, phone: string, visibility: string) =>
    insert(
      `insert into contacts (first_name, last_name, emails, phones, email_consent, owner_id, team_id, visibility) values ($1, $2, $3, $4, true, $5, $6, $7)`,
      [
        first,
        last,
        JSON.stringify([{ address: email, label: 'work' }]),
        JSON.stringify([{ number: phone, label: 'work' }]),
        user.id,
        user.team_id,
        visibility,
      ],
    );
  const link = (accountId: string, contactId: string) =>
    t.db.query(`insert into account_contacts (account_id, contact_id) values ($1, $2)`, [
      accountId,
      contactId,
    ]);
  const [stage] = await t.db.query<{ id: string }>(`select id from offer_stages order by position limit 1`);
  const offer = (title: string, accountId: string, contactId: string | null, visibility: string) =>
    insert(
      `insert into offers (title, account_id, contact_id, stage_id, owner_id, team_id, visibility, amount) values ($1, $2, $3, $4, $5, $6, $7, 4321)`,
      [title, accountId, contactId, stage.id, user.id, user.team_id, visibility],
    );
  const activity = (subject: string, accountId: string, visibility: string) =>
    insert(
      `insert into activities (kind, subject, body_md, account_id, owner_id, team_id, visibility, occurred_at, done_at) values ('note', $1, $1, $2, $3, $4, $5, now(), now())`,
      [subject, accountId, user.id, user.team_id, visibility],
    );
  const item = (title: string, status: string, visibility: string) =>
    insert(
      `insert into knowledge_items (type, title, body_md, html, status, visibility, owner_id, team_id, published_at) values ('answer', $1, $1, $1, $2, $3, $4, $5, now())`,
      [title, status, visibility, user.id, user.team_id],
    );

  // Public containers every probe sees.
  const a0 = await account('Maison Claire Matrice', 'public');
  const c0 = await contact('Paul', 'Visible', 'paul.visible@claire.example', '+33 1 11 11 11 11', 'public');
  await link(a0, c0);
  const k0 = await item('Réponse publique matrice', 'published', 'public');
  const x0 = await activity('Note publique matrice', a0, 'public');

  // Hidden accounts: secret (all), team of rep's team (those outside it), with a contact the probes see.
  const hiddenSegment = 'segmentfuiteq';
  const a1 = await account('Leakacct1 Secret', 'secret', hiddenSegment);
  hidden.push({ type: 'account', id: a1, markers: ['leakacct1'], hiddenFrom: ALL });
  await link(a1, c0);
  const a2 = await account('Leakacct2 Team', 'team');
  hidden.push({ type: 'account', id: a2, markers: ['leakacct2'], hiddenFrom: ['rep2', 'rep3', 'expert'] });
  const a3 = await account('Leakacct3 Restricted', 'restricted');
  hidden.push({ type: 'account', id: a3, markers: ['leakacct3'], hiddenFrom: ALL });
  const d1 = await insert(
    `insert into documents (parent_type, parent_id, file_name, content_type, size_bytes, sha256, uploaded_by) values ('account', $1, 'leakdoc1.pdf', 'application/pdf', 10, $2, $3)`,
    [a1, 'a'.repeat(64), user.id],
  );
  hidden.push({ type: 'document', id: d1, markers: ['leakdoc1'], hiddenFrom: ALL });

  // A secret contact of the public account, named by a public offer and a situation.
  const c1 = await contact(
    'Leakfirst',
    'Leakcontact1',
    'leakmail1@hidden.example',
    '+33 6 99 88 77 66',
    'secret',
  );
  await link(a0, c1);
  hidden.push({
    type: 'contact',
    id: c1,
    markers: ['leakcontact1', 'leakfirst', 'leakmail1', '99 88 77 66', '699887766'],
    hiddenFrom: ALL,
  });
  const o0 = await offer('Offre publique matrice', a0, c1, 'public');
  const o1 = await offer('Leakoffer1 Secret', a0, c0, 'secret');
  hidden.push({ type: 'offer', id: o1, markers: ['leakoffer1'], hiddenFrom: ALL });
  const o2 = await offer('Leakoffer2 Restricted', a0, null, 'restricted');
  hidden.push({ type: 'offer', id: o2, markers: ['leakoffer2'], hiddenFrom: ALL });
  const x1 = await activity('Leakactivity1 secret note', a0, 'secret');
  hidden.push({ type: 'activity', id: x1, markers: ['leakactivity1'], hiddenFrom: ALL });

  // A secret item (shared with the expert), a draft, and everything that links the secret item.
  const k1 = await item('Leakitem1 remise cachée', 'published', 'secret');
  await t.db.query(
    `insert into record_grants (record_type, record_id, user_id, granted_by) values ('knowledge', $1, $2, $3)`,
    [k1, expertUser.id, user.id],
  );
  hidden.push({
    type: 'knowledge',
    id: k1,
    markers: ['leakitem1'],
    hiddenFrom: ['rep2', 'rep3', 'manager', 'admin'],
  });
  const k2 = await item('Leakdraft1 brouillon', 'draft', 'public');
  // Drafts are their owner's and the experts' (and admins', who validate too).
  hidden.push({
    type: 'knowledge',
    id: k2,
    markers: ['leakdraft1'],
    hiddenFrom: ['rep2', 'rep3', 'manager'],
  });

  // More visibilities: team and restricted contacts, a team offer and activity, restricted and in-review items.
  const c2 = await contact(
    'Leakteamfirst',
    'Leakcontact2',
    'leakmail2@hidden.example',
    '+33 6 55 44 33 22',
    'team',
  );
  await link(a0, c2);
  hidden.push({
    type: 'contact',
    id: c2,
    markers: ['leakcontact2', 'leakmail2'],
    hiddenFrom: ['rep2', 'rep3', 'expert'],
  });
  const c3 = await contact(
    'Leakrestfirst',
    'Leakcontact3',
    'leakmail3@hidden.example',
    '+33 6 12 21 12 21',
    'restricted',
  );
  await link(a0, c3);
  hidden.push({ type: 'contact', id: c3, markers: ['leakcontact3', 'leakmail3'], hiddenFrom: ALL });
  const o3 = await offer('Leakoffer3 Team', a0, null, 'team');
  hidden.push({ type: 'offer', id: o3, markers: ['leakoffer3'], hiddenFrom: ['rep2', 'rep3', 'expert'] });
  const x2 = await activity('Leakactivity2 team note', a0, 'team');
  hidden.push({
    type: 'activity',
    id: x2,
    markers: ['leakactivity2'],
    hiddenFrom: ['rep2', 'rep3', 'expert'],
  });
  const k4 = await item('Leakitem4 restreint', 'published', 'restricted');
  hidden.push({ type: 'knowledge', id: k4, markers: ['leakitem4'], hiddenFrom: ALL });
  const k5 = await item('Leakreview5 en relecture', 'in_review', 'public');
  hidden.push({
    type: 'knowledge',
    id: k5,
    markers: ['leakreview5'],
    hiddenFrom: ['rep2', 'rep3', 'manager'],
  });

  // A broadcast to the manager's region linking a secret item the manager was granted.
  const [managerUser] = await t.db.query<{ id: string }>(
    `select id from users where email = 'manager@relais.demo'`,
  );
  const k3 = await item('Leakitem3 diffusion', 'published', 'secret');
  await t.db.query(
    `insert into record_grants (record_type, record_id, user_id, granted_by) values ('knowledge', $1, $2, $3)`,
    [k3, managerUser.id, user.id],
  );
  hidden.push({
    type: 'knowledge',
    id: k3,
    markers: ['leakitem3'],
    hiddenFrom: ['rep2', 'rep3', 'expert', 'admin'],
  });
  const broadcast = await manager.post('/api/v1/broadcasts', {
    title: 'Annonce publique matrice',
    body: 'Lisez la fiche.',
    audience: { roles: ['rep'] },
    knowledgeIds: [k3, k0],
  });
  if (broadcast.statusCode !== 201) throw new Error(`broadcast: ${broadcast.statusCode} ${broadcast.body}`);

  const sent = await rep.post(`/api/v1/knowledge/${k1}/send`, {
    contactId: c1,
    accountId: a0,
    message: 'Bonjour, voici Leakitem1.',
  });
  if (sent.statusCode !== 201) throw new Error(`send: ${sent.statusCode} ${sent.body}`);
  hidden.push({ type: 'send', id: sent.json().id, markers: [], hiddenFrom: ALL });
  hidden.push({ type: 'activity', id: sent.json().activityId, markers: [], hiddenFrom: ALL });

  const expertPost = async (path: string, body: unknown) => {
    const response = await expert.post(path, body);
    if (response.statusCode !== 201) throw new Error(`${path}: ${response.statusCode} ${response.body}`);
    return response.json().id as string;
  };
  const r0 = await expertPost('/api/v1/push/rules', {
    name: 'Règle publique matrice',
    action: 'offer.create',
    conditions: { all: [{ field: 'amount', op: 'gt', value: 999999 }] },
    severity: 'info',
    message: { fr: 'Voir la fiche.', en: 'See the sheet.' },
    knowledgeIds: [k1, k0],
  });
  const p0 = await expertPost('/api/v1/change-plans', {
    title: 'Plan public matrice',
    actions: [
      { means: 'Lire la fiche', link: { type: 'knowledge', id: k1 } },
      { means: 'Lire la réponse', link: { type: 'knowledge', id: k0 } },
    ],
  });
  const s0 = await expertPost('/api/v1/situations', {
    name: 'Situation publique matrice',
    knowledgeIds: [k1, k0],
  });
  const attached = await rep.post(`/api/v1/accounts/${a0}/situations`, { situationId: s0, contactId: c1 });
  if (attached.statusCode !== 201) throw new Error(`attach: ${attached.statusCode} ${attached.body}`);

  const [product] = await t.db.query<{ id: string }>(`select id from products order by reference limit 1`);

  const [mail] = await t.db.query<{ id: string }>(`select id from mail_messages order by created_at limit 1`);
  return {
    hidden,
    visible: {
      account: a0,
      contact: c0,
      offer: o0,
      activity: x0,
      knowledge: k0,
      rule: r0,
      plan: p0,
      situation: s0,
      product: product.id,
      user: user.id,
      team: user.team_id,
      broadcast: broadcast.json().id,
      mail: mail?.id ?? randomUUID(),
    },
    searchWords: [
      'leakacct1',
      'leakcontact1',
      'leakmail1',
      'leakoffer1',
      'leakactivity1',
      'leakitem1',
      'leakdraft1',
      'leakdoc1',
      'leakcontact2',
      'leakitem3',
      'leakreview5',
    ],
    hiddenSegment,
  };
}
