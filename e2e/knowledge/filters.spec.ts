import { DESKTOP, expect, PHONE, test } from '../person.js';

/**
 * Knowledge search by date (KB-3 item 7): a rep searches, sees how recent the results are (the
 * date facet), narrows to the last 30 days with a click (the range lands in the URL), types an
 * end date before the start and is told so, then clears it. French at 1366 px, English at 375 px.
 */
for (const [lang, viewport] of [
  ['fr', DESKTOP],
  ['en', PHONE],
] as const) {
  test.describe(`knowledge search filters (${lang})`, () => {
    test.use({ lang, actionTimeout: 15_000 });

    test('the date facet and the from/to range filter the results', async ({ person }) => {
      test.setTimeout(120_000);
      const rep = await person('rep', { viewport });
      const t = rep.t.bind(rep);
      await rep.signIn('rep@relais.demo');
      await rep.nav(t('Base de connaissances', 'Knowledge base'));
      await rep.type(rep.page.getByPlaceholder(t(/^Rechercher/, /^Search/)), t('livraison', 'delivery'));
      const count = rep.page.getByText(t(/^\d+ résultats?$/, /^\d+ results?$/));
      await expect(count).toBeVisible();
      const recent = rep.page.getByRole('button', {
        name: t(/^30 derniers jours · \d+/, /^Last 30 days · \d+/),
      });
      await expect(recent).toBeVisible();
      await expect(rep.page.getByRole('button', { name: t(/^Plus ancien · 0/, /^Older · 0/) })).toBeVisible();
      await rep.shot('date-facet');

      // One click on the bucket: the range is in the URL and the from field shows it.
      await recent.click();
      await expect(rep.page).toHaveURL(/[?&]from=\d{4}-\d{2}-\d{2}/);
      const from = rep.page.getByRole('textbox', { name: t('Mis à jour depuis', 'Updated from') });
      await expect(from).not.toHaveValue('');
      await expect(count).toBeVisible();

      // An end before the start is said beside the field (nothing is sent).
      const to = rep.page.getByRole('textbox', { name: t('Mis à jour jusqu’au', 'Updated until') });
      await to.click();
      await to.pressSequentially('01/02/2001', { delay: 60 });
      await to.press('Enter');
      await expect(rep.page).toHaveURL(/[?&]to=2001-0[12]-0[12]/);
      await expect(
        rep.page.getByText(t('Le début est après la fin.', 'The start is after the end.')),
      ).toBeVisible();
      await rep.shot('date-reversed');

      // The start cleared: everything up to 2001 — nothing in the demo base is that old.
      await from.clear();
      await from.press('Enter');
      await expect(rep.page).not.toHaveURL(/[?&]from=/);
      await expect(rep.page.getByText(t('0 résultat', '0 results'))).toBeVisible();
      await rep.shot('date-range');
    });
  });
}
