import { DESKTOP, expect, PHONE, test } from '../person.js';

/**
 * Learning from use (KB-3 item 5): a rep searches with their own words, opens a result and marks
 * it useful; the expert opens the item and finds the rep's question among the questions that
 * led there (with who asked first), then removes it. French at 1366 px, English at 375 px.
 */
for (const [lang, viewport] of [
  ['fr', DESKTOP],
  ['en', PHONE],
] as const) {
  test.describe(`knowledge phrasings (${lang})`, () => {
    test.use({ lang, actionTimeout: 15_000 });

    test("a useful answer learns the rep's question; the expert reviews it", async ({ person }) => {
      test.setTimeout(150_000);
      const question =
        lang === 'fr' ? 'four livré en retard client furieux' : 'oven delivered late angry client';

      const rep = await person('rep', { viewport });
      const t = rep.t.bind(rep);
      await rep.signIn('rep@relais.demo');
      await rep.nav(t('Base de connaissances', 'Knowledge base'));
      await rep.type(rep.page.getByPlaceholder(t(/^Rechercher/, /^Search/)), question);
      await expect(rep.page.getByText(t(/^\d+ résultats?$/, /^\d+ results?$/))).toBeVisible();
      // The first result (a card with the words found highlighted).
      await rep.page.locator('main a[href^="/knowledge/"]:has(mark)').first().click();
      const useful = rep.page.getByRole('button', { name: new RegExp(`^${t('Utile', 'Useful')} \\(`) });
      await useful.click();
      const itemUrl = rep.page.url();
      await expect(useful).toHaveText(new RegExp(`^${t('Utile', 'Useful')} \\([1-9]`));
      // A rep does not get the experts' list.
      await expect(rep.page.getByTestId('knowledge-phrasings')).toHaveCount(0);

      const expert = await person('expert', { viewport });
      await expert.signIn('expert@relais.demo');
      await expert.page.goto(itemUrl);
      const list = expert.page.getByTestId('knowledge-phrasings');
      await expect(
        list.getByRole('heading', { name: t('Questions qui ont mené ici', 'Questions that led here') }),
      ).toBeVisible();
      const row = list.getByTestId('knowledge-phrasing').filter({ hasText: question });
      await expect(row).toContainText(t('1 fois', '1 time'));
      await expect(row).toContainText('Romain');
      await row.scrollIntoViewIfNeeded();
      await expert.shot('phrasings');

      await row.getByRole('button', { name: t(/^Retirer/, /^Remove/) }).click();
      await expect(row).toContainText(t('retirée', 'removed'));
      await expert.shot('phrasing-removed');
    });
  });
}
