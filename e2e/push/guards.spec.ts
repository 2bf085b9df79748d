import { expect, test, type Page } from '@playwright/test';
import {
  apiAs,
  get,
  openFromNav,
  patch,
  post,
  retype,
  signIn,
  snap,
  TYPING,
  watch,
  type Api,
} from './person.js';

/**
 * PUSH-2 as a rep meets it: blocking alerts on a line edit and on Won (the alert dialog above the
 * stage dialog), and a rule on the account's segment firing in the new-offer form, which sends
 * only the account's id. Typed at human speed, on a desktop in French and a phone in English.
 */

const VIEWS = [
  { name: '1366-fr', viewport: { width: 1366, height: 800 }, locale: 'fr' as const },
  { name: '375-en', viewport: { width: 375, height: 740 }, locale: 'en' as const },
];
const TEXT = {
  fr: {
    offers: 'Offres',
    list: 'Liste',
    search: 'Rechercher une offre ou un compte',
    discount: 'Remise %',
    unitPrice: 'Prix unitaire',
    won: /^Gagnée \(100\s?%\)$/,
    stage: 'Étape',
    moveTo: 'Passer en « Gagnée »',
    wonReason: 'Ce qui a fait la différence',
    confirm: 'Confirmer',
    alertTitle: 'Avant de continuer',
    acknowledge: 'J’ai lu et je prends en compte',
    continue: 'Continuer',
    newOffer: 'Nouvelle offre',
    account: 'Compte',
    title: 'Intitulé',
    create: 'Créer',
    openMenu: 'Ouvrir le menu',
  },
  en: {
    offers: 'Offers',
    list: 'List',
    search: 'Search an offer or an account',
    discount: 'Discount %',
    unitPrice: 'Unit price',
    won: /^Won \(100\s?%\)$/,
    stage: 'Stage',
    moveTo: 'Move to “Won”',
    wonReason: 'What made the difference',
    confirm: 'Confirm',
    alertTitle: 'Before you continue',
    acknowledge: 'I have read this and take it into account',
    continue: 'Continue',
    newOffer: 'New offer',
    account: 'Account',
    title: 'Title',
    create: 'Create',
    openMenu: 'Open menu',
  },
};

async function openOffers(page: Page, text: (typeof TEXT)['fr']) {
  await openFromNav(page, text.offers, text.openMenu);
  await expect(page).toHaveURL(/\/offers/);
}

