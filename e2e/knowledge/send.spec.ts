import { expect, test, type Person } from '../person.js';

/**
 * Issue 9.A17, send to client as a rep does it: one recipient picker (typing a name), an editable
 * subject, the message, a preview of the mail that will leave, and a warning before sending a
 * draft or a stale item. Typed at human speed, in French and English, at 1366 and 375 px.
 */
async function api(person: Person, method: 'POST' | 'GET' | 'PATCH', path: string, data?: unknown) {
  const csrf = (await person.context.cookies()).find((c) => c.name === 'relais_csrf')?.value ?? '';
  const response = await person.page.request.fetch(`/api/v1${path}`, {
    method,
    data,
    headers: { 'x-csrf-token': csrf },
  });
  expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

for (const lang of ['fr', 'en'] as const) {
  test.describe(`send to client (${lang})`, () => {
    test.use({ lang });

    test(`a rep previews, retitles and sends a draft sheet after its warning (${lang})`, async ({
      person,
    }) => {
      test.setTimeout(120_000);
      const rep = await person('rep');
      await rep.signIn('rep@relais.demo');
      const tag = `${lang}${Date.now().toString(36).slice(-4)}`;
      const account = await api(rep, 'POST', '/accounts', {
        name: `Brasserie Envoi ${tag}`,
        visibility: 'public',
      });
      const lastName = `Vernier${tag}`;
      const address = `helene.${tag}@brasserie-envoi.fr`;
      await api(rep, 'POST', '/contacts', {
        firstName: 'Hélène',
        lastName,
        emails: [{ address }],
        emailConsent: true,
        consentSource: 'Salon',
        accounts: [{ accountId: account.id }],
        visibility: 'public',
      });
      const item = await api(rep, 'POST', '/knowledge', {
        type: 'product_sheet',
        title: `Fiche four mixte ${tag}`,
        body: 'Le four mixte **FM-10** cuit et rôtit.',
      });

      await rep.page.goto(`/knowledge/${item.id}`);
      await rep.page.getByRole('button', { name: rep.t('Envoyer au client', 'Send to client') }).click();
      const dialog = rep.page.getByRole('dialog');
      // A draft: the dialog says so before anything is chosen.
      await expect(dialog.getByTestId('send-warning-draft')).toBeVisible();
      await expect(dialog.getByTestId('send-preview')).toContainText(
        rep.t('choisissez un destinataire', 'choose a recipient'),
      );

      // One picker: type the name, pick the contact shown with its address.
      await rep.type(
        dialog.getByRole('combobox', { name: rep.t('Destinataire', 'Recipient') }),
        lastName.slice(0, 9),
      );
      await rep.page
        .getByRole('option', { name: new RegExp(`Hélène ${lastName} — ${address.replace(/\./g, '\\.')}`) })
        .click();
      await expect(dialog.getByTestId('send-preview')).toContainText(address);

      await rep.retype(
        dialog.getByRole('textbox', { name: rep.t('Objet', 'Subject') }),
        rep.t('Votre fiche four', 'Your oven sheet'),
      );
      await rep.retype(
        dialog.getByRole('textbox', { name: 'Message' }),
        rep.t('Bonjour Hélène,\n\nVoici la fiche promise.', 'Hello Hélène,\n\nHere is the sheet.'),
      );
      const preview = dialog.getByTestId('send-preview');
      await expect(preview).toContainText(rep.t('Objet : Votre fiche four', 'Subject: Your oven sheet'));
      await expect(preview).toContainText(rep.t('Voici la fiche promise.', 'Here is the sheet.'));
      await expect(preview).toContainText(`Fiche four mixte ${tag}`);
      await rep.shot('send-dialog');

      await dialog.getByRole('button', { name: rep.t('Envoyer quand même', 'Send anyway') }).click();
      await expect(rep.page.getByText(rep.t(`Envoyé à ${address}`, `Sent to ${address}`))).toBeVisible();
      await expect(dialog).toBeHidden();
      const sends = await api(rep, 'GET', `/knowledge/sends?itemId=${item.id}`);
      expect(sends.items).toEqual([
        expect.objectContaining({ to: address, subject: rep.t('Votre fiche four', 'Your oven sheet') }),
      ]);
    });
  });
}
