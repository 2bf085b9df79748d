import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';
import { anyProduct, secretAccount, SECRET_ACCOUNT } from '../offers/test-fixtures.js';

/**
 * MGT-1: a manager's team results count every offer of the team (restricted and secret ones
 * included, as figures only), so a rep's row in the manager's table shows what the rep's own
 * dashboard shows; the drill-down lists only what the manager may see and says how many others.
 */
let t: TestApp;
let rep: TestClient;
let manager: TestClient;
const outcomeKeys = ['won', 'lost', 'winRate', 'wonAmount', 'openAmount', 'weightedAmount'] as const;
const pick = (row: any) => Object.fromEntries(outcomeKeys.map((key) => [key, row[key]]));

beforeAll(async () => {
  t = await createTestApp();
  [rep, manager] = await Promise.all([t.login('rep@relais.demo'), t.login('manager@relais.demo')]);
  // A won and an open offer on the rep's secret account: the manager may not see them.
  const accountId = await secretAccount(t);
  const product = await anyProduct(t);
  const won = (
    await rep.post('/api/v1/offers', {
      title: 'Rénovation confidentielle',
      accountId,
      lines: [{ productId: product.id, quantity: 7 }],
    })
  ).json();
  expect(
    (await rep.post(`/api/v1/offers/${won.id}/stage`, { stage: 'won', reason: 'Meilleure offre' }))
      .statusCode,
  ).toBe(200);
  expect(
    (
      await rep.post('/api/v1/offers', {
        title: 'Extension confidentielle',
        accountId,
        lines: [{ productId: product.id, quantity: 2 }],
      })
    ).statusCode,
  ).toBe(201);
});
afterAll(() => t.close());

describe("manager's team results", () => {
  it("show for a rep exactly the figures of the rep's own dashboard, secret offers included", async () => {
    const mine = (await rep.get('/api/v1/dashboards/me')).json();
    expect(mine.totals.won).toBeGreaterThan(0);
    const team = (await manager.get('/api/v1/dashboards/team')).json();
    const row = team.reps.find((candidate: any) => candidate.userId === rep.userId);
    expect(row).toBeDefined();
    expect(pick(row)).toEqual(pick(mine.totals));
    // The manager cannot open those offers one by one.
    const visible = (await manager.get(`/api/v1/offers?ownerId=${rep.userId}&limit=500`)).json();
    expect(visible.items.some((offer: any) => offer.accountName === SECRET_ACCOUNT)).toBe(false);
  });

  it('adds the same offers up per team and per month', async () => {
    const team = (await manager.get('/api/v1/dashboards/team')).json();
    const repRow = team.reps.find((candidate: any) => candidate.userId === rep.userId);
    const repTeam = team.teams.find((candidate: any) => candidate.teamName === repRow.teamName);
    expect(repTeam.wonAmount).toBeGreaterThanOrEqual(repRow.wonAmount);
    const wonByMonth = team.winRateByMonth.reduce((sum: number, month: any) => sum + month.won, 0);
    const wonByTeam = team.teams.reduce((sum: number, row: any) => sum + row.won, 0);
    expect(wonByMonth).toBeGreaterThanOrEqual(wonByTeam);
    const mine = (await rep.get('/api/v1/dashboards/me')).json();
    expect(
      mine.winRateByMonth.reduce((sum: number, month: any) => sum + month.won, 0),
    ).toBeGreaterThanOrEqual(mine.totals.won);
  });

  it('does not list the manager (or any manager) as a rep', async () => {
    const team = (await manager.get('/api/v1/dashboards/team')).json();
    expect(team.reps.some((row: any) => row.userId === manager.userId)).toBe(false);
    const roles = await t.db.query<{ role: string }>(`select role from users where id = any ($1::uuid[])`, [
      team.reps.map((row: any) => row.userId),
    ]);
    expect(new Set(roles.map((row) => row.role))).toEqual(new Set(['rep']));
  });

  it('drills down into what the manager may see, and says how many offers are not shown', async () => {
    const team = (await manager.get('/api/v1/dashboards/team')).json();
    const row = team.reps.find((candidate: any) => candidate.userId === rep.userId);
    const won = (
      await manager.get(`/api/v1/dashboards/team/reps/${rep.userId}/offers?outcome=won&limit=100`)
    ).json();
    expect(won.repName).toBe('Romain Lemoine');
    expect(won.hidden).toBeGreaterThanOrEqual(1);
    expect(won.total + won.hidden).toBe(row.won);
    expect(JSON.stringify(won)).not.toContain('confidentielle');
    const open = (
      await manager.get(`/api/v1/dashboards/team/reps/${rep.userId}/offers?outcome=open&limit=2`)
    ).json();
    expect(open.items.length).toBeLessThanOrEqual(2);
    expect(open.total + open.hidden).toBe(row.openCount);
    expect(open.hidden).toBeGreaterThanOrEqual(1);
  });

  it('refuses reps, people outside my teams and bad input', async () => {
    expectProblem(await rep.get('/api/v1/dashboards/team'), 403);
    expectProblem(await rep.get(`/api/v1/dashboards/team/reps/${rep.userId}/offers?outcome=won`), 403);
    const rep3 = await t.login('rep3@relais.demo');
    expectProblem(await manager.get(`/api/v1/dashboards/team/reps/${rep3.userId}/offers?outcome=won`), 404);
    expectProblem(
      await manager.get(`/api/v1/dashboards/team/reps/${manager.userId}/offers?outcome=won`),
      404,
    );
    expectProblem(
      await manager.get(`/api/v1/dashboards/team/reps/${rep.userId}/offers?outcome=maybe`),
      400,
      'validation_failed',
    );
    // Called as a rep, the aggregate functions reach the rep alone.
    const scope = await t.db.transaction(async (tx) => {
      await tx.query(
        `select set_config('relais.user_id', $1, true), set_config('role', 'relais_app', true)`,
        [rep.userId],
      );
      return tx.query<{ user_id: string }>(`select user_id from crm_outcome_scope()`);
    });
    expect(scope.map((row) => row.user_id)).toEqual([rep.userId]);
  });
});
