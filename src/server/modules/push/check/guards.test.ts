import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';

/**
 * PUSH-2 on the server: every write a catalogue action names is guarded. For each action, a
 * blocking rule refuses the write with 409 push.ack_required (nothing written), and
 * acknowledging the alert for that action (as the problem names it) lets the same write through.
 */
let t: TestApp;
let expert: TestClient;
let rep: TestClient;
const fx = {} as {
  accountId: string;
  contactId: string;
  offerId: string;
  lineId: string;
  productId: string;
  activityId: string;
};
const setNow = (iso: string | null) => {
  t.deps.clock = iso ? () => new Date(iso) : () => new Date();
};
const ruleIds: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  expert = await t.login('expert@relais.demo');
  rep = await t.login('rep@relais.demo');
  const [account] = await t.db.query<{ id: string }>(
    `select id from accounts where name = 'Boulangerie Lemoine & Fils'`,
  );
  fx.accountId = account.id;
  const contact = await rep.post('/api/v1/contacts', {
    firstName: 'Hugo',
    lastName: 'Lemoine',
    accounts: [{ accountId: fx.accountId }],
  });
  fx.contactId = contact.json().id;
  const [product] = await t.db.query<{ id: string }>(
    `select id from products where active order by reference limit 1`,
  );
  fx.productId = product.id;
  const offer = (
    await rep.post('/api/v1/offers', {
      title: 'Four de la boulangerie',
      accountId: fx.accountId,
      lines: [{ productId: product.id, quantity: 1, discountPercent: 5 }],
    })
  ).json();
  fx.offerId = offer.id;
  fx.lineId = offer.lines[0].id;
  fx.activityId = (
    await rep.post('/api/v1/activities', {
      kind: 'task',
      subject: 'Relancer le devis',
      accountId: fx.accountId,
    })
  ).json().id;
});
afterEach(async () => {
  setNow(null);
  // Each case's rule is switched off so it blocks nothing in the next one.
  for (const id of ruleIds.splice(0)) await expert.patch(`/api/v1/push/rules/${id}`, { enabled: false });
});
afterAll(() => t.close());

async function blockingRule(action: string, conditions: unknown) {
  const response = await expert.post('/api/v1/push/rules', {
    name: `Bloque ${action}`,
    action,
    severity: 'blocking',
    conditions,
    message: { fr: 'Stop', en: 'Stop' },
  });
  expect(response.statusCode, response.body).toBe(201);
  ruleIds.push(response.json().id);
  return response.json() as { id: string; key: string };
}

type Case = {
  conditions: unknown;
  write: () => Promise<LightMyRequestResponse>;
  unchanged: () => Promise<void>;
};
const count = async (sql: string, params: unknown[] = []) =>
  (await t.db.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params))[0].n;

