import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export const SHOTS_DIR = 'artifacts/screenshots';
mkdirSync(SHOTS_DIR, { recursive: true });

/** Signs in through the real login page (French labels: the default language). */
export async function signIn(page: Page, email: string, password = 'relais-demo') {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Keeps a screenshot as a CI artefact. */
export async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS_DIR}/${name}.png`, fullPage: false });
}

export const PHONE = { width: 375, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };
