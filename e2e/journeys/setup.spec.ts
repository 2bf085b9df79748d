import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '../person.js';

/**
 * The first-admin setup (issue 9 B), shown only by a server that has no user yet: this spec starts
 * its own server, with the demo off and an empty data directory, on a port of its own, and stops
 * it at the end. The person opens `/`, is sent to the setup page, types the company and their
 * account, and lands signed in.
 */
const port = Number(process.env.E2E_PORT ?? 3199) + 1000;
const origin = `http://127.0.0.1:${port}`;
let server: ChildProcess | undefined;
let dataDir = '';

async function waitForHealth(deadline: number) {
  for (;;) {
    if (server?.exitCode !== null && server?.exitCode !== undefined)
      throw new Error(`the setup server stopped with code ${server.exitCode}`);
    try {
      if ((await fetch(`${origin}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the setup server did not start in time');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

test.beforeEach(async () => {
  test.setTimeout(180_000);
  dataDir = mkdtempSync(path.join(tmpdir(), 'relais-e2e-setup-'));
  server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'start'], {
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: origin,
      DATA_DIR: dataDir,
      RELAIS_DEMO: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  await waitForHealth(Date.now() + 150_000);
});

test.afterEach(async () => {
  if (server?.pid && server.exitCode === null) {
    const stopped = new Promise((resolve) => server!.once('exit', resolve));
    process.kill(-server.pid, 'SIGTERM');
    await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (server.exitCode === null) process.kill(-server.pid, 'SIGKILL');
  }
  server = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

test('the first person on a new server creates the company and is signed in as its admin', async ({
  person,
}) => {
  const admin = await person('first-admin');
  const t = admin.t.bind(admin);
  const { page } = admin;
  const password = 'un-mot-de-passe-solide-42';

  await page.goto(`${origin}/`);
  await expect(page).toHaveURL(/\/setup$/);
  await admin.chooseLanguageOnLogin();
  await expect(
    page.getByRole('heading', { name: t('Bienvenue dans Relais', 'Welcome to Relais') }),
  ).toBeVisible();
  await admin.type(
    page.getByRole('textbox', { name: t('Nom de l’entreprise', 'Company name') }),
    t('Cuisines Dupré & Fils', 'Dupré & Sons Kitchens'),
  );
  await admin.type(page.getByRole('textbox', { name: t('Prénom', 'First name') }), 'Hélène');
  await admin.type(page.getByRole('textbox', { name: t('Nom', 'Last name'), exact: true }), 'Dupré');
  await admin.type(page.getByRole('textbox', { name: 'E-mail' }), 'helene.dupre@cuisines-dupre.example');
  await admin.type(page.getByRole('textbox', { name: t('Mot de passe', 'Password'), exact: true }), password);
  await admin.type(
    page.getByRole('textbox', { name: t('Confirmer le mot de passe', 'Confirm password'), exact: true }),
    password,
  );
  await admin.shot('setup-form');
  await page.getByRole('button', { name: t('Créer et se connecter', 'Create and sign in') }).click();
  await expect(page).not.toHaveURL(/\/(setup|login)/);
  await expect(page.getByRole('button', { name: t('Menu utilisateur', 'User menu') })).toContainText(
    'Hélène',
  );
  // The administration is theirs: the users page lists them as the admin.
  await admin.nav(t('Utilisateurs', 'Users'));
  await expect(
    page.getByRole('row').filter({ hasText: 'helene.dupre@cuisines-dupre.example' }),
  ).toContainText(t('Administrateur', 'Administrator'));
  await admin.shot('setup-signed-in');
  // The setup page is gone once done: `/setup` leads into the app.
  await page.goto(`${origin}/setup`);
  await expect(page).not.toHaveURL(/\/setup$/);
  // Closed before its server stops, so no request meets the server on its way down.
  await admin.context.close();
});
