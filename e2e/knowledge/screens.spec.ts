import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DESKTOP, PHONE, shoot, signIn, TYPING } from '../helpers.js';

/** The knowledge screens in French and English, desktop and phone: main elements visible, no sideways overflow. */
const strings = (lang: 'fr' | 'en') =>
  JSON.parse(readFileSync(`src/web/modules/knowledge/locales/${lang}.json`, 'utf8'));
const csrfOf = async (page: Page) =>
  (await page.context().cookies()).find((c) => c.name === 'relais_csrf')!.value;

async function setLocale(page: Page, locale: 'fr' | 'en') {
  const response = await page.request.patch('/api/v1/me', {
    headers: { 'x-csrf-token': await csrfOf(page) },
    data: { locale },
  });
  expect(response.status(), await response.text()).toBe(200);
  // What the language switch does besides saving it: the app reads it back from localStorage on load.
  await page.evaluate((value) => localStorage.setItem('relais.locale', value), locale);
}

/** Nothing wider than the viewport (the phone layout must not scroll sideways). */
async function expectNoOverflow(page: Page, screen: string) {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = Array.from(document.querySelectorAll('main *, [role="dialog"] *'))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > width + 1 && getComputedStyle(el).position !== 'fixed';
      })
      .filter((el) => !el.closest('[data-scroll-x], .mantine-ScrollArea-root'))
      .slice(0, 3)
      .map(
        (el) =>
          `${el.tagName}.${String(el.className).slice(0, 40)} right=${Math.round(el.getBoundingClientRect().right)}`,
      );
    return { scroll: document.documentElement.scrollWidth - width, wide };
  });
  expect(overflow, `${screen} overflows`).toEqual({ scroll: 0, wide: [] });
}

