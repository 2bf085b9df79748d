import { expect, test } from '@playwright/test';
import { PHONE, TYPING, signIn } from '../helpers.js';
import { snap, watch } from '../push/person.js';

/** Details a person met in the knowledge base (issue 9, A17): a wrong address and a very long search. */
const LAPTOP = { width: 1366, height: 768 };

test('a wrong item address shows the not-found page, not a blank one', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, 'rep@relais.demo');
  const problems = watch(page);
  await page.goto('/knowledge/not-a-uuid');
  await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
  await snap(page, 'knowledge-not-found-fr-375');
  // The refused read of that address is the only 4xx.
  expect(
    problems.filter(
      (problem) => !problem.includes('/api/v1/knowledge/not-a-uuid') && !problem.includes('status of 4'),
    ),
  ).toEqual([]);
});

test('a search longer than the server takes says why instead of "0 results"', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize(LAPTOP);
  await signIn(page, 'rep@relais.demo');
  const problems = watch(page);
  await page.goto('/knowledge');
  const search = page.getByRole('textbox', { name: /Rechercher/ }).first();
  const words = 'livraison du four mixte en retard chez le client '.repeat(7).slice(0, 310);
  await search.pressSequentially(words, { delay: 50 });
  await expect(search).toHaveValue(words.slice(0, 300));
  await expect(page.getByText('Recherche limitée à 300 caractères', { exact: false })).toBeVisible();
  await expect(page.getByText(/^0 résultat/)).toHaveCount(0);
  await snap(page, 'knowledge-long-search-fr-1366');
  expect(problems).toEqual([]);
});
