import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';

let t: TestApp;
let expert: TestClient;
let rep: TestClient;
const base = {
  name: 'Remise forte',
  action: 'offer.line.add',
  conditions: { all: [{ field: 'discountPercent', op: 'gt', value: 40 }] },
  severity: 'warning',
  message: { fr: 'Remise **forte**', en: 'High **discount**' },
};
const count = async () => (await t.db.query<{ n: number }>(`select count(*)::int as n from push_rules`))[0].n;

beforeAll(async () => {
  t = await createTestApp();
  expert = await t.login('expert@relais.demo');
  rep = await t.login('rep@relais.demo');
});
afterAll(() => t.close());

describe('rules', () => {
  it('creates, lists, versions, disables and deletes a rule', async () => {
    const created = await expert.post('/api/v1/push/rules', { ...base, key: 'strong-discount' });
    expect(created.statusCode).toBe(201);
    const rule = created.json();
    expect(rule).toMatchObject({ key: 'strong-discount', version: 1, enabled: true, severity: 'warning' });
    expect(
      (await rep.get('/api/v1/push/rules?action=offer.line.add')).json().items.map((r: any) => r.key),
    ).toContain('strong-discount');

    const patched = await expert.patch(`/api/v1/push/rules/${rule.id}`, {
      enabled: false,
      expectedVersion: 1,
    });
    expect(patched.json()).toMatchObject({ version: 2, enabled: false });
    expectProblem(
      await expert.patch(`/api/v1/push/rules/${rule.id}`, { enabled: true, expectedVersion: 1 }),
      409,
      'push.rule_version',
    );
    const versions = (await expert.get(`/api/v1/push/rules/${rule.id}/versions`)).json().items;
    expect(versions.map((v: any) => v.version)).toEqual([2, 1]);
    expect(versions[1].rule.enabled).toBe(true);

    expect((await expert.delete(`/api/v1/push/rules/${rule.id}`)).statusCode).toBe(204);
    expectProblem(await expert.get(`/api/v1/push/rules/${rule.id}`), 404);
  });

  it('lets only experts and admins manage rules', async () => {
    expectProblem(await rep.post('/api/v1/push/rules', base), 403);
  });

  it('refuses malformed conditions, unknown actions, fields and operators, and changes nothing', async () => {
    const before = await count();
    const cases: [unknown, string][] = [
      [{ ...base, action: 'rocket.launch' }, 'unknown_action'],
      [{ ...base, conditions: { all: [{ field: 'colour', op: 'eq', value: 'red' }] } }, 'unknown_field'],
      [
        { ...base, conditions: { all: [{ field: 'discountPercent', op: 'resembles', value: 1 }] } },
        'unknown_operator',
      ],
      [
        { ...base, conditions: { all: [{ field: 'discountPercent', op: 'gt', value: 'lots' }] } },
        'invalid_value',
      ],
      [
        { ...base, conditions: { all: [{ field: 'productReference', op: 'gt', value: 3 }] } },
        'invalid_value',
      ],
      [
        { ...base, conditions: { all: [{ field: 'discountPercent', op: 'between', value: [50, 10] }] } },
        'invalid_value',
      ],
      [{ ...base, conditions: { any: [] } }, 'malformed'],
      [{ ...base, conditions: { all: 'yes' } }, 'malformed'],
      [{ ...base, conditions: [1, 2] }, 'malformed'],
      [{ ...base, conditions: { all: [], any: [] } }, 'malformed'],
      [{ ...base, conditions: { rule: 'no-such-rule' } }, 'unknown_rule'],
    ];
    for (const [body, code] of cases) {
      const problem = expectProblem(await expert.post('/api/v1/push/rules', body), 400, 'validation_failed');
      expect(
        problem.errors.map((e) => e.code),
        JSON.stringify(body),
      ).toContain(code);
    }
    const deep = {
      all: [
        {
          not: {
            not: {
              not: {
                not: { not: { not: { not: { not: { not: { field: 'quantity', op: 'gt', value: 1 } } } } } },
              },
            },
          },
        },
      ],
    };
    expect(
      expectProblem(await expert.post('/api/v1/push/rules', { ...base, conditions: deep }), 400).errors[0]
        .code,
    ).toBe('too_deep');
    const wide = { any: Array.from({ length: 250 }, (_, i) => ({ field: 'quantity', op: 'eq', value: i })) };
    expect(
      expectProblem(await expert.post('/api/v1/push/rules', { ...base, conditions: wide }), 400).errors[0]
        .code,
    ).toBe('too_many_conditions');
    expectProblem(
      await expert.post('/api/v1/push/rules', { ...base, severity: 'catastrophic' }),
      400,
      'validation_failed',
    );
    expectProblem(
      await expert.post('/api/v1/push/rules', { ...base, message: { fr: 'x' } }),
      400,
      'validation_failed',
    );
    expectProblem(
      await expert.post('/api/v1/push/rules', {
        ...base,
        effectiveFrom: '2026-10-01',
        effectiveTo: '2026-09-01',
      }),
      400,
      'validation_failed',
    );
    expectProblem(
      await expert.post('/api/v1/push/rules', {
        ...base,
        audience: { teamIds: ['00000000-0000-4000-8000-000000000000'] },
      }),
      400,
    );
    expectProblem(await expert.post('/api/v1/push/rules', { ...base, surprise: true }), 400);
    expectProblem(
      await expert.post('/api/v1/push/rules', undefined, {
        rawBody: '{"name": ',
        contentType: 'application/json',
      }),
      400,
      'malformed_json',
    );
    expect(await count()).toBe(before);
  });

  it('refuses reference cycles between rules, on create and on update', async () => {
    const a = (
      await expert.post('/api/v1/push/rules', {
        ...base,
        key: 'cyc-a',
        conditions: { all: [{ field: 'quantity', op: 'gt', value: 5 }] },
      })
    ).json();
    const b = (
      await expert.post('/api/v1/push/rules', {
        ...base,
        key: 'cyc-b',
        conditions: { all: [{ rule: 'cyc-a' }] },
      })
    ).json();
    expect(b.key).toBe('cyc-b');
    const problem = expectProblem(
      await expert.patch(`/api/v1/push/rules/${a.id}`, { conditions: { any: [{ rule: 'cyc-b' }] } }),
      400,
      'validation_failed',
    );
    expect(problem.errors[0]).toMatchObject({ code: 'cycle' });
    expect(problem.errors[0].message).toContain('cyc-a → cyc-b → cyc-a');
    expect(
      expectProblem(
        await expert.post('/api/v1/push/rules', {
          ...base,
          key: 'cyc-self',
          conditions: { rule: 'cyc-self' },
        }),
        400,
      ).errors.map((e) => e.code),
    ).toContain('cycle');
    expect((await expert.get(`/api/v1/push/rules/${a.id}`)).json().version).toBe(1);
    expectProblem(await expert.delete(`/api/v1/push/rules/${a.id}`), 409, 'push.rule_referenced');
    // b fires when a's conditions hold
    const fired = (
      await rep.post('/api/v1/push/check', { action: 'offer.line.add', fields: { quantity: 9 } })
    )
      .json()
      .alerts.map((x: any) => x.ruleKey);
    expect(fired).toEqual(expect.arrayContaining(['cyc-a', 'cyc-b']));
  });

  it('imports rule sets all-or-nothing and refuses huge ones', async () => {
    const before = await count();
    const rules = Array.from({ length: 3 }, (_, i) => ({ ...base, key: `bulk-${i}` }));
    const bad = [...rules, { ...base, key: 'bulk-bad', action: 'nope.nope' }];
    const problem = expectProblem(
      await expert.post('/api/v1/push/rules/import', { rules: bad }),
      400,
      'validation_failed',
    );
    expect(problem.errors[0].field).toBe('rules.3.action');
    expect(await count()).toBe(before);
    expectProblem(
      await expert.post('/api/v1/push/rules/import', { rules: Array.from({ length: 1001 }, () => base) }),
      400,
      'validation_failed',
    );
    expect(await count()).toBe(before);
    expect((await expert.post('/api/v1/push/rules/import', { rules })).json().ids).toHaveLength(3);
    expect(await count()).toBe(before + 3);
  });

  it('declares external actions with their fields', async () => {
    expect(
      (
        await expert.post('/api/v1/push/actions', {
          name: 'invoice.approve',
          fields: [{ name: 'amount', type: 'number' }],
        })
      ).statusCode,
    ).toBe(201);
    const actions = (await rep.get('/api/v1/push/actions')).json();
    expect(actions.items.find((a: any) => a.name === 'invoice.approve')).toMatchObject({ builtIn: false });
    expect(actions.items.find((a: any) => a.name === 'transfer.create')).toBeTruthy();
    expectProblem(
      await expert.post('/api/v1/push/actions', {
        name: 'offer.create',
        fields: [{ name: 'x', type: 'string' }],
      }),
      409,
      'push.action_builtin',
    );
    expectProblem(
      await expert.post('/api/v1/push/actions', { name: 'NoDot', fields: [{ name: 'x', type: 'string' }] }),
      400,
    );
    expectProblem(
      await expert.post('/api/v1/push/actions', { name: 'a.b', fields: [{ name: 'x', type: 'weird' }] }),
      400,
    );
    expectProblem(
      await rep.post('/api/v1/push/actions', { name: 'a.b', fields: [{ name: 'x', type: 'string' }] }),
      403,
    );
  });

  it('tries a saved or draft rule against a sample action', async () => {
    const rule = (
      await expert.post('/api/v1/push/rules', { ...base, key: 'try-me', effectiveFrom: '2026-01-01' })
    ).json();
    const yes = (
      await expert.post(`/api/v1/push/rules/${rule.id}/try`, { fields: { discountPercent: 45 } })
    ).json();
    expect(yes).toMatchObject({ fires: true, conditionsHold: true, effective: true });
    expect(yes.html).toContain('<strong>forte</strong>');
    expect(
      (
        await expert.post(`/api/v1/push/rules/${rule.id}/try`, {
          fields: { discountPercent: 45 },
          at: '2025-06-01T00:00:00Z',
        })
      ).json(),
    ).toMatchObject({ fires: false, effective: false });
    expect(
      (
        await expert.post(`/api/v1/push/rules/${rule.id}/try`, {
          fields: { discountPercent: 45 },
          changes: { conditions: { all: [{ field: 'discountPercent', op: 'gt', value: 50 }] } },
        })
      ).json().fires,
    ).toBe(false);
    const draft = await expert.post('/api/v1/push/rules/try', {
      rule: { ...base, message: { fr: '<script>alert(1)</script>ok', en: 'ok' } },
      fields: { discountPercent: 41 },
    });
    expect(draft.json()).toMatchObject({ fires: true });
    expect(draft.json().html).not.toContain('<script');
    expectProblem(
      await expert.post('/api/v1/push/rules/try', { rule: { ...base, action: 'x.y' }, fields: {} }),
      400,
    );
    expectProblem(await expert.post(`/api/v1/push/rules/${rule.id}/try`, { fields: 'nope' }), 400);
  });
});
