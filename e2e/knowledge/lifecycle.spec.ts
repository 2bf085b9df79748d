import { expect, PHONE, test, type Person } from '../person.js';

/**
 * The knowledge lifecycle as people live it (issue 9 A3/A4/A11, B): an expert writes an answer,
 * to be pushed to the sales reps, and submits it; a second expert (here the admin, the other person who may validate) finds it with
 * Ctrl+K and validates it; the author publishes it; the author edits it — version 2 waits for
 * review while a rep, on a phone, told by the push, still reads version 1; the second expert validates version 2;
 * the history shows both versions and the diff. In French and in English, at 1366 and 375 px.
 */
const letters = (text: string) => text.replace(/\d/g, (digit) => 'abcdefghij'[Number(digit)]);

async function openFromPalette(who: Person, word: string, title: string) {
  await who.page.locator('body').click({ position: { x: 5, y: 5 } });
  await who.page.keyboard.press('ControlOrMeta+k');
  await who.type(
    who.page
      .getByRole('searchbox')
      .or(who.page.getByPlaceholder(who.t(/Rechercher/, /Search/)))
      .last(),
    word,
  );
  await who.page.getByText(title, { exact: true }).first().click();
  await expect(who.page.getByRole('heading', { name: title })).toBeVisible();
}

/** What the bell shows (the phone's way to its notifications), once the push has been delivered. */
async function bellShows(who: Person, title: string) {
  await expect(async () => {
    await who.page.reload();
    await who.page.getByRole('button', { name: /^Notifications/ }).click();
    await expect(who.page.getByText(title, { exact: true }).first()).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 45_000 });
}

