import { expect, PHONE, test, DESKTOP } from '../person.js';

/**
 * The rep's journey (issue 9 B; CRM-7, CRM-9, KB-3, KB-6): from `/`, the agenda shows tomorrow's
 * visit; the brief prepares it and prints; on a phone, quick capture logs that very visit (it
 * becomes done, no second visit appears) and creates the follow-up task from its next steps;
 * back at the desk, a search with a typo still finds the answer, and a product sheet goes to
 * a contact of that client. French: Romain Lemoine; English: Rachida Benali (each has a visit
 * planned tomorrow in the demo, and each run completes its own).
 */
test("the rep prepares tomorrow's visit, logs it on a phone, finds an answer despite a typo and sends a product sheet", async ({
  person,
  lang,
}) => {
  test.setTimeout(180_000);
  const rep = await person('rep');
  const t = rep.t.bind(rep);
  const { page } = rep;
  await page.addInitScript(() => {
    (window as any).__printed = 0;
    window.print = () => {
      (window as any).__printed += 1;
    };
  });
  await rep.signIn(lang === 'fr' ? 'rep@relais.demo' : 'rep2@relais.demo');

  // The agenda: today, tomorrow and the week; tomorrow holds a planned visit.
  await rep.nav('Agenda');
  const tomorrow = page.getByRole('region', { name: t(/^Demain/, /^Tomorrow/) });
  const visit = tomorrow.getByTestId('agenda-visit').first();
  await expect(visit).toBeVisible();
  const accountName = (await visit.getByRole('link').first().textContent())!.trim();
  await rep.shot('agenda');

  // The brief of that client, then its print version.
  await visit.getByRole('link', { name: t('Préparer ma visite', 'Prepare my visit') }).click();
  await expect(page.getByRole('heading', { level: 2, name: accountName })).toBeVisible();
  await expect(
    page.getByRole('region', { name: t('À lire avant la visite', 'To read before the visit') }),
  ).toBeVisible();
  await expect(
    page.getByRole('region', {
      name: t('Collègues qui connaissent ce client', 'Colleagues who know this client'),
    }),
  ).toBeVisible();
  await rep.shot('brief', { fullPage: true });
  await page.getByRole('link', { name: t('Imprimer', 'Print') }).click();
  await expect(page).toHaveURL(/\/brief\/print$/);
  await expect(page.getByRole('heading', { level: 2, name: accountName })).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as any).__printed)).toBe(1);
  const back = page.getByRole('link', { name: t('Retour à la fiche', 'Back to the brief') });
  await page.emulateMedia({ media: 'print' });
  await expect(back).toBeHidden();
  await rep.shot('print', { fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await back.click();
  await expect(page.getByRole('heading', { level: 2, name: accountName })).toBeVisible();

  // At the client's, on the phone: quick capture on the planned visit.
  await page.setViewportSize(PHONE);
  const before = await page.evaluate(async (name) => {
    const accounts = await (await fetch(`/api/v1/accounts?q=${encodeURIComponent(name)}&limit=5`)).json();
    const account = accounts.items.find((a: any) => a.name === name);
    const visits = await (
      await fetch(`/api/v1/activities?accountId=${account.id}&kind=visit&limit=1`)
    ).json();
    return { accountId: account.id as string, total: visits.total as number };
  }, accountName);
  await rep.nav('Agenda');
  const phoneVisit = page
    .getByRole('region', { name: t(/^Demain/, /^Tomorrow/) })
    .getByTestId('agenda-visit')
    .first();
  await phoneVisit.getByRole('link', { name: t('Saisir le compte rendu', 'Write the report') }).click();
  await expect(page.getByText(t(/prévue le/, /planned for/))).toBeVisible();
  const next = t('Envoyer le devis révisé', 'Send the revised quote');
  await rep.type(
    page.getByLabel(t('Résultat', 'Outcome')),
    t('Le chef valide le four mixte 10 niveaux', 'The chef approves the 10-level combi oven'),
  );
  await rep.type(page.getByLabel(t('Prochaines étapes', 'Next steps')), next);
  await page.getByLabel(t('Créer la tâche de suivi', 'Create the follow-up task')).check();
  await rep.shot('quick-capture');
  await page.getByRole('button', { name: t('Enregistrer le compte rendu', 'Save the report') }).click();
  await expect(page.getByText(t('Tâche de suivi créée', 'Follow-up task created')).first()).toBeVisible();
  await expect(page).toHaveURL(/\/activities\/[0-9a-f-]{36}$/);
  await expect(page.getByText(t('Faite', 'Done'), { exact: true }).first()).toBeVisible();
  await expect(
    page.getByRole('link', { name: t('Voir la tâche de suivi', 'Open the follow-up task') }),
  ).toBeVisible();
  await rep.shot('visit-logged');

  // The planned visit itself is done — no second visit — and the task waits in the agenda.
  const after = await page.evaluate(async ({ accountId }) => {
    const visits = await (await fetch(`/api/v1/activities?accountId=${accountId}&kind=visit&limit=1`)).json();
    const tasks = await (
      await fetch(`/api/v1/activities?accountId=${accountId}&kind=task&open=true&limit=50`)
    ).json();
    return { total: visits.total as number, tasks: tasks.items.map((task: any) => task.subject) as string[] };
  }, before);
  expect(after.total).toBe(before.total);
  expect(after.tasks).toContain(next);
  await rep.nav('Agenda');
  const loggedVisit = page
    .getByRole('region', { name: t(/^Demain/, /^Tomorrow/) })
    .getByTestId('agenda-visit')
    .first();
  await expect(loggedVisit.getByText(t('Faite', 'Done'), { exact: true })).toBeVisible();
  await expect(
    loggedVisit.getByRole('link', { name: t('Saisir le compte rendu', 'Write the report') }),
  ).toHaveCount(0);
  await expect(page.getByRole('link', { name: new RegExp(`^${next}`) })).toBeVisible();
  await rep.shot('agenda-after');

  // Back at the desk: a question typed with a slip of the finger still finds the answer.
  await page.setViewportSize(DESKTOP);
  await rep.nav(t('Base de connaissances', 'Knowledge base'));
  const search = page.getByRole('textbox', { name: t(/^Rechercher/, /^Search/) });
  await rep.type(search, t('retard de livraision four mixte', 'delivry delay combi oven'));
  const answer = page.getByRole('link', {
    name: t('Retard de livraison d’un four mixte', 'Delivery delay on a combi oven (export client)'),
  });
  await expect(answer.first()).toBeVisible();
  await rep.shot('search-typo');
  await answer.first().click();
  await expect(
    page.getByRole('heading', {
      name: t('Retard de livraison d’un four mixte', 'Delivery delay on a combi oven (export client)'),
    }),
  ).toBeVisible();
  await rep.shot('answer');

  // A product sheet for the client's contact.
  const contact = await page.evaluate(async (accountId) => {
    // Someone at that client who agreed to receive e-mails, else any such contact of the rep.
    const pick = async (query: string) =>
      (await (await fetch(`/api/v1/contacts?consent=true&limit=50${query}`)).json()).items.find(
        (c: any) => c.emails.length > 0,
      );
    const chosen = (await pick(`&accountId=${accountId}`)) ?? (await pick(''));
    return chosen ? { name: chosen.displayName as string, lastName: chosen.lastName as string } : null;
  }, before.accountId);
  expect(contact, `a contact with an e-mail at ${accountName}`).not.toBeNull();
  await rep.nav(t('Base de connaissances', 'Knowledge base'));
  await rep.type(search, t('fiche produit chambre froide', 'fiche produit chambre froide'));
  await page.getByRole('link', { name: 'Fiche produit : chambre froide modulaire CF-20' }).first().click();
  await page.getByRole('button', { name: t('Envoyer au client', 'Send to client') }).click();
  const dialog = page.getByRole('dialog', { name: t('Envoyer au client', 'Send to client') });
  // One picker: typing the name finds the contact; the preview shows the mail as it will leave.
  await rep.type(dialog.getByRole('combobox', { name: t('Destinataire', 'Recipient') }), contact!.lastName);
  await page
    .getByRole('option', { name: new RegExp(contact!.name) })
    .first()
    .click();
  await expect(dialog.getByText(t(/^À : /, /^To: /))).toContainText('@');
  await expect(dialog.getByRole('textbox', { name: t('Objet', 'Subject') })).not.toHaveValue('');
  await rep.shot('send-sheet');
  await dialog.getByRole('button', { name: t('Envoyer', 'Send'), exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(t(/^Envoyé à /, /^Sent to /)).first()).toBeVisible();
  await rep.shot('sheet-sent');
});
