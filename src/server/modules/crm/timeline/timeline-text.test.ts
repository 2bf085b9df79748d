import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import type { TestClient } from '../../../../../test/client.js';

let t: TestApp;
let rep: TestClient;
let accountId: string;
beforeAll(async () => {
  t = await createTestApp();
  rep = await t.login('rep@relais.demo');
  accountId = (await rep.post('/api/v1/accounts', { name: 'Bistrot des Halles', kind: 'customer' })).json()
    .id;
});
afterAll(() => t.close());

describe('timeline lines as a person reads them', () => {
  it("shows a sent e-mail's message as text, not Markdown", async () => {
    const created = await rep.post('/api/v1/activities', {
      kind: 'email',
      subject: 'Fiche four mixte',
      accountId,
      bodyMd:
        'Bonjour **Madame Durand**,\n\nvoici la fiche.\n\n---\n[Four mixte 10 niveaux](/knowledge/0b6a1a52-3c33-4c39-9a53-0d2b6cb2b1a0)\n\n📎 fiche.pdf',
    });
    expect(created.statusCode).toBe(201);
    const { items } = (await rep.get(`/api/v1/accounts/${accountId}/timeline?types=activity`)).json();
    const line = items.find((entry: { id: string }) => entry.id === created.json().id);
    expect(line.summary).toBe('Bonjour Madame Durand, voici la fiche. Four mixte 10 niveaux 📎 fiche.pdf');
  });

  it("writes an offer's amount with its cents in the reader's language", async () => {
    const offer = (await rep.post('/api/v1/offers', { title: 'Rénovation cuisine', accountId })).json();
    const { items } = (await rep.get(`/api/v1/accounts/${accountId}/timeline?types=offer`)).json();
    const line = items.find((entry: { id: string }) => entry.id === offer.id);
    expect(line.summary.replace(/[\u202f\u00a0]/g, ' ')).toMatch(/ · 0 €$/);
  });
});