for (const lang of ['fr', 'en'] as const) {
  for (const [label, size] of [
    ['1280', DESKTOP],
    ['375', PHONE],
  ] as const) {
    test(`knowledge screens in ${lang} at ${label} px`, async ({ page }) => {
      test.setTimeout(120_000);
      const s = strings(lang);
      const name = (screen: string) => `knowledge-${screen}-${lang}-${label}`;
      await page.setViewportSize(size);
      await signIn(page, 'rep@relais.demo');
      await setLocale(page, lang);
      try {
        // List, then search as you type with facets and snippets.
        await page.goto('/knowledge');
        await expect(page.getByRole('heading', { name: s.nav.base })).toBeVisible();
        await expect(page.getByRole('button', { name: s.list.new })).toBeVisible();
        await expect(
          page.locator('main').getByRole('link', { name: s.import.button, exact: true }),
        ).toBeVisible();
        await expect(page.locator('a[href^="/knowledge/"]').first()).toBeVisible();
        await expectNoOverflow(page, 'list');
        await shoot(page, name('list'));
        await page
          .getByRole('textbox', { name: s.list.searchPlaceholder })
          .pressSequentially('livraison', TYPING);
        await expect(page.locator('mark').first()).toBeVisible();
        await expectNoOverflow(page, 'search');
        await shoot(page, name('search'));

        // Similar cases box.
        await page
          .getByPlaceholder(s.similar.placeholder)
          .pressSequentially('Le client attend la livraison de son four depuis dix jours', TYPING);
        await page.getByRole('button', { name: s.similar.find }).click();
        const use = page.getByRole('button', { name: s.similar.use }).first();
        await expect(use).toBeVisible();
        await use.scrollIntoViewIfNeeded();
        await expectNoOverflow(page, 'similar');
        await shoot(page, name('similar'));

        // Editor with the server-rendered preview and the pickers.
        await page.getByRole('button', { name: s.list.new }).click();
        const dialog = page.getByRole('dialog');
        await expect(dialog.getByLabel(s.field.products)).toBeVisible();
        await expect(dialog.getByLabel(s.field.situations)).toBeVisible();
        await dialog.getByLabel(s.field.title, { exact: false }).first().pressSequentially('Aperçu', TYPING);
        await dialog
          .getByRole('textbox', { name: s.field.body })
          .pressSequentially('## Étapes\n\n1. **Vérifier** le suivi\n2. Appeler le client', TYPING);
        await dialog.getByRole('tab', { name: s.editor.preview }).click();
        await expect(dialog.getByTestId('knowledge-preview').locator('strong')).toHaveText(
          lang === 'fr' ? 'Vérifier' : 'Vérifier',
        );
        await expect(dialog.getByTestId('knowledge-preview').locator('h2')).toBeVisible();
        await expectNoOverflow(page, 'editor');
        await shoot(page, name('editor-preview'));
        await page.keyboard.press('Escape');

        // An item page (a demo answer).
        const hits = await (
          await page.request.get('/api/v1/knowledge/search?q=retard%20livraison%20four%20mixte&limit=1')
        ).json();
        await page.goto(`/knowledge/${hits.items[0].id}`);
        await expect(page.getByTestId('knowledge-html')).toBeVisible();
        await expect(page.getByRole('button', { name: s.send.button })).toBeVisible();
        await expect(page.getByText(s.versions.title, { exact: true })).toBeVisible();
        await expectNoOverflow(page, 'item');
        await shoot(page, name('item'));

        // Import page: a bad file shows its lines, nothing imported.
        await page.goto('/knowledge/import');
        await expect(page.getByRole('heading', { name: s.import.title })).toBeVisible();
        await page.locator('input[type="file"]').setInputFiles({
          name: 'items.jsonl',
          mimeType: 'application/x-ndjson',
          buffer: Buffer.from('{"type":"answer","title":"Ok","body":"x"}\n{"type":"memo","title":""}\n'),
        });
        await page
          .getByRole('button', { name: new RegExp(s.import.submit_other.replace('{{count}}', '2')) })
          .click();
        await expect(page.getByTestId('import-errors')).toBeVisible();
        await expect(
          page.getByTestId('import-errors').getByText(s.import.lineNumber.replace('{{line}}', '2')).first(),
        ).toBeVisible();
        await expectNoOverflow(page, 'import');
        await shoot(page, name('import'));
        if (lang === 'fr' && label === '1280') {
          await page.locator('input[type="file"]').setInputFiles({
            name: 'ok.jsonl',
            mimeType: 'application/x-ndjson',
            buffer: Buffer.from('{"type":"answer","title":"Import e2e","body":"**ok**"}\n'),
          });
          await page.getByRole('button', { name: s.import.submit_one.replace('{{count}}', '1') }).click();
          await expect(page.getByText(s.import.done_one.replace('{{count}}', '1'))).toBeVisible();
        }

        // Situations catalogue, one situation, and an account's situations panel.
        await page.goto('/situations');
        await expect(page.getByRole('heading', { name: s.nav.situations })).toBeVisible();
        await expect(page.locator('a[href^="/knowledge/situations/"]').first()).toBeVisible();
        await expectNoOverflow(page, 'situations');
        await shoot(page, name('situations'));
        await page.locator('a[href^="/knowledge/situations/"]').first().click();
        await expect(page.getByText(s.situations.advice)).toBeVisible();
        await shoot(page, name('situation'));
        const accounts = await (await page.request.get('/api/v1/accounts?limit=1')).json();
        await page.goto(`/knowledge/accounts/${accounts.items[0].id}`);
        await expect(page.getByTestId('account-situations-panel')).toBeVisible();
        // Attach a situation: it shows with its knowledge; then remove it (the next run starts clean).
        const panel = page.getByTestId('account-situations-panel');
        await panel.getByRole('combobox', { name: s.panel.attach }).click();
        await page.getByRole('option').first().click();
        await panel.getByRole('button', { name: s.panel.attachButton }).click();
        const card = panel.getByTestId('account-situation').first();
        await expect(card).toBeVisible();
        await expect(card.locator('a[href^="/knowledge/"]').nth(1)).toBeVisible();
        await expectNoOverflow(page, 'account-situations');
        await shoot(page, name('account-situations'));
        await card.getByRole('button', { name: s.panel.remove }).click();
        await expect(panel.getByText(s.panel.none)).toBeVisible();
      } finally {
        await setLocale(page, 'fr');
      }
    });
  }
}
