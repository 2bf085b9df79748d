import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import type { TestClient } from '../../../../../test/client.js';
import { createNotifications } from '../notifications/notify.js';

let t: TestApp;
let rep: TestClient;
let expert: TestClient;
let manager: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  rep = await t.login('rep@relais.demo');
  expert = await t.login('expert@relais.demo');
  manager = await t.login('manager@relais.demo');
  t.deps.clock = () => new Date('2026-10-05T09:00:00Z');
});
afterAll(() => t.close());

describe('"For me": what was pushed to me, not a copy of the notification list', () => {
  it('lists knowledge pushed to me (never an item I may not see), broadcasts to acknowledge first, and the alerts of my work', async () => {
    const [expertUser] = await t.db.query<{ id: string }>(
      `select id from users where email = 'expert@relais.demo'`,
    );
    const [item] = await t.db.query<{ id: string }>(
      `insert into knowledge_items (type, title, body_md, status, delivery, owner_id, visibility) values ('procedure', 'Nouvelle garantie fours mixtes', 'x', 'published', 'push', $1, 'public') returning id`,
      [expertUser.id],
    );
    const [hidden] = await t.db.query<{ id: string }>(
      `insert into knowledge_items (type, title, body_md, status, owner_id, visibility) values ('answer', 'Marge cachée', 'x', 'published', $1, 'secret') returning id`,
      [expertUser.id],
    );
    await t.db.transaction(async (tx) => {
      for (const [id, key] of [
        [item.id, 'k1'],
        [hidden.id, 'k2'],
      ]) {
        await createNotifications(tx, t.deps, {
          kind: 'change',
          title: { fr: 'Connaissance', en: 'Knowledge' },
          url: `/knowledge/${id}`,
          sourceType: 'knowledge',
          sourceId: id,
          dedupeKey: key,
          recipients: [
            {
              userId: rep.userId!,
              reason: { fr: 'vous vendez des fours mixtes', en: 'you sell combi ovens' },
            },
          ],
        });
      }
      // A change about a product is a notification, not something pushed "for me".
      await createNotifications(tx, t.deps, {
        kind: 'change',
        title: { fr: 'Prix modifié', en: 'Price changed' },
        sourceType: 'product',
        sourceId: 'x',
        dedupeKey: 'p1',
        recipients: [{ userId: rep.userId! }],
      });
    });
    const info = (
      await manager.post('/api/v1/broadcasts', { title: 'Info région', audience: { roles: ['rep'] } })
    ).json();
    const charter = (
      await manager.post('/api/v1/broadcasts', {
        title: 'Charte de remises',
        requiresAck: true,
        audience: { roles: ['rep'] },
        knowledgeIds: [item.id],
      })
    ).json();
    await t.deps.jobs.drain();

    const forMe = (await rep.get('/api/v1/push/for-me')).json();
    expect(forMe.knowledge.map((k: any) => k.id)).toEqual([item.id]);
    expect(forMe.knowledge[0]).toMatchObject({
      title: 'Nouvelle garantie fours mixtes',
      url: `/knowledge/${item.id}`,
      type: 'procedure',
    });
    expect(JSON.stringify(forMe)).not.toContain(hidden.id);
    expect(JSON.stringify(forMe)).not.toContain('Prix modifié');
    expect(forMe.broadcasts.map((b: any) => b.id).slice(0, 2)).toEqual([charter.id, info.id]);
    expect(forMe.broadcasts[0]).toMatchObject({
      requiresAck: true,
      ackedAt: null,
      url: `/broadcasts/${charter.id}`,
    });
    const alerts = forMe.alerts.map((a: any) => a.name);
    expect(alerts).toContain('Remise supérieure à 30 %');
    expect(forMe.alerts[0]).toMatchObject({ severity: 'blocking' });
    expect(forMe.alerts.find((a: any) => a.name === 'Remise supérieure à 30 %').actionLabel).toBe(
      'Ajouter une ligne de produit',
    );
    // The bank-transfer example (in force since 1 October) is for other applications, not a rep's alert.
    expect(alerts.join()).not.toMatch(/Virement|Caïmans/);
  });

  it('keeps the example rules for other applications out of a rep’s rule list, and labels them for experts', async () => {
    const repRules = (await rep.get('/api/v1/push/rules?limit=200')).json().items;
    expect(repRules.length).toBeGreaterThan(0);
    expect(repRules.every((rule: any) => rule.inApp)).toBe(true);
    expect((await rep.get('/api/v1/push/rules?scope=other')).json().items).toEqual([]);
    const other = (await expert.get('/api/v1/push/rules?scope=other')).json().items;
    expect(other.map((rule: any) => rule.key)).toContain('transfer-ky-new-conditions');
    expect(other[0]).toMatchObject({ inApp: false, example: true });
    expect(other[0].actionLabel).toMatch(/^Exemple pour une autre application/);
    const inApp = (await expert.get('/api/v1/push/rules?scope=app')).json().items;
    expect(inApp.find((rule: any) => rule.key === 'discount-over-30')).toMatchObject({
      inApp: true,
      example: false,
      actionLabel: 'Ajouter une ligne de produit',
    });
  });
});
