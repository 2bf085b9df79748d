import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { PHONE, TYPING, signIn, shoot } from '../helpers.js';
import { watch } from '../push/person.js';

/**
 * An admin registers a webhook as a person does (typing at human speed), keeps the secret shown
 * once, sends a test and reads the log; the receiver on this machine verifies the signature.
 */
let receiver: Server;
let port = 0;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];

test.beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});
test.afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

const LAPTOP = { width: 1366, height: 768 };
const cases = [
  { viewport: LAPTOP, lang: 'fr' as const },
  { viewport: PHONE, lang: 'en' as const },
];

for (const { viewport, lang } of cases) {
  test(`an admin registers a webhook, keeps its secret, sends a test and reads the log (${viewport.width} px, ${lang})`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const fr = lang === 'fr';
    await page.setViewportSize(viewport);
    await signIn(page, 'admin@relais.demo');
    const problems = watch(page);
    // The language is saved on the server: the English case switches admin@ back at the end.
    if (!fr) await chooseLanguage(page, /English/);
    if (viewport.width >= 768) {
      const nav = page.getByRole('navigation').last();
      await nav.getByRole('link', { name: 'Webhooks' }).click();
    } else await page.goto('/admin/webhooks');
    await expect(page.getByRole('heading', { name: 'Webhooks' })).toBeVisible();

    await page
      .getByRole('button', { name: fr ? 'Nouveau webhook' : 'New webhook' })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    const url = `http://localhost:${port}/relais/${lang}`;
    await dialog
      .getByLabel(fr ? 'Adresse de réception (https://…)' : 'Receiving address (https://…)')
      .pressSequentially(url, TYPING);
    await dialog.getByLabel('Description').pressSequentially(fr ? 'ERP du siège' : 'Head office ERP', TYPING);
    await dialog.getByLabel(fr ? 'Événements' : 'Events').click();
    await page.getByRole('option', { name: fr ? 'Offre gagnée' : 'Offer won' }).click();
    await page.keyboard.press('Escape');
    await shoot(page, `webhook-form-${viewport.width}-${lang}`);
    await dialog.getByRole('button', { name: fr ? 'Enregistrer' : 'Save' }).click();

    const secret = (await page.getByTestId('webhook-secret').innerText()).trim();
    expect(secret).toMatch(/^whsec_/);
    await shoot(page, `webhook-secret-${viewport.width}-${lang}`);
    await page.getByRole('button', { name: fr ? 'J’ai copié la clé' : 'I have copied the secret' }).click();

    const card = page.locator(`[data-endpoint="${url}"]`);
    await expect(card).toContainText(fr ? 'Offre gagnée' : 'Offer won');
    await card.getByRole('button', { name: fr ? 'Envoyer un test' : 'Send a test' }).click();
    await expect(page.getByText(fr ? 'Reçu' : 'Received', { exact: true })).toBeVisible({ timeout: 20_000 });
    await shoot(page, `webhook-log-${viewport.width}-${lang}`);

    const mine = received.filter(
      (request) => request.headers['webhook-id'] && request.body.includes('webhook.ping'),
    );
    const last = mine.at(-1)!;
    const verified = new Webhook(secret).verify(last.body, {
      'webhook-id': String(last.headers['webhook-id']),
      'webhook-timestamp': String(last.headers['webhook-timestamp']),
      'webhook-signature': String(last.headers['webhook-signature']),
    });
    expect(verified).toMatchObject({ type: 'webhook.ping' });
    if (!fr) await chooseLanguage(page, /Français/);
    expect(problems).toEqual([]);
  });
}

async function chooseLanguage(page: Page, name: RegExp) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name }).or(page.getByText(name)).first().click();
}
