import { readFile } from 'node:fs/promises';
import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNT_CAP } from '../../src/server/platform/list-query.js';
import { createTestApp, type TestApp } from '../app.js';
import type { TestClient } from '../client.js';

/**
 * Big lists count only up to COUNT_CAP (issue 12): past it the answer says "more than 1,000"
 * (`total` 1000, `totalAtLeast` true) instead of counting every visible row, and the web says so.
 */
let t: TestApp;
let rep: TestClient;
let accountId: string;
const EXTRA = COUNT_CAP + 5;

beforeAll(async () => {
  t = await createTestApp();
  rep = await t.login('rep@relais.demo');
  const [account] = await t.db.query<{ id: string; owner_id: string; team_id: string | null }>(
    `select a.id, a.owner_id, a.team_id from accounts a join users u on u.id = a.owner_id
      where u.email = 'rep@relais.demo' and a.merged_into_id is null order by a.name limit 1`,
  );
  accountId = account.id;
  // Public notes of the rep on their own account: every one of them visible to the rep.
  await t.db.query(
    `insert into activities (kind, subject, occurred_at, account_id, owner_id, team_id, visibility)
     select 'note', 'Note ' || g, now() - g * interval '1 minute', $1, $2, $3, 'public'
       from generate_series(1, $4::int) g`,
    [account.id, account.owner_id, account.team_id, EXTRA],
  );
});
afterAll(() => t.close());

describe('capped totals: "more than 1,000"', () => {
  it('the activities list stops counting at the cap and pages on', async () => {
    const first = await rep.get(`/api/v1/activities?limit=50&accountId=${accountId}`);
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.items).toHaveLength(50);
    expect(page.total).toBe(COUNT_CAP);
    expect(page.totalAtLeast).toBe(true);
    expect(page.nextCursor).toEqual(expect.any(String));
    const second = (
      await rep.get(`/api/v1/activities?limit=50&accountId=${accountId}&cursor=${page.nextCursor}`)
    ).json();
    expect(second.items).toHaveLength(50);
    const firstIds = new Set(page.items.map((item: { id: string }) => item.id));
    expect(second.items.some((item: { id: string }) => firstIds.has(item.id))).toBe(false);
  });

  it('a small list is counted exactly, without totalAtLeast', async () => {
    const page = (await rep.get(`/api/v1/activities?limit=5&accountId=${accountId}&kind=visit`)).json();
    expect(page.total).toBeLessThan(COUNT_CAP);
    expect(page.totalAtLeast).toBeUndefined();
  });

  it('the contacts list counts up to the cap', async () => {
    await t.db.query(
      `insert into contacts (first_name, last_name, owner_id, visibility)
       select 'Capped', 'Contact ' || g, u.id, 'public' from users u, generate_series(1, $1::int) g
        where u.email = 'rep@relais.demo'`,
      [EXTRA],
    );
    const page = (await rep.get('/api/v1/contacts?limit=25')).json();
    expect(page.items).toHaveLength(25);
    expect(page.total).toBe(COUNT_CAP);
    expect(page.totalAtLeast).toBe(true);
  });

  it("the account's timeline has a capped total too", async () => {
    const response = await rep.get(`/api/v1/accounts/${accountId}/timeline?limit=20`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.items).toHaveLength(20);
    expect(body.total).toBe(COUNT_CAP);
    expect(body.totalAtLeast).toBe(true);
    const offersOnly = (await rep.get(`/api/v1/accounts/${accountId}/timeline?types=offer`)).json();
    expect(offersOnly.totalAtLeast).toBeUndefined();
  });

  it('the web writes "Plus de 1 000" / "More than 1,000"', async () => {
    const load = async (module: string, lang: string) =>
      JSON.parse(
        await readFile(
          new URL(`../../src/web/modules/${module}/locales/${lang}.json`, import.meta.url),
          'utf8',
        ),
      );
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: {
        fr: { common: await load('common', 'fr'), accounts: await load('accounts', 'fr') },
        en: { common: await load('common', 'en'), accounts: await load('accounts', 'en') },
      },
      lng: 'fr',
      ns: ['common', 'accounts'],
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      showSupportNotice: false,
    });
    const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
    expect(spaces(i18n.t('accounts:accounts.countMore', { count: COUNT_CAP }))).toBe('Plus de 1 000 comptes');
    expect(spaces(i18n.t('common:pagination.rangeOfMore', { from: 1, to: 50, total: COUNT_CAP }))).toBe(
      '1–50 sur plus de 1 000',
    );
    await i18n.changeLanguage('en');
    expect(i18n.t('accounts:accounts.countMore', { count: COUNT_CAP })).toBe('More than 1,000 accounts');
    expect(i18n.t('common:pagination.rangeOfMore', { from: 1, to: 50, total: COUNT_CAP })).toBe(
      '1–50 of more than 1,000',
    );
  });
});
