import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';

let t: TestApp;
let expert: TestClient;
let rep: TestClient;
const setNow = (iso: string | null) => {
  t.deps.clock = iso ? () => new Date(iso) : () => new Date();
};

beforeAll(async () => {
  t = await createTestApp();
  expert = await t.login('expert@relais.demo');
  rep = await t.login('rep@relais.demo');
});
afterEach(() => setNow(null));
afterAll(() => t.close());

describe('check before acting', () => {
  it('demo rule: transfer.create to KY warns from 2026-10-01, through an API token', async () => {
    const token = (await rep.post('/api/v1/me/tokens', { name: 'Trésorerie' })).json().token;
    const app = rep.withToken(token);
    setNow('2026-10-02T09:00:00Z');
    const ky = (
      await app.post('/api/v1/push/check', {
        action: 'transfer.create',
        fields: { country: 'KY', amount: 1200 },
      })
    ).json();
    expect(ky.alerts).toHaveLength(1);
    expect(ky.alerts[0]).toMatchObject({
      ruleKey: 'transfer-ky-new-conditions',
      severity: 'warning',
      requiresAck: false,
    });
    expect(ky.alerts[0].message).toMatch(/nouvelles conditions/);
    expect(
      (await app.post('/api/v1/push/check', { action: 'transfer.create', fields: { country: 'FR' } })).json()
        .alerts,
    ).toEqual([]);
    setNow('2026-09-30T21:59:59Z');
    expect(
      (await app.post('/api/v1/push/check', { action: 'transfer.create', fields: { country: 'KY' } })).json()
        .alerts,
    ).toEqual([]);
  });

  it('answers in the user language and honours the audience', async () => {
    const created = await expert.post('/api/v1/push/rules', {
      key: 'managers-only',
      name: 'Managers',
      action: 'offer.create',
      severity: 'info',
      conditions: { all: [{ field: 'amount', op: 'gte', value: 1 }] },
      audience: { roles: ['manager'] },
      message: { fr: 'Pour managers', en: 'For managers' },
    });
    expect(created.statusCode).toBe(201);
    const manager = await t.login('manager@relais.demo');
    await manager.patch('/api/v1/me', { locale: 'en' });
    const forManager = (
      await manager.post('/api/v1/push/check', { action: 'offer.create', fields: { amount: 5 } })
    ).json().alerts;
    expect(forManager.map((a: any) => a.message)).toContain('For managers');
    const forRep = (
      await rep.post('/api/v1/push/check', { action: 'offer.create', fields: { amount: 5 } })
    ).json().alerts;
    expect(forRep.map((a: any) => a.ruleKey)).not.toContain('managers-only');
  });

  it('sees rule changes at once (the compiled index is invalidated)', async () => {
    const rule = (
      await expert.post('/api/v1/push/rules', {
        key: 'live',
        name: 'Live',
        action: 'transfer.create',
        severity: 'info',
        conditions: { field: 'currency', op: 'eq', value: 'USD' },
        message: { fr: 'a', en: 'a' },
      })
    ).json();
    const check = async () =>
      (await rep.post('/api/v1/push/check', { action: 'transfer.create', fields: { currency: 'usd' } }))
        .json()
        .alerts.map((a: any) => a.ruleKey);
    expect(await check()).toContain('live');
    await expert.patch(`/api/v1/push/rules/${rule.id}`, { enabled: false });
    expect(await check()).not.toContain('live');
    // Another instance changing the rules: the version counter and NOTIFY reach this one.
    await t.db.query(`update push_rules set enabled = true where id = $1`, [rule.id]);
    await t.db.query(`update push_rules_state set version = version + 1`);
    await t.db.query(`select pg_notify('relais_push_rules', '999999')`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await check()).toContain('live');
  });

  it('refuses a CRM save on an unacknowledged blocking alert, then accepts it once acknowledged', async () => {
    const [offer] = await t.db.query<{ id: string }>(
      `select o.id from offers o join offer_stages s on s.id = o.stage_id join users u on u.id = o.owner_id where u.email = 'rep@relais.demo' and s.outcome = 'open' limit 1`,
    );
    const [product] = await t.db.query<{ id: string }>(`select id from products where active limit 1`);
    expect(offer && product).toBeTruthy();
    const line = { productId: product.id, quantity: 1, discountPercent: 35 };
    const refused = expectProblem(
      await rep.post(`/api/v1/offers/${offer.id}/lines`, line),
      409,
      'push.ack_required',
    );
    const alerts = refused.alerts as any[];
    expect(alerts[0]).toMatchObject({ ruleKey: 'discount-over-30', severity: 'blocking', requiresAck: true });
    const [{ n }] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from offer_lines where offer_id = $1 and discount_percent = 35`,
      [offer.id],
    );
    expect(n).toBe(0);

    expectProblem(await rep.post('/api/v1/push/ack', { ruleId: 'nope' }), 400, 'validation_failed');
    expectProblem(
      await rep.post('/api/v1/push/ack', { ruleId: '00000000-0000-4000-8000-000000000000' }),
      404,
    );
    expectProblem(
      await rep.post('/api/v1/push/ack', { ruleId: alerts[0].ruleId, action: 'account.update' }),
      400,
    );
    // The problem names the action and its completed fields: acknowledging them covers this line.
    expect(refused.action).toBe('offer.line.add');
    expect(refused.fields).toMatchObject({ offerId: offer.id, productId: product.id, discountPercent: 35 });
    const ack = await rep.post('/api/v1/push/ack', {
      ruleId: alerts[0].ruleId,
      action: 'offer.line.add',
      fields: { offerId: offer.id, ...line },
    });
    expect(ack.statusCode).toBe(201);
    const checked = (
      await rep.post('/api/v1/push/check', {
        action: 'offer.line.add',
        fields: { offerId: offer.id, ...line },
      })
    ).json().alerts[0];
    expect(checked).toMatchObject({ requiresAck: false });
    expect(checked.acknowledgedAt).toBeTruthy();
    expect((await rep.post(`/api/v1/offers/${offer.id}/lines`, line)).statusCode).toBeLessThan(300);
    const who = (await expert.get(`/api/v1/push/acks?ruleId=${alerts[0].ruleId}`)).json().items;
    expect(who[0]).toMatchObject({ userId: rep.userId, version: 1 });
    expectProblem(await rep.get(`/api/v1/push/acks?ruleId=${alerts[0].ruleId}`), 403);
  });

  it('validates the check body', async () => {
    expectProblem(await rep.post('/api/v1/push/check', { fields: {} }), 400, 'validation_failed');
    expectProblem(
      await rep.post('/api/v1/push/check', { action: 'x', fields: [] }),
      400,
      'validation_failed',
    );
    expectProblem(
      await t.anonymous().post('/api/v1/push/check', { action: 'transfer.create', fields: {} }),
      401,
    );
    expect(
      (await rep.post('/api/v1/push/check', { action: 'never.declared', fields: {} })).json().alerts,
    ).toEqual([]);
  });
});

describe('fields derived from the ids an action names (CRM facts)', () => {
  it('a rule on accountSegment fires for an offer form that sends only accountId, never for an account the user may not see', async () => {
    const rule = (
      await expert.post('/api/v1/push/rules', {
        key: 'key-account-offer',
        name: 'Offre Grands comptes',
        action: 'offer.create',
        severity: 'warning',
        conditions: { field: 'accountSegment', op: 'eq', value: 'Grands comptes' },
        message: { fr: 'Associez la direction régionale.', en: 'Involve regional management.' },
      })
    ).json();
    const [omega] = await t.db.query<{ id: string }>(
      `select id from accounts where name = 'Compte confidentiel Oméga'`,
    );
    const keys = async (client: TestClient) =>
      (
        await client.post('/api/v1/push/check', {
          action: 'offer.create',
          fields: { accountId: omega.id, title: 'Buffet' },
        })
      )
        .json()
        .alerts.map((a: any) => a.ruleKey);
    expect(await keys(rep)).toContain('key-account-offer');
    // Another application, with the rep's API token, sends the same id and gets the same answer.
    const token = (await rep.post('/api/v1/me/tokens', { name: 'ERP' })).json().token;
    expect(await keys(rep.withToken(token))).toContain('key-account-offer');
    // Oméga is secret: for rep2 the id names nothing, so nothing about it can be learnt from a check.
    const rep2 = await t.login('rep2@relais.demo');
    expect(await keys(rep2)).not.toContain('key-account-offer');
    // A client claiming another segment for a visible account does not override its facts.
    const claimed = (
      await rep.post('/api/v1/push/check', {
        action: 'offer.create',
        fields: { accountId: omega.id, accountSegment: 'TPE' },
      })
    ).json();
    expect(claimed.alerts.map((a: any) => a.ruleKey)).toContain('key-account-offer');
    await expert.patch(`/api/v1/push/rules/${rule.id}`, { enabled: false });
  });

  it('"Compte hors Union européenne" does not fire for a new account in Paris (the country defaults as the save does)', async () => {
    const eu = ['FR', 'BE', 'DE', 'ES', 'IT', 'LU', 'NL', 'PT'];
    const rule = (
      await expert.post('/api/v1/push/rules', {
        key: 'account-outside-eu',
        name: 'Compte hors Union européenne',
        action: 'account.create',
        severity: 'blocking',
        conditions: { not: { field: 'country', op: 'in', value: eu } },
        message: { fr: 'Vérifiez les conditions d’export.', en: 'Check export conditions.' },
      })
    ).json();
    const paris = { name: 'Bistrot des Halles', city: 'Paris', postalCode: '75001' };
    expect(
      (await rep.post('/api/v1/push/check', { action: 'account.create', fields: paris })).json().alerts,
    ).toEqual([]);
    expect((await rep.post('/api/v1/accounts', paris)).statusCode).toBe(201);
    const geneva = { name: 'Brasserie du Rhône', city: 'Genève', country: 'CH' };
    expect(
      (await rep.post('/api/v1/push/check', { action: 'account.create', fields: geneva }))
        .json()
        .alerts.map((a: any) => a.ruleKey),
    ).toEqual(['account-outside-eu']);
    expectProblem(await rep.post('/api/v1/accounts', geneva), 409, 'push.ack_required');
    await expert.patch(`/api/v1/push/rules/${rule.id}`, { enabled: false });
  });
});

describe('an acknowledgment covers the action it was given for, for a bounded time', () => {
  it('after acknowledging a 1 200 € transfer to KY, a 90 000 € transfer to KY is blocked again; the same one passes for 10 minutes', async () => {
    const rule = (
      await expert.post('/api/v1/push/rules', {
        key: 'ky-blocking',
        name: 'Virement vers KY',
        action: 'transfer.create',
        severity: 'blocking',
        conditions: { field: 'country', op: 'eq', value: 'KY' },
        message: { fr: 'Conformité', en: 'Compliance' },
      })
    ).json();
    const app = rep.withToken((await rep.post('/api/v1/me/tokens', { name: 'Trésorerie' })).json().token);
    const pending = async (fields: Record<string, unknown>) =>
      (await app.post('/api/v1/push/check', { action: 'transfer.create', fields }))
        .json()
        .alerts.find((a: any) => a.ruleKey === 'ky-blocking').requiresAck;
    const small = { country: 'KY', amount: 1200, currency: 'EUR', beneficiary: 'Cayman Trust' };
    setNow('2026-10-05T10:00:00Z');
    expect(await pending(small)).toBe(true);
    const ack = (await app.post('/api/v1/push/ack', { ruleId: rule.id, fields: small })).json();
    expect(ack).toMatchObject({ action: 'transfer.create', validUntil: '2026-10-05T10:10:00.000Z' });
    expect(await pending(small)).toBe(false);
    expect(await pending({ ...small, amount: 90000 })).toBe(true);
    expect(await pending({ ...small, beneficiary: 'Autre' })).toBe(true);
    setNow('2026-10-05T10:09:00Z');
    expect(await pending(small)).toBe(false);
    setNow('2026-10-05T10:10:01Z');
    expect(await pending(small)).toBe(true);
    // The duration is a setting (PUSH_ACK_VALID_MINUTES).
    const saved = t.deps.config.pushAckValidMinutes;
    t.deps.config.pushAckValidMinutes = 60;
    try {
      expect(await pending(small)).toBe(false);
    } finally {
      t.deps.config.pushAckValidMinutes = saved;
    }
    await expert.patch(`/api/v1/push/rules/${rule.id}`, { enabled: false });
  });
});
