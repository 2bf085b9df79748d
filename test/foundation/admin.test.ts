import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.js';
import { expectProblem, type TestClient } from '../client.js';

let t: TestApp;
let admin: TestClient;
let rep: TestClient;
const teamId = async (name: string) =>
  (await admin.get('/api/v1/teams')).json().items.find((team: any) => team.name === name).id;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin@relais.demo');
  rep = await t.login('rep@relais.demo');
});
afterAll(() => t.close());

describe('demo company (UX-4)', () => {
  it('has a nation, 3 regions, 6 teams and ~40 users, with the fixed accounts in place', async () => {
    const teams = (await rep.get('/api/v1/teams')).json().items;
    expect(teams.filter((team: any) => team.kind === 'nation')).toHaveLength(1);
    expect(teams.filter((team: any) => team.kind === 'region')).toHaveLength(3);
    expect(teams.filter((team: any) => team.kind === 'team')).toHaveLength(6);
    const users = (await admin.get('/api/v1/admin/users?limit=100')).json();
    expect(users.total).toBeGreaterThanOrEqual(38);
    const byEmail = Object.fromEntries(users.items.map((user: any) => [user.email, user]));
    expect(byEmail['admin@relais.demo'].role).toBe('admin');
    expect(byEmail['manager@relais.demo'].role).toBe('manager');
    expect(byEmail['expert@relais.demo'].role).toBe('expert');
    const regionA = teams.find((team: any) => team.managerId === byEmail['manager@relais.demo'].id);
    expect(regionA.kind).toBe('region');
    const teamOf = (email: string) => teams.find((team: any) => team.id === byEmail[email].teamId);
    expect(teamOf('rep@relais.demo').parentId).toBe(regionA.id);
    expect(teamOf('rep2@relais.demo').parentId).toBe(regionA.id);
    expect(teamOf('rep2@relais.demo').id).not.toBe(teamOf('rep@relais.demo').id);
    expect(teamOf('rep3@relais.demo').parentId).not.toBe(regionA.id);
  });
});

