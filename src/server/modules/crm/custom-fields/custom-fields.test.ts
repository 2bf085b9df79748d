import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';

let t: TestApp;
let rep: TestClient;
let admin: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  [rep, admin] = await Promise.all([t.login('rep@relais.demo'), t.login('admin@relais.demo')]);
});
afterAll(() => t.close());

describe('custom fields', () => {
  it('admins define text, number, date and choice fields; values on accounts are validated against them', async () => {
    for (const body of [
      { key: 'couverts', labelFr: 'Couverts', labelEn: 'Covers', fieldType: 'number' },
      { key: 'fin_contrat', labelFr: 'Fin de contrat', labelEn: 'Contract end', fieldType: 'date' },
      {
        key: 'energie',
        labelFr: 'Énergie',
        labelEn: 'Energy',
        fieldType: 'choice',
        choices: ['Gaz', 'Électrique'],
      },
      { key: 'remarque', labelFr: 'Remarque', labelEn: 'Remark', fieldType: 'text' },
    ])
      expect((await admin.post('/api/v1/custom-fields', body)).statusCode).toBe(201);
    expect(
      (await rep.get('/api/v1/custom-fields?entity=account')).json().items.map((f: any) => f.key),
    ).toEqual(expect.arrayContaining(['couverts', 'energie']));
    const ok = await rep.post('/api/v1/accounts', {
      name: 'Champs OK',
      customFields: { couverts: '120', fin_contrat: '2026-03-31', energie: 'Gaz', remarque: 'RAS' },
    });
    expect(ok.json().customFields).toEqual({
      couverts: 120,
      fin_contrat: '2026-03-31',
      energie: 'Gaz',
      remarque: 'RAS',
    });
    const bad = expectProblem(
      await rep.post('/api/v1/accounts', {
        name: 'Champs KO',
        customFields: { couverts: 'beaucoup', fin_contrat: '2026-02-30', energie: 'Charbon', inconnu: 'x' },
      }),
      400,
      'validation_failed',
    );
    expect(bad.errors.map((e) => e.field).sort()).toEqual([
      'customFields.couverts',
      'customFields.energie',
      'customFields.fin_contrat',
      'customFields.inconnu',
    ]);
    const patched = (
      await rep.patch(`/api/v1/accounts/${ok.json().id}`, { customFields: { remarque: null, couverts: 80 } })
    ).json();
    expect(patched.customFields).toEqual({ couverts: 80, fin_contrat: '2026-03-31', energie: 'Gaz' });
  });

  it('writes are admin-only and bad definitions are refused', async () => {
    expectProblem(
      await rep.post('/api/v1/custom-fields', { key: 'x', labelFr: 'X', labelEn: 'X', fieldType: 'text' }),
      403,
    );
    expectProblem(
      await admin.post('/api/v1/custom-fields', {
        key: 'Bad Key',
        labelFr: 'X',
        labelEn: 'X',
        fieldType: 'text',
      }),
      400,
      'validation_failed',
    );
    expectProblem(
      await admin.post('/api/v1/custom-fields', {
        key: 'choix',
        labelFr: 'X',
        labelEn: 'X',
        fieldType: 'choice',
      }),
      400,
      'validation_failed',
    );
    expectProblem(
      await admin.post('/api/v1/custom-fields', {
        key: 'couverts',
        labelFr: 'X',
        labelEn: 'X',
        fieldType: 'number',
      }),
      409,
      'custom_field.exists',
    );
    const field = (await admin.get('/api/v1/custom-fields?entity=account'))
      .json()
      .items.find((f: any) => f.key === 'energie');
    expect(
      (
        await admin.patch(`/api/v1/custom-fields/${field.id}`, { choices: ['Gaz', 'Électrique', 'Mixte'] })
      ).json().choices,
    ).toHaveLength(3);
    expectProblem(await admin.patch(`/api/v1/custom-fields/${field.id}`, { fieldType: 'text' }), 400);
    expectProblem(await rep.delete(`/api/v1/custom-fields/${field.id}`), 403);
    expect((await admin.delete(`/api/v1/custom-fields/${field.id}`)).statusCode).toBe(204);
    expectProblem(await admin.delete(`/api/v1/custom-fields/${field.id}`), 404);
  });
});

describe('saved views', () => {
  it('saves, lists and deletes my views; others never see them', async () => {
    const created = await rep.post('/api/v1/saved-views', {
      entity: 'account',
      name: 'Mes PME',
      query: { segment: 'PME', sort: '-updatedAt' },
    });
    expect(created.statusCode).toBe(201);
    expect(
      (await rep.get('/api/v1/saved-views?entity=account')).json().items.map((v: any) => v.name),
    ).toEqual(['Mes PME']);
    expect((await admin.get('/api/v1/saved-views?entity=account')).json().items).toEqual([]);
    expectProblem(await admin.delete(`/api/v1/saved-views/${created.json().id}`), 404);
    expectProblem(await rep.post('/api/v1/saved-views', { entity: 'offer', name: 'x', query: {} }), 400);
    expectProblem(await rep.post('/api/v1/saved-views', { entity: 'account', name: '', query: {} }), 400);
    expectProblem(await rep.get('/api/v1/saved-views'), 400);
    expect((await rep.delete(`/api/v1/saved-views/${created.json().id}`)).statusCode).toBe(204);
  });
});
