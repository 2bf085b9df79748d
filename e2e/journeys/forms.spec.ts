import { request, type Locator } from '@playwright/test';
import { expect, PHONE, test } from '../person.js';

/**
 * Every form of the app is typed into by a person (issue 9 B): the forms the role journeys do not
 * reach — comment and suggested edit on a knowledge item, change plan and its actions, teams,
 * products, notification preferences — each in French and English, at the speed of a person.
 * The first-admin setup has its own spec (setup.spec.ts): it needs a server with no user.
 */

/** A published item of the demo expert, as a reader would find it; read through the API. */
async function publishedItemOfExpert(baseURL: string): Promise<{ id: string; title: string }> {
  const api = await request.newContext({ baseURL });
  await api.post('/api/v1/auth/login', { data: { email: 'expert@relais.demo', password: 'relais-demo' } });
  const me = await (await api.get('/api/v1/me')).json();
  const list = await (
    await api.get(`/api/v1/knowledge?status=published&owner=${me.user?.id ?? me.id}&limit=20`)
  ).json();
  await api.dispose();
  const item = list.items.find(
    (candidate: any) => candidate.visibility === 'public' && candidate.delivery !== 'push',
  );
  expect(item, 'a published item of the demo expert').toBeTruthy();
  return item;
}

/*
 * Debian's Chromium ships its form widgets in US English only (no chromium-l10n): whatever the
 * page's language, a date field reads mm/dd/yyyy and a time field hh:mm AM/PM. The person types
 * in the order the field shows, as anyone with this browser would.
 */

/** Types a date into a browser date field, from its first part. */
async function typeDate(field: Locator, isoDate: string) {
  const [year, month, day] = isoDate.split('-');
  await field.click({ position: { x: 14, y: 12 } });
  await field.pressSequentially(`${month}${day}${year}`, { delay: 60 });
}

/** Types a time into a browser time field, hours first, then AM or PM. */
async function typeTime(field: Locator, hhmm: string) {
  const [hours, minutes] = hhmm.split(':').map(Number);
  const twelve = String(hours % 12 || 12).padStart(2, '0');
  await field.click({ position: { x: 14, y: 12 } });
  await field.pressSequentially(`${twelve}${String(minutes).padStart(2, '0')}${hours < 12 ? 'A' : 'P'}`, {
    delay: 60,
  });
}