const CASES: Record<string, Case> = {
  'account.create': {
    conditions: { field: 'country', op: 'eq', value: 'CH' },
    write: () => rep.post('/api/v1/accounts', { name: 'Hôtel du Léman', country: 'CH' }),
    unchanged: async () => expect(await count(`accounts where name = 'Hôtel du Léman'`)).toBe(0),
  },
  'account.update': {
    conditions: {
      all: [
        { field: 'tags', op: 'changed' },
        { field: 'segment', op: 'eq', value: 'TPE' },
      ],
    },
    write: () => rep.patch(`/api/v1/accounts/${fx.accountId}`, { tags: ['fournil'] }),
    unchanged: async () =>
      expect(await count(`accounts where id = $1 and 'fournil' = any (tags)`, [fx.accountId])).toBe(0),
  },
  'contact.create': {
    // accountSegments is derived from the linked account: the client sends only its id.
    conditions: { field: 'accountSegments', op: 'contains', value: 'TPE' },
    write: () =>
      rep.post('/api/v1/contacts', {
        firstName: 'Léa',
        lastName: 'Fournier',
        accounts: [{ accountId: fx.accountId }],
      }),
    unchanged: async () => expect(await count(`contacts where last_name = 'Fournier'`)).toBe(0),
  },
  'contact.update': {
    conditions: { field: 'title', op: 'changed' },
    write: () => rep.patch(`/api/v1/contacts/${fx.contactId}`, { title: 'Gérant' }),
    unchanged: async () =>
      expect(await count(`contacts where id = $1 and title is null`, [fx.contactId])).toBe(1),
  },
  'offer.create': {
    conditions: { field: 'accountSegment', op: 'eq', value: 'TPE' },
    write: () => rep.post('/api/v1/offers', { title: 'Pétrin spirale', accountId: fx.accountId }),
    unchanged: async () => expect(await count(`offers where title = 'Pétrin spirale'`)).toBe(0),
  },
  'offer.update': {
    conditions: { field: 'expectedCloseDate', op: 'changed' },
    write: () => rep.patch(`/api/v1/offers/${fx.offerId}`, { expectedCloseDate: '2027-03-31' }),
    unchanged: async () =>
      expect(await count(`offers where id = $1 and expected_close_date is null`, [fx.offerId])).toBe(1),
  },
  'offer.stage.change': {
    conditions: {
      all: [
        { field: 'to', op: 'eq', value: 'negotiation' },
        { field: 'accountSector', op: 'eq', value: 'Boulangerie-pâtisserie' },
      ],
    },
    write: () => rep.post(`/api/v1/offers/${fx.offerId}/stage`, { stage: 'negotiation' }),
    unchanged: async () =>
      expect(
        await count(
          `offers o join offer_stages s on s.id = o.stage_id where o.id = $1 and s.key = 'negotiation'`,
          [fx.offerId],
        ),
      ).toBe(0),
  },
  'offer.line.add': {
    conditions: {
      all: [
        { field: 'quantity', op: 'gte', value: 7 },
        { field: 'accountSegment', op: 'eq', value: 'TPE' },
      ],
    },
    write: () => rep.post(`/api/v1/offers/${fx.offerId}/lines`, { productId: fx.productId, quantity: 7 }),
    unchanged: async () => expect(await count(`offer_lines where offer_id = $1`, [fx.offerId])).toBe(1),
  },
  'offer.line.update': {
    conditions: { field: 'quantity', op: 'changed', value: { to: 3 } },
    write: () => rep.patch(`/api/v1/offers/${fx.offerId}/lines/${fx.lineId}`, { quantity: 3 }),
    unchanged: async () =>
      expect(await count(`offer_lines where id = $1 and quantity = 1`, [fx.lineId])).toBe(1),
  },
  'offer.line.delete': {
    conditions: { field: 'productId', op: 'exists' },
    write: () => rep.delete(`/api/v1/offers/${fx.offerId}/lines/${fx.lineId}`),
    unchanged: async () => expect(await count(`offer_lines where id = $1`, [fx.lineId])).toBe(1),
  },
  'activity.create': {
    conditions: {
      all: [
        { field: 'kind', op: 'eq', value: 'visit' },
        { field: 'accountCity', op: 'eq', value: 'Paris' },
      ],
    },
    write: () =>
      rep.post('/api/v1/activities', {
        kind: 'visit',
        subject: 'Visite du fournil',
        accountId: fx.accountId,
      }),
    unchanged: async () => expect(await count(`activities where subject = 'Visite du fournil'`)).toBe(0),
  },
  'activity.update': {
    conditions: { field: 'done', op: 'changed', value: { to: true } },
    write: () => rep.post(`/api/v1/activities/${fx.activityId}/done`, { done: true }),
    unchanged: async () =>
      expect(await count(`activities where id = $1 and done_at is null`, [fx.activityId])).toBe(1),
  },
};

