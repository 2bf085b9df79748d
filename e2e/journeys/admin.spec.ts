import { expect, test } from '../person.js';

/**
 * The admin's journey (issue 9 B): invites a colleague, who gets the link by mail (kept in the
 * outbox while no mail server is set), opens it in their own browser, chooses a password and
 * signs in with it; the admin then changes the colleague's role and reads the audit log, which
 * speaks in names and labels — never UUIDs or technical codes.
 */
test('the admin invites a colleague who joins, changes their role and reads the audit log', async ({
  person,
  lang,
}) => {
  test.setTimeout(150_000);
  const admin = await person('admin');
  const t = admin.t.bind(admin);
  const stamp = Date.now().toString(36);
  const email = `camille.${lang}.${stamp}@relais.demo`;
  const [firstName, lastName] = [t('Camille', 'Jamie'), t(`Fournier ${stamp}`, `Wilson ${stamp}`)];
  const fullName = `${firstName} ${lastName}`;
  const password = 'un-mot-de-passe-solide-42';

  await admin.signIn('admin@relais.demo');
  await admin.nav(t('Utilisateurs', 'Users'));
  await admin.page.getByRole('button', { name: t('Inviter', 'Invite'), exact: true }).click();
  const invite = admin.page.getByRole('dialog', { name: t('Inviter une personne', 'Invite someone') });
  await admin.type(invite.getByRole('textbox', { name: 'E-mail' }), email);
  await admin.type(invite.getByRole('textbox', { name: t('Prénom', 'First name') }), firstName);
  await admin.type(invite.getByRole('textbox', { name: t('Nom', 'Last name'), exact: true }), lastName);
  await admin.type(invite.getByRole('combobox', { name: t('Équipe', 'Team') }), 'Nantes');
  await admin.page.getByRole('option', { name: 'Équipe Nantes Atlantique' }).click();
  await admin.shot('invite-form');
  await invite.getByRole('button', { name: t('Créer l’invitation', 'Create invitation') }).click();
  await expect(
    invite.getByText(t(`Invitation créée pour ${email}.`, `Invitation created for ${email}.`)),
  ).toBeVisible();
  await admin.shot('invite-created');
  await invite.getByRole('button', { name: t('Terminé', 'Done') }).click();
  await expect(invite).toBeHidden();

  // The invitation reaches the colleague by mail: without a mail server it waits in the outbox.
  await admin.nav(t('Messagerie', 'Mail'));
  const mailRow = admin.page.getByRole('row').filter({ hasText: email });
  const mail = admin.page.getByRole('dialog');
  // The list may still be refreshing under the first click: a person clicks again.
  await expect(async () => {
    if (!(await mail.isVisible())) await mailRow.getByRole('button').click();
    await expect(mail.getByRole('tab', { name: t('Texte', 'Text') })).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  await mail.getByRole('tab', { name: t('Texte', 'Text') }).click();
  await expect(mail.getByText(/\/invite\//)).toBeVisible();
  await admin.shot('invite-mail');
  const link = /https?:\/\/\S+\/invite\/[\w-]+/.exec((await mail.getByText(/\/invite\//).textContent())!)![0];
  await mail.getByRole('button', { name: t('Fermer', 'Close') }).click();
  await expect(mail).toBeHidden();

  // The colleague, in their own browser, opens the link and chooses a password.
  const colleague = await person('colleague');
  await colleague.page.goto(link);
  await colleague.chooseLanguageOnLogin();
  await expect(
    colleague.page.getByRole('heading', { name: t(`Bienvenue, ${firstName} !`, `Welcome, ${firstName}!`) }),
  ).toBeVisible();
  await colleague.type(
    colleague.page.getByRole('textbox', { name: t('Nouveau mot de passe', 'New password'), exact: true }),
    password,
  );
  await colleague.type(
    colleague.page.getByRole('textbox', {
      name: t('Confirmer le mot de passe', 'Confirm password'),
      exact: true,
    }),
    password,
  );
  await expect(
    colleague.page
      .getByRole('button', { name: t('Afficher ou masquer la saisie', 'Show or hide what is typed') })
      .first(),
  ).toBeVisible();
  await colleague.shot('invite-accept');
  await colleague.page.getByRole('button', { name: t('Activer mon compte', 'Activate my account') }).click();
  await expect(colleague.page).toHaveURL(/\/dashboard/);
  await colleague.shot('colleague-first-page');
  // Signed out, the password they chose lets them back in.
  await colleague.page.getByRole('button', { name: t('Menu utilisateur', 'User menu') }).click();
  await colleague.page.getByRole('menuitem', { name: t('Se déconnecter', 'Sign out') }).click();
  await expect(colleague.page).toHaveURL(/\/login/);
  await colleague.signIn(email, password);
  await expect(
    colleague.page.getByRole('button', { name: t('Menu utilisateur', 'User menu') }),
  ).toContainText(firstName);

  // The admin makes the new colleague an expert.
  await admin.nav(t('Utilisateurs', 'Users'));
  await admin.type(admin.page.getByRole('textbox', { name: t('Nom ou e-mail…', 'Name or e-mail…') }), stamp);
  const row = admin.page.getByRole('row').filter({ hasText: email });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: t(`Actions pour ${fullName}`, `Actions for ${fullName}`) }).click();
  await admin.page
    .getByRole('menuitem', { name: t('Modifier rôle et équipe', 'Change role and team') })
    .click();
  const edit = admin.page.getByRole('dialog', { name: t('Modifier l’utilisateur', 'Edit user') });
  await edit.getByRole('combobox', { name: t('Rôle', 'Role') }).click();
  await admin.page.getByRole('option', { name: 'Expert' }).click();
  await admin.shot('change-role');
  await edit.getByRole('button', { name: t('Enregistrer', 'Save') }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText('Expert');
  await admin.shot('role-changed');

  // The audit log tells who did what to whom, in words.
  await admin.nav(t('Journal d’audit', 'Audit log'));
  await expect(admin.page.getByRole('heading', { name: t('Journal d’audit', 'Audit log') })).toBeVisible();
  const log = admin.page.getByRole('table');
  // The role change, in words: who, to whom, from which role to which.
  const changed = log
    .getByRole('row')
    .filter({ hasText: t('Rôle changé', 'Role changed') })
    .filter({ hasText: fullName })
    .first();
  await expect(changed).toContainText(t('Commercial → Expert', 'Sales rep → Expert'));
  await expect(
    log.getByRole('row').filter({ hasText: 'Invitation' }).filter({ hasText: fullName }).first(),
  ).toBeVisible();
  await admin.shot('audit-log');
  const text = (await log.textContent())!.replace(/\S+@\S+/g, ''); // e-mail addresses have dots too
  expect(text, 'no UUID in the audit log').not.toMatch(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
  );
  expect(text, 'no technical action code in the audit log').not.toMatch(/\b[a-z]+\.[a-z_]+\b/);
});