describe('users (admin)', () => {
  it('refuses non-admins', async () => {
    expectProblem(await rep.get('/api/v1/admin/users'), 403, 'forbidden');
    expectProblem(
      await rep.post('/api/v1/admin/users', { email: 'x@y.fr', firstName: 'X', lastName: 'Y', role: 'rep' }),
      403,
    );
    expectProblem(await rep.get('/api/v1/audit'), 403);
  });

  it('invites a user who sets a password through the single-use link, then signs in', async () => {
    const created = await admin.post('/api/v1/admin/users', {
      email: 'Lucie.Fabre@bremont-pro.fr',
      firstName: 'Lucie',
      lastName: 'Fabre',
      role: 'rep',
      teamId: await teamId('Équipe Nantes Atlantique'),
    });
    expect(created.statusCode).toBe(201);
    const { user, inviteUrl } = created.json();
    expect(user).toMatchObject({
      email: 'lucie.fabre@bremont-pro.fr',
      active: true,
      teamName: 'Équipe Nantes Atlantique',
    });
    const mail = (
      await t.db.query(`select to_address, text_body from mail_messages where related_id = $1`, [user.id])
    )[0];
    expect(mail.to_address).toBe('lucie.fabre@bremont-pro.fr');
    expect(mail.text_body).toContain(inviteUrl);
    const token = inviteUrl.split('/invite/')[1];
    expect((await t.anonymous().get(`/api/v1/invites/${token}`)).json()).toEqual({
      email: 'lucie.fabre@bremont-pro.fr',
      firstName: 'Lucie',
      lastName: 'Fabre',
    });
    expectProblem(
      await t.anonymous().post(`/api/v1/invites/${token}`, { password: 'short' }),
      400,
      'validation_failed',
    );
    const accepted = await t.anonymous().post(`/api/v1/invites/${token}`, { password: 'lucie-password-1' });
    expect(accepted.statusCode).toBe(200);
    expectProblem(
      await t.anonymous().post(`/api/v1/invites/${token}`, { password: 'lucie-password-2' }),
      404,
      'invite.not_found',
    );
    expect((await t.login('lucie.fabre@bremont-pro.fr', 'lucie-password-1')).userId).toBe(user.id);
  });

  it('refuses a duplicate e-mail and an unknown team, creating nothing', async () => {
    const before = (await admin.get('/api/v1/admin/users?limit=1')).json().total;
    expectProblem(
      await admin.post('/api/v1/admin/users', {
        email: 'rep@relais.demo',
        firstName: 'A',
        lastName: 'B',
        role: 'rep',
      }),
      409,
      'user.email_taken',
    );
    expectProblem(
      await admin.post('/api/v1/admin/users', {
        email: 'new@relais.demo',
        firstName: 'A',
        lastName: 'B',
        role: 'rep',
        teamId: '00000000-0000-4000-8000-000000000000',
      }),
      400,
      'validation_failed',
    );
    expectProblem(
      await admin.post('/api/v1/admin/users', {
        email: 'new@relais.demo',
        firstName: 'A',
        lastName: 'B',
        role: 'boss',
      }),
      400,
      'validation_failed',
    );
    expect((await admin.get('/api/v1/admin/users?limit=1')).json().total).toBe(before);
  });

  it('changes a role (audited) and deactivates a user, whose session stops working', async () => {
    const target = await t.login('rep2@relais.demo');
    // /me is answered from the credentials cache: read it first so the change must clear it.
    expect((await target.get('/api/v1/me')).json().role).toBe('rep');
    expect((await admin.patch(`/api/v1/admin/users/${target.userId}`, { role: 'expert' })).json().role).toBe(
      'expert',
    );
    expect((await target.get('/api/v1/me')).json().role).toBe('expert');
    const audit = (
      await admin.get(`/api/v1/audit?action=user.role_changed&targetId=${target.userId}`)
    ).json();
    expect(audit.items[0]).toMatchObject({
      action: 'user.role_changed',
      details: { from: 'rep', to: 'expert' },
      actorName: 'Anne Brémont',
    });
    expect((await admin.patch(`/api/v1/admin/users/${target.userId}`, { active: false })).json().active).toBe(
      false,
    );
    expectProblem(await target.get('/api/v1/me'), 401);
    expectProblem(
      await t.anonymous().post('/api/v1/auth/login', { email: 'rep2@relais.demo', password: 'relais-demo' }),
      401,
    );
    await admin.patch(`/api/v1/admin/users/${target.userId}`, { active: true, role: 'rep' });
    expect((await t.login('rep2@relais.demo')).userId).toBe(target.userId);
  });

  it('keeps at least one active admin and validates changes', async () => {
    const me = (await admin.get('/api/v1/me')).json();
    expectProblem(await admin.patch(`/api/v1/admin/users/${me.id}`, { role: 'rep' }), 409, 'user.last_admin');
    expectProblem(
      await admin.patch(`/api/v1/admin/users/${me.id}`, { nickname: 'x' }),
      400,
      'validation_failed',
    );
    expectProblem(
      await admin.patch('/api/v1/admin/users/00000000-0000-4000-8000-000000000000', { role: 'rep' }),
      404,
    );
    expect((await admin.get('/api/v1/me')).json().role).toBe('admin');
  });

  it('filters users by text (accents ignored), role and team', async () => {
    const byText = (await admin.get('/api/v1/admin/users?q=bremont')).json();
    expect(byText.items.map((user: any) => user.email)).toContain('admin@relais.demo');
    const experts = (await admin.get('/api/v1/admin/users?role=expert')).json();
    expect(experts.items.every((user: any) => user.role === 'expert')).toBe(true);
    const lille = await teamId('Équipe Lille Métropole');
    const inLille = (await admin.get(`/api/v1/admin/users?teamId=${lille}`)).json();
    expect(inLille.items.map((user: any) => user.email)).toContain('rep2@relais.demo');
    expect(inLille.items.every((user: any) => user.teamId === lille)).toBe(true);
  });
});