describe('every catalogue action is guarded', () => {
  it('has a case for every action of the catalogue', async () => {
    const actions = (await rep.get('/api/v1/push/actions'))
      .json()
      .items.filter((a: any) => a.builtIn)
      .map((a: any) => a.name);
    expect(actions.sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const [action, spec] of Object.entries(CASES)) {
    it(`${action}: a blocking rule answers 409 push.ack_required, an acknowledgment of that action lets it through`, async () => {
      const rule = await blockingRule(action, spec.conditions);
      const refused = expectProblem(await spec.write(), 409, 'push.ack_required');
      expect((refused.alerts as any[]).map((alert) => alert.ruleKey)).toContain(rule.key);
      expect(refused.action).toBe(action);
      await spec.unchanged();
      const ack = await rep.post('/api/v1/push/ack', {
        ruleId: rule.id,
        action: refused.action,
        fields: refused.fields,
      });
      expect(ack.statusCode, ack.body).toBe(201);
      const saved = await spec.write();
      expect(saved.statusCode, saved.body).toBeLessThan(300);
    });
  }
});

describe('editing a line is checked like adding one (the demo rule "Remise supérieure à 30 %")', () => {
  it('refuses a line edited to 35 % and 5 €, and a Won with such a line, until acknowledged', async () => {
    const offer = (
      await rep.post('/api/v1/offers', {
        title: 'Cellule de refroidissement',
        accountId: fx.accountId,
        lines: [{ productId: fx.productId, quantity: 2 }],
      })
    ).json();
    const line = offer.lines[0];
    const edit = { discountPercent: 35, unitPrice: 5 };
    const refused = expectProblem(
      await rep.patch(`/api/v1/offers/${offer.id}/lines/${line.id}`, edit),
      409,
      'push.ack_required',
    );
    expect((refused.alerts as any[])[0]).toMatchObject({ ruleKey: 'discount-over-30', requiresAck: true });
    expect(refused.fields).toMatchObject({
      offerId: offer.id,
      lineId: line.id,
      discountPercent: 35,
      unitPrice: 5,
      accountSegment: 'TPE',
    });
    expect(await count(`offer_lines where id = $1 and discount_percent = 35`, [line.id])).toBe(0);

    // A line that reached 35 % some other way (before the rule existed, say) cannot be won unacknowledged.
    await t.db.query(`update offer_lines set discount_percent = 35, unit_price = 5 where id = $1`, [line.id]);
    setNow('2026-11-02T09:00:00Z');
    const moveToWon = () => rep.post(`/api/v1/offers/${offer.id}/stage`, { stage: 'won', reason: 'Signé' });
    const ack = async (problem: Record<string, any>, key: string) => {
      const alert = (problem.alerts as any[]).find((candidate) => candidate.ruleKey === key);
      expect(alert, JSON.stringify(problem.alerts)).toBeTruthy();
      expect(
        (
          await rep.post('/api/v1/push/ack', {
            ruleId: alert.ruleId,
            action: problem.action,
            fields: problem.fields,
          })
        ).statusCode,
      ).toBe(201);
    };
    // First the discount policy on winning ("accord du directeur régional"), read from the lines…
    const policy = expectProblem(await moveToWon(), 409, 'push.ack_required');
    expect(policy.action).toBe('offer.stage.change');
    expect(policy.fields).toMatchObject({ maxDiscountPercent: 35, to: 'won', from: 'qualification' });
    await ack(policy, 'won-discount-over-30');
    // …then the line itself, checked exactly as adding it would be.
    const won = expectProblem(await moveToWon(), 409, 'push.ack_required');
    expect(won.action).toBe('offer.line.add');
    await ack(won, 'discount-over-30');
    expect(
      await count(`offers o join offer_stages s on s.id = o.stage_id where o.id = $1 and s.outcome = 'won'`, [
        offer.id,
      ]),
    ).toBe(0);

    // The acknowledgment covers this line, also for the same edit, for 10 minutes.
    expect((await rep.patch(`/api/v1/offers/${offer.id}/lines/${line.id}`, edit)).statusCode).toBe(200);
    setNow('2026-11-02T09:11:00Z');
    expectProblem(await moveToWon(), 409, 'push.ack_required');
    setNow('2026-11-02T09:05:00Z');
    expect((await moveToWon()).statusCode).toBe(200);
  });
});
