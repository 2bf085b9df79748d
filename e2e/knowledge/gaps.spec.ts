import { DESKTOP, expect, PHONE, test, type Person } from '../person.js';

/**
 * Knowledge gaps (KB-8) as people live them: a rep searches the base for something it does not
 * answer and opens nothing; the expert finds the question on the "Lacunes" page (grouped, with
 * counts, never who asked; a word found nowhere they may read is masked), clicks "Écrire la réponse", writes it and submits it; the second
 * expert (the admin) validates it from the same page; the expert publishes it; the rep is told
 * that their question has an answer. In French at 1366 px and in English at 375 px.
 */
const letters = (text: string) => text.replace(/\d/g, (digit) => 'abcdefghij'[Number(digit)]);

/** What the bell shows, once the notice has been delivered. */
async function bellShows(who: Person, title: string) {
  await expect(async () => {
    await who.page.reload();
    await who.page.getByRole('button', { name: /^Notifications/ }).click();
    await expect(who.page.getByText(title, { exact: true }).first()).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 45_000 });
}

/** The gap of this question on the experts' page. */
async function openGap(who: Person, question: string) {
  await who.nav(who.t('Lacunes', 'Knowledge gaps'));
  await expect(
    who.page.getByRole('heading', { name: who.t('Lacunes de la base', 'Knowledge gaps') }),
  ).toBeVisible();
  const gap = who.page.getByTestId('knowledge-gap').filter({ hasText: question }).first();
  await expect(gap).toBeVisible();
  return gap;
}

for (const [lang, viewport] of [
  ['fr', DESKTOP],
  ['en', PHONE],
] as const) {
  test.describe(`knowledge gaps (${lang})`, () => {
    test.use({ lang, actionTimeout: 15_000 });

    test('a question without answer reaches the experts, who write the answer; the rep is told', async ({
      person,
    }) => {
      test.setTimeout(240_000);
      const stamp = letters(Date.now().toString(36));
      // Words of the base, and one nobody wrote yet (the stamp): the experts see it masked.
      const asked = lang === 'fr' ? 'Livraison du four en garantie' : 'Delivery of the oven';
      const question = `${asked} ${stamp}`;
      const shown = `${asked} •••`;

      // The rep searches and finds no answer (opens nothing).
      const rep = await person('rep', { viewport });
      const t = rep.t.bind(rep);
      await rep.signIn('rep@relais.demo');
      await rep.nav(t('Base de connaissances', 'Knowledge base'));
      await rep.type(rep.page.getByPlaceholder(t(/^Rechercher/, /^Search/)), question);
      await expect(rep.page.getByText(t(/^\d+ résultats?$/, /^\d+ results?$/))).toBeVisible();
      await rep.shot('rep-searched');

      // The expert sees the question on the gaps page: counted, never who asked.
      const expert = await person('expert', { viewport });
      await expert.signIn('expert@relais.demo');
      const gap = await openGap(expert, shown);
      await expect(gap).toContainText(t('1 personne', '1 person'));
      await expect(gap).not.toContainText('Romain');
      await expect(gap).not.toContainText(stamp);
      await expert.shot('gaps-page');

      // "Write the answer": a draft whose problem lists the question.
      await gap.getByRole('button', { name: t('Écrire la réponse', 'Write the answer') }).click();
      await expect(expert.page.getByRole('heading', { name: shown })).toBeVisible();
      await expect(expert.page.locator('main')).toContainText(shown);
      await expert.page.getByRole('button', { name: t('Modifier', 'Edit'), exact: true }).click();
      const edit = expert.page.getByRole('dialog', { name: t('Modifier la fiche', 'Edit the item') });
      const body = edit.getByRole('textbox', { name: t('Contenu (Markdown)', 'Content (Markdown)') });
      await body.click();
      await body.pressSequentially(
        t(
          'Le compresseur est garanti trois ans, pièces et main-d’œuvre.',
          'The compressor is under warranty for three years, parts and labour.',
        ),
        { delay: 60 },
      );
      await expert.shot('writing-the-answer');
      await edit.getByRole('button', { name: t('Enregistrer', 'Save') }).click();
      await expect(edit).toBeHidden();
      await expert.page
        .getByRole('button', { name: t('Soumettre à relecture', 'Submit for review') })
        .click();
      await expect(
        expert.page.getByText(t('En relecture', 'In review'), { exact: true }).first(),
      ).toBeVisible();

      // The second expert opens it from the gaps page and validates it.
      const second = await person('second-expert', { viewport });
      await second.signIn('admin@relais.demo');
      const pending = await openGap(second, shown);
      await pending.getByRole('link', { name: t('Continuer la réponse', 'Continue the answer') }).click();
      await second.page.getByRole('button', { name: t('Valider', 'Validate'), exact: true }).click();
      await expect(second.page.getByText(t('Validé', 'Validated'), { exact: true })).toBeVisible();

      // The expert publishes it.
      await expert.page.reload();
      await expert.page.getByRole('button', { name: t('Publier', 'Publish') }).click();
      await expect(expert.page.getByText(t('Publié', 'Published'), { exact: true })).toBeVisible();
      await expert.shot('published');

      // The rep is told their question has an answer, and opens it.
      const notice = t(`Votre question a une réponse : ${shown}`, `Your question has an answer: ${shown}`);
      await bellShows(rep, notice);
      await rep.shot('rep-told');
      await rep.page.getByText(notice, { exact: true }).first().click();
      await expect(rep.page.getByRole('heading', { name: shown })).toBeVisible();

      // Answered: the question left the gaps page.
      await expert.nav(t('Lacunes', 'Knowledge gaps'));
      await expect(
        expert.page.getByRole('heading', { name: t('Lacunes de la base', 'Knowledge gaps') }),
      ).toBeVisible();
      await expect(expert.page.getByTestId('knowledge-gap').filter({ hasText: shown })).toHaveCount(0);
    });
  });
}