describe('teams (admin)', () => {
  it('creates, renames and deletes a team in the hierarchy, audited', async () => {
    const region = await teamId('Région Sud-Est');
    const created = await admin.post('/api/v1/admin/teams', {
      name: 'Équipe Nice Côte d’Azur',
      kind: 'team',
      parentId: region,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await admin.patch(`/api/v1/admin/teams/${id}`, { name: 'Équipe Nice' })).json().name).toBe(
      'Équipe Nice',
    );
    expect((await admin.delete(`/api/v1/admin/teams/${id}`)).statusCode).toBe(204);
    const audit = (await admin.get(`/api/v1/audit?action=team.*&targetId=${id}`)).json();
    expect(audit.items.map((entry: any) => entry.action).sort()).toEqual([
      'team.created',
      'team.deleted',
      'team.updated',
    ]);
  });

  it('refuses a wrong level, a cycle, and deleting a team with members', async () => {
    const nation = (await admin.get('/api/v1/teams'))
      .json()
      .items.find((team: any) => team.kind === 'nation').id;
    const region = await teamId('Région Sud-Est');
    expectProblem(
      await admin.post('/api/v1/admin/teams', { name: 'X', kind: 'team', parentId: nation }),
      400,
      'validation_failed',
    );
    expectProblem(
      await admin.post('/api/v1/admin/teams', { name: 'X', kind: 'region', parentId: null }),
      400,
      'validation_failed',
    );
    expectProblem(
      await admin.patch(`/api/v1/admin/teams/${region}`, { parentId: region }),
      400,
      'validation_failed',
    );
    expectProblem(
      await admin.delete(`/api/v1/admin/teams/${await teamId('Équipe Paris Centre')}`),
      409,
      'team.not_empty',
    );
    expectProblem(await admin.delete(`/api/v1/admin/teams/${region}`), 409, 'team.not_empty');
    expectProblem(await rep.post('/api/v1/admin/teams', { name: 'X', kind: 'team', parentId: region }), 403);
  });
});

describe('audit log (ID-4)', () => {
  it('records sign-ins and filters by action prefix, actor and dates', async () => {
    const me = (await admin.get('/api/v1/me')).json();
    const logins = (await admin.get(`/api/v1/audit?action=auth.login&actorId=${me.id}`)).json();
    expect(logins.total).toBeGreaterThanOrEqual(1);
    expect(logins.items.every((entry: any) => entry.action === 'auth.login' && entry.actorId === me.id)).toBe(
      true,
    );
    const future = (await admin.get('/api/v1/audit?from=2999-01-01')).json();
    expect(future.total).toBe(0);
    expectProblem(await admin.get('/api/v1/audit?from=yesterday'), 400, 'validation_failed');
  });

  it('names the target and the people and teams its details mention, so readers need no ids', async () => {
    const target = await t.login('rep3@relais.demo');
    const [nantes, rennes] = [
      await teamId('Équipe Nantes Atlantique'),
      await teamId('Équipe Rennes Bretagne'),
    ];
    await admin.patch(`/api/v1/admin/users/${target.userId}`, { teamId: rennes });
    await admin.patch(`/api/v1/admin/users/${target.userId}`, { teamId: nantes });
    const [moved] = (
      await admin.get(`/api/v1/audit?action=user.team_changed&targetId=${target.userId}&limit=1`)
    ).json().items;
    expect(moved).toMatchObject({
      targetName: 'Rémi Carpentier',
      details: { from: rennes, to: nantes },
      names: { [rennes]: 'Équipe Rennes Bretagne', [nantes]: 'Équipe Nantes Atlantique' },
    });
    const created = (
      await admin.post('/api/v1/admin/teams', {
        name: 'Équipe Brest',
        kind: 'team',
        parentId: await teamId('Région Grand Ouest'),
      })
    ).json();
    await admin.delete(`/api/v1/admin/teams/${created.id}`);
    const [deleted] = (await admin.get(`/api/v1/audit?action=team.deleted&targetId=${created.id}`)).json()
      .items;
    expect(deleted.targetName).toBe('Équipe Brest');
  });
});

describe('global search', () => {
  it('finds people by name without accents and rejects unknown types', async () => {
    const hits = (await rep.get('/api/v1/search?q=anne%20bremont&types=person')).json().items;
    expect(hits[0]).toMatchObject({ type: 'person', title: 'Anne Brémont' });
    expectProblem(await rep.get('/api/v1/search?q=x&types=spaceship'), 400, 'validation_failed');
    expectProblem(await rep.get('/api/v1/search'), 400, 'validation_failed');
  });
});
