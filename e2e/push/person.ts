import { expect, request as playwrightRequest, type APIRequestContext, type Page } from '@playwright/test';
import { shoot } from '../helpers.js';

/** How the push specs act like people: typing at human speed, watching for errors, settled screenshots. */
export const TYPING = { delay: 60 };

export type Api = { context: APIRequestContext; csrf: string };

/** Signed-in API access to set up data, as `email` (the cookie stays in the context). */
export async function apiAs(baseURL: string, email: string): Promise<Api> {
  const context = await playwrightRequest.newContext({ baseURL });
  const login = await context.post('/api/v1/auth/login', { data: { email, password: 'relais-demo' } });
  expect(login.status()).toBe(200);
  return { context, csrf: (await login.json()).csrfToken };
}

export const get = (api: Api, path: string) => api.context.get(path);
export const post = (api: Api, path: string, data: unknown) =>
  api.context.post(path, { data, headers: { 'x-csrf-token': api.csrf } });
export const patch = (api: Api, path: string, data: unknown) =>
  api.context.patch(path, { data, headers: { 'x-csrf-token': api.csrf } });

/** Fails the test on a console error or an API answer ≥ 400 the journey did not expect. */
export function watch(page: Page) {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()} ${message.location().url}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  page.on('response', (response) => {
    if (response.url().includes('/api/') && response.status() >= 400)
      problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return problems;
}

export async function signIn(page: Page, email: string) {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('E-mail').pressSequentially(email, TYPING);
  await page.getByLabel('Mot de passe').pressSequentially('relais-demo', TYPING);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Waits for the page's transitions (a dialog fading in or out) to end, so a screenshot shows what a person sees. */
export async function settle(page: Page) {
  await page.waitForTimeout(50);
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getTiming().iterations !== Infinity) // spinners turn forever
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

export async function snap(page: Page, name: string) {
  await settle(page);
  await shoot(page, name);
}

/** Selects what is in an input and types over it, at human speed, then leaves the field. */
export async function retype(page: Page, label: string, value: string) {
  const input = page.getByRole('textbox', { name: label }).first();
  await input.click();
  await input.press('ControlOrMeta+a');
  await input.pressSequentially(value, TYPING);
  await input.press('Tab');
}

/** Opens a page from the navigation, through the menu on a phone. */
export async function openFromNav(page: Page, label: string, openMenu: string) {
  const link = page.getByRole('navigation').getByRole('link', { name: label, exact: true });
  if (page.viewportSize()!.width < 768) {
    // The landing page may still be redirecting (which closes the menu): open it once it stays open.
    await expect(async () => {
      const burger = page.getByRole('button', { name: openMenu });
      if (await burger.isVisible()) await burger.click();
      await expect(link).toBeInViewport({ timeout: 1000 });
    }).toPass({ timeout: 10_000 });
  }
  await link.click();
}