for (const lang of ['fr', 'en'] as const) {
  test.describe(`knowledge lifecycle (${lang})`, () => {
    test.use({ lang, actionTimeout: 15_000 });

    test('write, submit, second expert validates, publish; an edit waits for review while readers keep version 1; history and diff', async ({
      person,
    }) => {
      test.setTimeout(240_000);
      const stamp = letters(Date.now().toString(36));
      const expert = await person('expert');
      const t = expert.t.bind(expert);
      const title = t(`Remise maximale sur les fours ${stamp}`, `Maximum discount on ovens ${stamp}`);
      const first = t(
        'Remise maximale 30 %, avec l’accord du manager.',
        'Maximum discount 30 %, with the manager’s approval.',
      );
      const added = t(
        'Au-delà de 40 %, le directeur régional décide.',
        'Above 40 %, the regional director decides.',
      );

      // The expert writes the answer.
      await expert.signIn('expert@relais.demo');
      await expert.nav(t('Base de connaissances', 'Knowledge base'));
      await expert.page.getByRole('button', { name: t('Nouvelle fiche', 'New item') }).click();
      const editor = expert.page.getByRole('dialog', { name: t('Nouvelle fiche', 'New item') });
      await expert.type(editor.getByRole('textbox', { name: t('Titre', 'Title') }), title);
      await expert.type(
        editor.getByRole('textbox', { name: t('Problème', 'Problem') }),
        t(
          'Le client demande une remise sur un four mixte.',
          'The client asks for a discount on a combi oven.',
        ),
      );
      await expert.type(
        editor.getByRole('textbox', { name: t('Contenu (Markdown)', 'Content (Markdown)') }),
        first,
      );
      await expert.type(
        editor.getByRole('textbox', { name: t('Mots-clés', 'Tags') }),
        t('remise, four', 'discount, oven'),
      );
      // Delivered (push) to the sales reps on publication (PUSH-1).
      await editor.getByRole('combobox', { name: t('Mode de diffusion', 'Delivery mode') }).click();
      await expert.page.getByRole('option', { name: t('Diffusé (push)', 'Delivered (push)') }).click();
      const push = editor.getByTestId('knowledge-push-fields');
      await push.getByRole('combobox', { name: t('Rôles', 'Roles') }).click();
      await expert.page.getByRole('option', { name: t('Commerciaux', 'Sales reps') }).click();
      await expert.page.keyboard.press('Escape'); // closes the list, not the dialog
      await expect(editor).toBeVisible();
      await expert.shot('editor');
      await editor.getByRole('button', { name: t('Enregistrer', 'Save') }).click();
      await expect(expert.page.getByRole('heading', { name: title })).toBeVisible();

      // Submitted: the author may not validate their own text alone.
      await expert.page
        .getByRole('button', { name: t('Soumettre à relecture', 'Submit for review') })
        .click();
      await expect(
        expert.page.getByText(
          t(
            'Vous avez écrit cette modification : un autre expert la valide.',
            'You wrote this change: another expert validates it.',
          ),
        ),
      ).toBeVisible();
      await expect(
        expert.page.getByRole('button', { name: t('Valider', 'Validate'), exact: true }),
      ).toHaveCount(0);
      await expert.shot('submitted');

      // The second expert finds it with Ctrl+K and validates it.
      const second = await person('second-expert');
      await second.signIn('admin@relais.demo');
      await openFromPalette(second, stamp, title);
      await second.page.getByRole('button', { name: t('Valider', 'Validate'), exact: true }).click();
      await expect(second.page.getByText(t('Validé', 'Validated'), { exact: true })).toBeVisible();
      await second.shot('validated');

      // The author publishes it.
      await expert.page.reload();
      await expert.page.getByRole('button', { name: t('Publier', 'Publish') }).click();
      await expect(expert.page.getByText(t('Publié', 'Published'), { exact: true })).toBeVisible();
      await expert.shot('published');

      // The author edits the published answer: version 2 waits for review.
      await expert.page.getByRole('button', { name: t('Modifier', 'Edit'), exact: true }).click();
      const edit = expert.page.getByRole('dialog', { name: t('Modifier la fiche', 'Edit the item') });
      const body = edit.getByRole('textbox', { name: t('Contenu (Markdown)', 'Content (Markdown)') });
      await body.click();
      await body.press('ControlOrMeta+End');
      await body.pressSequentially(`\n\n${added}`, { delay: 60 });
      await edit.getByRole('button', { name: t('Enregistrer', 'Save') }).click();
      await expect(edit).toBeHidden();
      const revision = expert.page.getByTestId('knowledge-revision');
      await expect(revision).toContainText(t('Version 2 en relecture', 'Version 2 in review'));
      await expect(revision).toContainText(added);
      await expert.shot('version-2-in-review', { fullPage: true });

      // A rep, on a phone, was pushed the answer when it was published; it still reads version 1.
      const reader = await person('reader', { viewport: PHONE });
      await reader.signIn('rep3@relais.demo');
      await bellShows(reader, title);
      await reader.shot('reader-pushed');
      await reader.page.getByText(title, { exact: true }).first().click();
      await expect(reader.page.getByRole('heading', { name: title })).toBeVisible();
      await expect(reader.page.locator('main')).toContainText(first);
      await expect(reader.page.locator('main')).not.toContainText(added);
      await expect(reader.page.getByTestId('knowledge-revision')).toHaveCount(0);
      await reader.shot('reader-sees-version-1');

      // The second expert validates version 2.
      await second.page.reload();
      await second.page
        .getByTestId('knowledge-revision')
        .getByRole('button', { name: t('Valider la version 2', 'Validate version 2') })
        .click();
      await expect(second.page.getByTestId('knowledge-revision')).toHaveCount(0);
      await expect(second.page.locator('main')).toContainText(added);

      // History: version 2 is what readers see; compared with version 1.
      const versions = second.page.getByTestId('knowledge-versions');
      await expect(versions.getByRole('row').filter({ hasText: 'v2' })).toContainText(
        t('en vigueur', 'current'),
      );
      await versions
        .getByRole('row')
        .filter({ hasText: 'v1' })
        .getByRole('button', { name: t('Comparer', 'Compare') })
        .click();
      const diff = second.page.getByTestId('knowledge-diff');
      await expect(diff).toContainText(t('De la version 1 à la version 2', 'From version 1 to version 2'));
      await expect(diff).toContainText(added);
      await diff.scrollIntoViewIfNeeded();
      await second.shot('history-and-diff');

      // And the rep now reads version 2, of which they were told.
      await reader.page.reload();
      await expect(reader.page.locator('main')).toContainText(added);
      await reader.shot('reader-sees-version-2');
      await bellShows(reader, t(`Mise à jour : ${title}`, `Updated: ${title}`));
      await reader.shot('reader-told-of-version-2');
    });
  });
}