for (const view of VIEWS) {
  test.describe(`guards (${view.name})`, () => {
    const text = TEXT[view.locale];
    let rep: Api;
    let expert: Api;

    test.beforeAll(async ({ baseURL }) => {
      rep = await apiAs(baseURL!, 'rep@relais.demo');
      expert = await apiAs(baseURL!, 'expert@relais.demo');
      expect((await patch(rep, '/api/v1/me', { locale: view.locale })).status()).toBe(200);
    });
    test.afterAll(async () => {
      await patch(rep, '/api/v1/me', { locale: 'fr' });
      await rep.context.dispose();
      await expert.context.dispose();
    });

    test('a line edited to a forbidden discount, then Won: each blocking alert is acknowledged above its dialog and the save goes through', async ({
      page,
    }) => {
      const accounts = await (await get(rep, '/api/v1/accounts?q=Boulangerie%20Lemoine')).json();
      const products = await (await get(rep, '/api/v1/products?active=true&limit=1')).json();
      const title = `Four e2e ${view.name} ${Date.now().toString(36)}`;
      const created = await post(rep, '/api/v1/offers', {
        title,
        accountId: accounts.items[0].id,
        lines: [{ productId: products.items[0].id, quantity: 1 }],
      });
      expect(created.status()).toBe(201);

      await page.setViewportSize(view.viewport);
      await signIn(page, 'rep@relais.demo');
      const problems = watch(page);
      await openOffers(page, text);
      await page.getByText(text.list, { exact: true }).click();
      await page.getByPlaceholder(text.search).pressSequentially(title, TYPING);
      await page.getByRole('link', { name: title }).click();
      await expect(page.getByRole('heading', { name: title })).toBeVisible();

      // 35 % on the existing line: the rule on adding a line holds for changing one.
      await retype(page, text.discount, '35');
      const alert = page.getByRole('dialog', { name: text.alertTitle });
      await expect(alert).toBeVisible();
      await expect(alert).toContainText('Remise supérieure à 30 %');
      await snap(page, `push-guards-line-alert-${view.name}`);
      await alert.getByRole('button', { name: text.acknowledge }).click();
      await alert.getByRole('button', { name: text.continue }).click();
      await expect(alert).toBeHidden();
      await expect(page.getByRole('textbox', { name: text.discount }).first()).toHaveValue('35');
      await retype(page, text.unitPrice, '5');
      await expect(page.getByRole('textbox', { name: text.unitPrice }).first()).toHaveValue(/^5/);

      // Won → reason → Confirm: the blocking alert opens above the stage dialog, which waits for it.
      await page.getByRole('combobox', { name: text.stage }).first().click();
      await page.getByRole('option', { name: text.won }).click();
      const stageDialog = page.getByRole('dialog', { name: text.moveTo });
      await stageDialog
        .getByLabel(text.wonReason)
        .pressSequentially('Démonstration réussie en cuisine', TYPING);
      await stageDialog.getByRole('button', { name: text.confirm }).click();
      await expect(alert).toBeVisible();
      await expect(alert).toContainText('Offre gagnée avec une remise de plus de 30 %');
      const acknowledge = alert.getByRole('button', { name: text.acknowledge });
      // The button is what a click at its centre reaches: nothing (no stage dialog) lies above it.
      const onTop = await acknowledge.evaluate((button) => {
        const box = button.getBoundingClientRect();
        const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
        return Boolean(hit && button.contains(hit));
      });
      expect(onTop).toBe(true);
      await snap(page, `push-guards-won-alert-${view.name}`);
      await acknowledge.click();
      await alert.getByRole('button', { name: text.continue }).click();
      await expect(stageDialog).toBeHidden();
      await expect(page.getByRole('combobox', { name: text.stage }).first()).toHaveValue(text.won);
      await snap(page, `push-guards-won-saved-${view.name}`);
      const saved = await (await get(rep, `/api/v1/offers/${(await created.json()).id}`)).json();
      expect(saved).toMatchObject({ outcome: 'won' });
      expect(saved.lines[0]).toMatchObject({ discountPercent: 35, unitPrice: 5 });
      expect(problems).toEqual([]);
    });

    test('a rule on the account segment fires in the new-offer form, which sends only the account', async ({
      page,
    }) => {
      const name = `Offre TPE (${view.name}) : proposez le financement`;
      const rule = await post(expert, '/api/v1/push/rules', {
        name,
        action: 'offer.create',
        severity: 'warning',
        conditions: { field: 'accountSegment', op: 'eq', value: 'TPE' },
        message: {
          fr: 'Les TPE financent souvent en **location** : proposez l’offre de financement.',
          en: 'Small businesses often **lease**: offer financing.',
        },
      });
      expect(rule.status()).toBe(201);
      try {
        await page.setViewportSize(view.viewport);
        await signIn(page, 'rep@relais.demo');
        const problems = watch(page);
        await openOffers(page, text);
        await page.getByRole('button', { name: text.newOffer }).click();
        const form = page.getByRole('dialog', { name: text.newOffer });
        await form.getByLabel(new RegExp(`^${text.account}`)).pressSequentially('Boulangerie Lem', TYPING);
        await page.getByRole('option', { name: /Boulangerie Lemoine/ }).click();
        const title = `Pétrin ${view.name} ${Date.now().toString(36)}`;
        await form.getByLabel(new RegExp(`^${text.title}`)).pressSequentially(title, TYPING);
        await form.getByRole('button', { name: text.create }).click();
        const alert = page.getByRole('dialog', { name: text.alertTitle });
        await expect(alert).toBeVisible();
        await expect(alert).toContainText(name);
        await snap(page, `push-guards-segment-alert-${view.name}`);
        await alert.getByRole('button', { name: text.continue }).click();
        await expect(page.getByRole('heading', { name: title })).toBeVisible();
        expect(problems).toEqual([]);
      } finally {
        await patch(expert, `/api/v1/push/rules/${(await rule.json()).id}`, { enabled: false });
      }
    });
  });
}
