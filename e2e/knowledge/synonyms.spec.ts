import { DESKTOP, expect, PHONE, test, type Person } from '../person.js';

/**
 * Synonyms of the knowledge search (KB-3 item 4) as people live them: the expert opens
 * "Synonymes" from the knowledge menu, types a group (transporteur ↔ carrier), saves it, and an
 * English word now finds the French procedure in the knowledge base; a rep reads the list but has
 * no way to change it; the expert deletes the group after confirming. In French at 1366 px and
 * in English at 375 px.
 */
const PROCEDURE = 'Procédure de déclaration d’un litige transporteur';

/**
 * Opens a page from the menu. On a phone the opened menu scrolls to the current entry
 * (Synonyms, near the end of Knowledge), so an entry above it is scrolled to, as a thumb does.
 */
async function openFromMenu(who: Person, label: string) {
  if (!who.isPhone) return who.nav(label);
  const link = who.page.getByRole('navigation').getByRole('link', { name: label, exact: true });
  await who.page.getByRole('button', { name: who.t('Ouvrir le menu', 'Open menu') }).click();
  await link.scrollIntoViewIfNeeded();
  await link.click();
}

for (const [lang, viewport] of [
  ['fr', DESKTOP],
  ['en', PHONE],
] as const) {
  test.describe(`knowledge synonyms (${lang})`, () => {
    test.use({ lang, actionTimeout: 15_000 });

    test('an expert adds a group and an English word finds the French item; a rep cannot edit', async ({
      person,
    }) => {
      test.setTimeout(180_000);
      const expert = await person('expert', { viewport });
      const t = expert.t.bind(expert);
      await expert.signIn('expert@relais.demo');
      await expert.nav(t('Synonymes', 'Synonyms'));
      await expect(
        expert.page.getByRole('heading', { name: t('Synonymes de la recherche', 'Search synonyms') }),
      ).toBeVisible();
      // The demo's groups are listed.
      await expect(
        expert.page.getByTestId('synonym-group').filter({ hasText: 'dishwasher' }).first(),
      ).toBeVisible();
      await expert.shot('synonyms-page');

      // A new group, typed as chips: a comma ends a term.
      await expert.type(
        expert.page.getByRole('combobox', { name: t('Termes', 'Terms') }),
        'transporteur, carrier',
      );
      await expert.shot('typing-a-group');
      await expert.page.getByRole('button', { name: t('Ajouter le groupe', 'Add the group') }).click();
      const group = expert.page.getByTestId('synonym-group').filter({ hasText: 'carrier' });
      await expect(group).toBeVisible();
      await expect(group).toContainText('transporteur');

      // The English word finds the French procedure.
      await openFromMenu(expert, t('Base de connaissances', 'Knowledge base'));
      await expert.type(expert.page.getByPlaceholder(t(/^Rechercher/, /^Search/)), 'carrier');
      // The results of the search, not the latest items shown before it.
      await expect(expert.page.getByText(t(/^\d+ résultats?$/, /^\d+ results?$/))).toBeVisible();
      await expect(expert.page.getByRole('link', { name: PROCEDURE }).first()).toBeVisible();
      await expert.shot('english-word-finds-french-item');

      // A rep has no menu entry, and reads the list without edit controls.
      const rep = await person('rep', { viewport });
      await rep.signIn('rep@relais.demo');
      if (rep.isPhone) await rep.page.getByRole('button', { name: t('Ouvrir le menu', 'Open menu') }).click();
      await expect(
        rep.page
          .getByRole('navigation')
          .getByRole('link', { name: t('Base de connaissances', 'Knowledge base'), exact: true }),
      ).toBeVisible();
      await expect(
        rep.page.getByRole('navigation').getByRole('link', { name: t('Synonymes', 'Synonyms') }),
      ).toHaveCount(0);
      await rep.page.goto('/knowledge/synonyms');
      await expect(rep.page.getByTestId('synonym-group').filter({ hasText: 'carrier' })).toBeVisible();
      await expect(
        rep.page.getByRole('button', { name: t('Ajouter le groupe', 'Add the group') }),
      ).toHaveCount(0);
      await expect(
        rep.page.getByRole('button', { name: t(/^Modifier le groupe/, /^Edit the group/) }),
      ).toHaveCount(0);
      await expect(
        rep.page.getByRole('button', { name: t(/^Supprimer le groupe/, /^Delete the group/) }),
      ).toHaveCount(0);
      await rep.shot('rep-reads-synonyms');

      // The expert deletes the group, after confirming.
      await expert.nav(t('Synonymes', 'Synonyms'));
      await expert.page
        .getByRole('button', {
          name: t('Supprimer le groupe transporteur ↔ carrier', 'Delete the group transporteur ↔ carrier'),
        })
        .click();
      const dialog = expert.page.getByRole('dialog', {
        name: t('Supprimer ce groupe de synonymes ?', 'Delete this synonym group?'),
      });
      await expect(dialog).toBeVisible();
      await expert.shot('confirm-delete');
      await dialog.getByRole('button', { name: t('Supprimer', 'Delete') }).click();
      await expect(expert.page.getByTestId('synonym-group').filter({ hasText: 'carrier' })).toHaveCount(0);
    });
  });
}
