import { request } from '@playwright/test';
import { expect, test } from '../person.js';

/** The demo's second expert (besides Estelle Vasseur), as a colleague would know them. */
async function secondExpert(baseURL: string): Promise<string> {
  const api = await request.newContext({ baseURL });
  await api.post('/api/v1/auth/login', { data: { email: 'admin@relais.demo', password: 'relais-demo' } });
  const experts = await (await api.get('/api/v1/admin/users?role=expert&active=true')).json();
  await api.dispose();
  const other = experts.items.find((user: any) => user.email !== 'expert@relais.demo');
  expect(other, 'a second expert in the demo company').toBeTruthy();
  return other.email;
}

/**
 * The expert's journey (issue 9 B; KB-2, KB-5, PUSH-2): writes an item and submits it; a second
 * expert validates it; the author publishes it, then edits it: version 2 waits for review while
 * readers keep version 1, the second expert validates it, and the author compares the versions.
 * Then the expert writes a blocking rule and a rep meets it in the new-offer form.
 */
test('the expert writes an item, a second expert validates it, version 2 and its diff, then a blocking rule stops a rep', async ({
  person,
  lang,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const expert = await person('expert');
  const t = expert.t.bind(expert);
  const { page } = expert;
  const stamp = Date.now().toString(36);
  const title = t(`Prêt d’un four de démonstration ${stamp}`, `Lending a demo oven ${stamp}`);
  const reviewerEmail = await secondExpert(baseURL!);

  // Writing the item.
  await expert.signIn('expert@relais.demo');
  await expert.nav(t('Base de connaissances', 'Knowledge base'));
  await page.getByRole('button', { name: t('Nouvelle fiche', 'New item') }).click();
  const editor = page.getByRole('dialog');
  await expert.type(editor.getByRole('textbox', { name: t('Titre', 'Title') }), title);
  await editor.getByRole('combobox', { name: 'Type' }).click();
  await page.getByRole('option', { name: t('Procédure', 'Procedure'), exact: true }).click();
  await expert.type(
    editor.getByRole('textbox', { name: t('Contenu (Markdown)', 'Content (Markdown)') }),
    t('1. Voir le stock.\n2. Prêt de **15 jours**.', '1. Check the stock.\n2. Lend **15 days**.'),
  );
  await expert.shot('item-editor');
  await editor.getByRole('button', { name: t('Enregistrer', 'Save') }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await page.getByRole('button', { name: t('Soumettre à relecture', 'Submit for review') }).click();
  await expect(page.getByText(t('En relecture', 'In review'), { exact: true }).first()).toBeVisible();
  await expect(
    page.getByText(t('un autre expert la valide', 'another expert validates it'), { exact: false }),
  ).toBeVisible();
  await expert.shot('item-submitted');
  const itemUrl = page.url();

  // A second expert finds it and validates it.
  const reviewer = await person('reviewer');
  await reviewer.signIn(reviewerEmail);
  await reviewer.nav(t('Base de connaissances', 'Knowledge base'));
  await reviewer.type(reviewer.page.getByRole('textbox', { name: t(/^Rechercher/, /^Search/) }), stamp);
  await reviewer.page.getByRole('link', { name: title }).first().click();
  await reviewer.page.getByRole('button', { name: t('Valider', 'Validate'), exact: true }).click();
  await expect(reviewer.page.getByText(t('Validé', 'Validated'), { exact: true }).first()).toBeVisible();
  await reviewer.shot('item-validated');

  // The author publishes it, then improves it: version 2 waits for review, readers keep version 1.
  await page.reload();
  await page.getByRole('button', { name: t('Publier', 'Publish') }).click();
  await expect(page.getByText(t('Publié', 'Published'), { exact: true }).first()).toBeVisible();
  await expert.shot('item-published');
  await page.getByRole('button', { name: t('Modifier', 'Edit'), exact: true }).click();
  const body = page
    .getByRole('dialog')
    .getByRole('textbox', { name: t('Contenu (Markdown)', 'Content (Markdown)') });
  await body.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(t('\n3. Bon signé.', '\n3. Form signed.'), { delay: 60 });
  await page
    .getByRole('dialog')
    .getByRole('button', { name: t('Enregistrer', 'Save') })
    .click();
  const revision = page.getByTestId('knowledge-revision');
  await expect(
    revision.getByRole('heading', { name: t('Version 2 en relecture', 'Version 2 in review') }),
  ).toBeVisible();
  await expect(page.getByText(t('Bon signé', 'Form signed')).first()).toBeVisible();
  await expert.shot('version-2-in-review');

  await reviewer.page.goto(itemUrl);
  await reviewer.page.getByRole('button', { name: t('Valider la version 2', 'Validate version 2') }).click();
  await expect(reviewer.page.getByTestId('knowledge-revision')).toHaveCount(0);

  // Version 2 is what readers see; the author compares it with version 1.
  await page.reload();
  const versions = page.getByTestId('knowledge-versions');
  await expect(versions.getByRole('row').filter({ hasText: 'v2' })).toContainText(
    t(/en vigueur|publiée/, /current|published/),
  );
  await versions
    .getByRole('row')
    .filter({ hasText: 'v1' })
    .getByRole('button', { name: t('Comparer', 'Compare') })
    .click();
  const diff = page.getByTestId('knowledge-diff');
  await expect(diff).toContainText(t('De la version 1 à la version 2', 'From version 1 to version 2'));
  await expect(diff).toContainText(t('Bon signé', 'Form signed'));
  await diff.scrollIntoViewIfNeeded();
  await expert.shot('version-2-diff');

  // A blocking rule: no free loan of equipment in an offer without the sales director.
  const ruleName = t(`Prêt gratuit ${stamp}`, `Free loan ${stamp}`);
  await expert.nav(t('Règles d’alerte', 'Alert rules'));
  await page
    .getByRole('button', { name: t('Nouvelle règle', 'New rule') })
    .or(page.getByRole('link', { name: t('Nouvelle règle', 'New rule') }))
    .first()
    .click();
  await expert.type(page.getByRole('textbox', { name: t('Nom', 'Name'), exact: true }), ruleName);
  await page.getByRole('combobox', { name: t('Quand quelqu’un va…', 'When someone is about to…') }).click();
  await page.getByRole('option', { name: t('Créer une offre', 'Create an offer'), exact: true }).click();
  await page.getByRole('combobox', { name: t('Gravité', 'Severity') }).click();
  await page.getByRole('option', { name: t('Bloquant', 'Blocking') }).click();
  await page.getByRole('button', { name: t('Ajouter une condition', 'Add a condition') }).click();
  const field = page.getByRole('combobox', { name: t('Champ', 'Field') }).last();
  await field.click();
  await page.getByRole('option', { name: t('Titre', 'Title'), exact: true }).click();
  await page
    .getByRole('combobox', { name: t('Opérateur', 'Operator') })
    .last()
    .click();
  await page.getByRole('option', { name: t('contient', 'contains'), exact: true }).click();
  await expert.type(page.getByRole('textbox', { name: t('Valeur', 'Value') }).last(), stamp);
  await expert.type(
    page.getByRole('textbox', { name: t('Message (français)', 'Message (French)') }),
    'Accord de la **direction** requis.',
  );
  await expert.type(
    page.getByRole('textbox', { name: t('Message (anglais)', 'Message (English)') }),
    'The **director** must approve.',
  );
  await expert.shot('rule-form', { fullPage: true });
  await page.getByRole('button', { name: t('Enregistrer', 'Save'), exact: true }).click();
  await expect(page.getByText(t('Règle enregistrée (version 1)', 'Rule saved (version 1)'))).toBeVisible();

  // A rep meets it in the new-offer form.
  const rep = await person('rep');
  await rep.signIn(lang === 'fr' ? 'rep@relais.demo' : 'rep2@relais.demo');
  await rep.nav(t('Offres', 'Offers'));
  await rep.page.getByRole('button', { name: t('Nouvelle offre', 'New offer') }).click();
  const form = rep.page.getByRole('dialog', { name: t('Nouvelle offre', 'New offer') });
  const account = form
    .getByRole('textbox', { name: new RegExp(`^${t('Compte', 'Account')}`) })
    .or(form.getByRole('combobox', { name: new RegExp(`^${t('Compte', 'Account')}`) }))
    .first();
  await rep.type(account, t('Boulangerie', 'Boulangerie'));
  await rep.page.getByRole('option').first().click();
  const offerTitle = t(`Prêt gratuit ${stamp}`, `Free loan ${stamp}`);
  await rep.type(form.getByRole('textbox', { name: new RegExp(`^${t('Intitulé', 'Title')}`) }), offerTitle);
  await form.getByRole('button', { name: t('Créer', 'Create') }).click();
  const alert = rep.page.getByRole('dialog', { name: t('Avant de continuer', 'Before you continue') });
  await expect(alert).toContainText(ruleName);
  await expect(alert).toContainText(t('Accord de la direction requis', 'The director must approve'));
  await rep.shot('rule-fires');
  await alert
    .getByRole('button', {
      name: t('J’ai lu et je prends en compte', 'I have read this and take it into account'),
    })
    .click();
  await alert.getByRole('button', { name: t('Continuer', 'Continue') }).click();
  await expect(rep.page.getByRole('heading', { name: offerTitle })).toBeVisible();
  await rep.shot('offer-created');
});