test('a rep comments on an item and suggests an edit; the owner sees both and declines the edit', async ({
  person,
  lang,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const item = await publishedItemOfExpert(baseURL!);
  const rep = await person('rep');
  const t = rep.t.bind(rep);
  const { page } = rep;
  const stamp = Date.now().toString(36);
  const comment = t(
    `Vu chez le client ${stamp} : ça marche, merci !`,
    `Seen at a client's ${stamp}: it works, thanks!`,
  );
  const added = t(`Précision ${stamp} : vérifier le modèle exact.`, `Note ${stamp}: check the exact model.`);

  await rep.signIn(lang === 'fr' ? 'rep@relais.demo' : 'rep2@relais.demo');
  await rep.nav(t('Base de connaissances', 'Knowledge base'));
  await rep.type(page.getByRole('textbox', { name: t(/^Rechercher/, /^Search/) }), item.title);
  await page.locator(`a[href="/knowledge/${item.id}"]`).first().click();
  await expect(page.getByRole('heading', { name: item.title })).toBeVisible();
  const itemUrl = page.url();

  // A comment.
  await rep.type(page.getByPlaceholder(t('Un commentaire, une précision…', 'A comment, a detail…')), comment);
  await rep.shot('comment-typed');
  await page.getByRole('button', { name: t('Commenter', 'Comment'), exact: true }).click();
  await expect(page.getByText(comment)).toBeVisible();

  // A suggested edit: a line added at the top of the text, with the reason.
  await page.getByRole('button', { name: t('Proposer une modification', 'Suggest an edit') }).click();
  const proposed = page.getByRole('textbox', {
    name: t('Texte proposé (Markdown)', 'Proposed text (Markdown)'),
  });
  await proposed.click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.type(`${added}\n\n`, { delay: 60 });
  await rep.type(
    page.getByRole('textbox', { name: t('Pourquoi ce changement ?', 'Why this change?') }),
    t('Les clients demandent souvent.', 'Clients often ask.'),
  );
  await rep.shot('suggestion-typed');
  await page.getByRole('button', { name: t('Envoyer la proposition', 'Send the suggestion') }).click();
  await expect(page.getByText(t('Proposition envoyée', 'Suggestion sent')).first()).toBeVisible();
  const suggestion = page.getByText(added);
  await expect(suggestion).toBeVisible();
  await expect(page.getByText(t(/^Modification proposée par /, /^Edit suggested by /)).first()).toBeVisible();
  // The rep may not decide on it: only the owner and the experts see Accept / Decline.
  await expect(page.getByRole('button', { name: t('Accepter', 'Accept'), exact: true })).toHaveCount(0);
  await rep.shot('suggestion-sent');

  // The owner reads the comment and the suggestion, and declines it.
  const owner = await person('owner');
  await owner.signIn('expert@relais.demo');
  await owner.page.goto(itemUrl);
  await expect(owner.page.getByText(comment)).toBeVisible();
  const card = owner.page
    .getByText(t(/^Modification proposée par /, /^Edit suggested by /))
    .locator('..')
    .filter({ hasText: added });
  await expect(card).toBeVisible();
  await owner.shot('owner-reads-suggestion');
  await card.getByRole('button', { name: t('Refuser', 'Decline') }).click();
  await expect(owner.page.getByText(added)).toHaveCount(0);
  await expect(owner.page.getByText(comment)).toBeVisible();
});

test('a manager creates a change plan and an action with a person in charge', async ({ person }) => {
  test.setTimeout(120_000);
  const manager = await person('manager');
  const t = manager.t.bind(manager);
  const { page } = manager;
  const stamp = Date.now().toString(36);
  const title = t(`Nouvelle gamme de fours ${stamp}`, `New oven range ${stamp}`);
  const means = t(
    `Présenter la gamme en réunion d’équipe ${stamp}`,
    `Present the range at the team meeting ${stamp}`,
  );

  await manager.signIn('manager@relais.demo');
  await manager.nav(t('Plans de changement', 'Change plans'));
  await page.getByRole('button', { name: t('Nouveau plan', 'New plan') }).click();
  const dialog = page.getByRole('dialog', { name: t('Nouveau plan', 'New plan') });
  await manager.type(dialog.getByRole('textbox', { name: t('Titre', 'Title') }), title);
  await manager.type(
    dialog.getByRole('textbox', { name: 'Description' }),
    t('Les commerciaux présentent la nouvelle gamme.', 'The reps present the new range.'),
  );
  await typeDate(dialog.getByLabel(t('Début', 'Start')), '2027-03-01');
  await typeDate(dialog.getByLabel(t('Fin', 'End')), '2027-04-28');
  await manager.shot('plan-form');
  await dialog.getByRole('button', { name: t('Créer', 'Create') }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();

  // An action, with Romain Lemoine in charge.
  await manager.type(page.getByRole('textbox', { name: t('Action / moyen', 'Action / means') }), means);
  await manager.type(
    page.getByRole('textbox', { name: t('Fonction', 'Purpose') }),
    t('Commerciaux', 'Sales reps'),
  );
  const owner = page.getByRole('combobox', { name: t('Responsable', 'In charge') });
  await manager.type(owner, 'Lemoine');
  await page.getByRole('option', { name: /^Romain Lemoine/ }).click();
  await typeDate(page.getByLabel(t('Échéance', 'Due')), '2027-03-15');
  await manager.shot('action-form');
  await page.getByRole('button', { name: t('Ajouter', 'Add'), exact: true }).click();
  const row = page.getByRole('row').filter({ hasText: means });
  await expect(row).toContainText('Romain Lemoine');
  await expect(row).toContainText(t(/15 mars 2027/, /15 Mar 2027|Mar 15, 2027/));
  await manager.shot('plan-with-action');
});

test('an admin on a phone adds a team under a region', async ({ person }) => {
  test.setTimeout(120_000);
  const admin = await person('admin', { viewport: PHONE });
  const t = admin.t.bind(admin);
  const { page } = admin;
  const stamp = Date.now().toString(36);
  const name = t(`Équipe Nice Côte d’Azur ${stamp}`, `Nice Riviera team ${stamp}`);

  await admin.signIn('admin@relais.demo');
  // On a phone the admin's navigation is longer than the screen and does not scroll down to
  // Teams (a known defect, reported): the admin opens the page by its address.
  await page.goto('/admin/teams');
  await page
    .getByRole('button', { name: t('Actions pour Région Sud-Est', 'Actions for Région Sud-Est') })
    .click();
  await page.getByRole('menuitem', { name: t('Ajouter une entité rattachée', 'Add a unit below') }).click();
  const dialog = page.getByRole('dialog', { name: t('Nouvelle entité', 'New unit') });
  await admin.type(dialog.getByRole('textbox', { name: t('Nom', 'Name') }), name);
  await expect(dialog.getByRole('combobox', { name: t('Rattachée à', 'Belongs to') })).toHaveValue(
    /Région Sud-Est$/,
  );
  await admin.type(dialog.getByRole('combobox', { name: 'Manager' }), 'Delaunay');
  await page.getByRole('option', { name: 'Marc Delaunay' }).click();
  await admin.shot('team-form');
  await dialog.getByRole('button', { name: t('Créer', 'Create') }).click();
  await expect(dialog).toBeHidden();
  const team = page.getByRole('treeitem').filter({ hasText: name }).first();
  await expect(team).toBeVisible();
  await expect(team).toContainText('Marc Delaunay');
  await admin.shot('team-created');
  // Seen after a reload too, under its region.
  await page.reload();
  await expect(page.getByText(name)).toBeVisible();
});

test('a manager adds a product and its page opens', async ({ person }) => {
  test.setTimeout(120_000);
  const manager = await person('manager');
  const t = manager.t.bind(manager);
  const { page } = manager;
  const stamp = Date.now().toString(36).toUpperCase();
  const name = t(`Cellule de refroidissement ${stamp}`, `Blast chiller ${stamp}`);

  await manager.signIn('manager@relais.demo');
  await manager.nav(t('Produits', 'Products'));
  await page.getByRole('button', { name: t('Nouveau produit', 'New product') }).click();
  const dialog = page.getByRole('dialog', { name: t('Nouveau produit', 'New product') });
  await manager.type(dialog.getByRole('textbox', { name: t('Référence', 'Reference') }), `CEL-${stamp}`);
  await manager.type(
    dialog.getByRole('textbox', { name: t('Catégorie', 'Category') }),
    t('Froid', 'Cooling'),
  );
  await manager.type(dialog.getByRole('textbox', { name: t('Nom', 'Name'), exact: true }), name);
  // Prices as each reader writes them: a decimal comma in French, a point in English.
  await manager.retype(
    dialog.getByRole('textbox', { name: t('Prix unitaire', 'Unit price') }),
    t('4890,50', '4890.50'),
  );
  await manager.retype(dialog.getByRole('textbox', { name: t('Remise', 'Discount') }), t('7,5', '7.5'));
  await manager.type(
    dialog.getByRole('textbox', { name: 'Description' }),
    t('Refroidit **40 kg** en 90 minutes.', 'Chills **40 kg** in 90 minutes.'),
  );
  await manager.shot('product-form');
  await dialog.getByRole('button', { name: t('Enregistrer', 'Save') }).click();
  await expect(page).toHaveURL(/\/products\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByText(t(/4\s890,50\s€/, /€4,890\.50/)).first()).toBeVisible();
  await expect(page.getByText(t(/7,5\s%/, /7\.5\s?%/)).first()).toBeVisible();
  await manager.shot('product-page');
});

test('a rep sets quiet hours and channels, and finds them kept after a reload', async ({ person }) => {
  test.setTimeout(120_000);
  const rep = await person('rep');
  const t = rep.t.bind(rep);
  const { page } = rep;
  await rep.signIn('rep3@relais.demo');
  const before = await page.evaluate(async () => (await fetch('/api/v1/notifications/preferences')).json());
  try {
    await rep.nav('Notifications');
    await page.getByRole('tab', { name: t('Préférences', 'Preferences') }).click();
    const broadcasts = page.getByRole('row').filter({ hasText: t('Annonce', 'Broadcast') });
    await broadcasts.getByRole('combobox').click();
    await page.getByRole('option', { name: t('Résumé quotidien', 'Daily digest') }).click();
    const reminders = page.getByRole('row').filter({ hasText: t('Rappel', 'Reminder') });
    const device = reminders.getByRole('switch');
    const wasOn = await device.isChecked();
    await device.click({ force: true });
    const quiet = page.getByRole('switch', { name: t(/^Heures calmes/, /^Quiet hours/) });
    if (await quiet.isChecked()) await quiet.click({ force: true });
    await quiet.click({ force: true });
    await typeTime(page.getByLabel(t('De', 'From'), { exact: true }), '21:30');
    await typeTime(page.getByLabel(t('À', 'To'), { exact: true }), '06:45');
    await rep.retype(page.getByRole('textbox', { name: t('Fuseau horaire', 'Time zone') }), 'Europe/Paris');
    await rep.shot('preferences-typed');
    await page.getByRole('button', { name: t('Enregistrer', 'Save'), exact: true }).click();
    await expect(page.getByText(t('Préférences enregistrées', 'Preferences saved'))).toBeVisible();

    await page.reload();
    await page.getByRole('tab', { name: t('Préférences', 'Preferences') }).click();
    await expect(broadcasts.getByRole('combobox')).toHaveValue(t('Résumé quotidien', 'Daily digest'));
    await expect(reminders.getByRole('switch')).toBeChecked({ checked: !wasOn });
    await expect(page.getByLabel(t('De', 'From'), { exact: true })).toHaveValue('21:30');
    await expect(page.getByLabel(t('À', 'To'), { exact: true })).toHaveValue('06:45');
    await expect(page.getByRole('textbox', { name: t('Fuseau horaire', 'Time zone') })).toHaveValue(
      'Europe/Paris',
    );
    await rep.shot('preferences-kept');
  } finally {
    // Leave the demo as found for the other journeys.
    await page.evaluate(async (preferences) => {
      const csrf = document.cookie.match(/relais_csrf=([^;]+)/)?.[1];
      await fetch('/api/v1/notifications/preferences', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
        body: JSON.stringify(preferences),
      });
    }, before);
  }
});
