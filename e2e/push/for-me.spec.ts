import { expect, test } from '@playwright/test';
import { apiAs, openFromNav, patch, post, signIn, snap, watch, type Api } from './person.js';

/**
 * "For me" as a rep finds it: the broadcasts addressed to them (the one to acknowledge first),
 * the alerts of their work without the bank-transfer examples meant for other applications;
 * opening a broadcast counts as reading it. The manager writing it reaches only their region.
 */

const VIEWS = [
  { name: '1366-fr', viewport: { width: 1366, height: 800 }, locale: 'fr' as const },
  { name: '375-en', viewport: { width: 375, height: 740 }, locale: 'en' as const },
];
const TEXT = {
  fr: {
    forMe: 'Pour moi',
    openMenu: 'Ouvrir le menu',
    broadcasts: 'Annonces pour vous',
    alerts: 'Alertes de votre travail',
    ack: /Je confirme avoir lu/,
    acked: 'Confirmé',
    newBadge: 'Nouveau',
  },
  en: {
    forMe: 'For me',
    openMenu: 'Open menu',
    broadcasts: 'Broadcasts for you',
    alerts: 'Alerts of your work',
    ack: /I confirm I have read it/,
    acked: 'Acknowledged',
    newBadge: 'New',
  },
};

for (const view of VIEWS) {
  test.describe(`for me (${view.name})`, () => {
    const text = TEXT[view.locale];
    let rep: Api;
    let manager: Api;

    test.beforeAll(async ({ baseURL }) => {
      rep = await apiAs(baseURL!, 'rep@relais.demo');
      manager = await apiAs(baseURL!, 'manager@relais.demo');
      expect((await patch(rep, '/api/v1/me', { locale: view.locale })).status()).toBe(200);
    });
    test.afterAll(async () => {
      await patch(rep, '/api/v1/me', { locale: 'fr' });
      await rep.context.dispose();
      await manager.context.dispose();
    });

    test('shows what was pushed to me; opening a broadcast reads it; acknowledging it from here', async ({
      page,
    }) => {
      const stamp = Date.now().toString(36);
      const toRead = `Tournée régionale ${view.name} ${stamp}`;
      const toAck = `Charte de remises ${view.name} ${stamp}`;
      // The manager writes to nobody in particular: their region, not the company.
      expect(
        (
          await post(manager, '/api/v1/broadcasts', {
            title: toRead,
            body: 'Planning de la **tournée** de printemps.',
          })
        ).status(),
      ).toBe(201);
      expect(
        (
          await post(manager, '/api/v1/broadcasts', {
            title: toAck,
            body: 'Plafond à 30 % sans validation.',
            requiresAck: true,
          })
        ).status(),
      ).toBe(201);

      await page.setViewportSize(view.viewport);
      await signIn(page, 'rep@relais.demo');
      const problems = watch(page);
      await openFromNav(page, text.forMe, text.openMenu);
      await expect(page).toHaveURL(/\/for-me/);
      const broadcasts = page.locator('.mantine-Card-root').filter({ hasText: text.broadcasts });
      await expect(broadcasts.getByRole('link', { name: toAck })).toBeVisible();
      await expect(broadcasts.getByRole('link', { name: toRead })).toBeVisible();
      const alerts = page.locator('.mantine-Card-root').filter({ hasText: text.alerts });
      await expect(alerts).toContainText('Remise supérieure à 30 %');
      await expect(alerts).not.toContainText('Virement');
      await expect(alerts).not.toContainText('Caïmans');
      await snap(page, `push-for-me-${view.name}`);

      // Opening the broadcast counts as reading it: back on "For me" it is no longer new.
      const readRow = broadcasts.getByRole('group', { name: toRead });
      await expect(readRow.getByText(text.newBadge)).toBeVisible();
      await broadcasts.getByRole('link', { name: toRead }).click();
      await expect(page.getByRole('heading', { name: toRead })).toBeVisible();
      await snap(page, `push-broadcast-opened-${view.name}`);
      await page.goBack();
      await expect(broadcasts.getByRole('link', { name: toRead })).toBeVisible();
      await expect(readRow.getByText(text.newBadge)).toBeHidden();

      const ackRow = broadcasts.getByRole('group', { name: toAck });
      await ackRow.getByRole('button', { name: text.ack }).click();
      await expect(ackRow.getByText(text.acked)).toBeVisible();
      expect(problems).toEqual([]);
    });
  });
}
