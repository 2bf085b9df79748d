import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export const SHOTS_DIR = 'artifacts/screenshots';
mkdirSync(SHOTS_DIR, { recursive: true });

/** Typing at human speed (a key every 60 ms): forms must hold up to it, so tests never use fill(). */
export const TYPING = { delay: 60 };

/** Signs in as a person does: opens the root URL, lands on the login page (French: the default language), types. */
export async function signIn(page: Page, email: string, password = 'relais-demo') {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('E-mail').pressSequentially(email, TYPING);
  await page.getByLabel('Mot de passe').pressSequentially(password, TYPING);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Keeps a screenshot as a CI artefact. */
export async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS_DIR}/${name}.png`, fullPage: false });
}

export const PHONE = { width: 375, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };
