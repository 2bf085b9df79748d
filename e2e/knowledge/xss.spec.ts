import { expect, test, type Page } from '@playwright/test';
import { DESKTOP, shoot, signIn } from '../helpers.js';
import { XSS_PAYLOADS } from './xss-payloads.js';

declare global {
  interface Window {
    __xss: number;
  }
}

const PER_ITEM = 8;

/** The CSRF token of the signed-in page (the readable `relais_csrf` cookie). */
async function csrfOf(page: Page) {
  const cookie = (await page.context().cookies()).find((c) => c.name === 'relais_csrf');
  expect(cookie, 'relais_csrf cookie').toBeTruthy();
  return cookie!.value;
}

test.describe('knowledge XSS (KB-1, issue 5 item 1)', () => {
  test('no payload of the OWASP cheat sheet or DOMPurify fixtures runs on the item page', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(DESKTOP);
    await page.addInitScript(() => {
      window.__xss = 0;
    });
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      await dialog.dismiss();
    });
    const popups: string[] = [];
    page.on('popup', (popup) => popups.push(popup.url()));
    await signIn(page, 'expert@relais.demo');
    const csrf = await csrfOf(page);

    const ids: { id: string; from: number }[] = [];
    for (let from = 0; from < XSS_PAYLOADS.length; from += PER_ITEM) {
      const body = XSS_PAYLOADS.slice(from, from + PER_ITEM).join('\n\n');
      const response = await page.request.post('/api/v1/knowledge', {
        headers: { 'x-csrf-token': csrf },
        data: {
          type: 'procedure',
          title: `XSS fixture ${from / PER_ITEM + 1}`,
          body,
          lang: 'en',
          tags: ['xss-fixture'],
        },
      });
      expect(response.status(), await response.text()).toBe(201);
      ids.push({ id: (await response.json()).id, from });
    }
    expect(ids.length).toBeGreaterThanOrEqual(10);

    for (const { id, from } of ids) {
      await page.goto(`/knowledge/${id}`);
      const html = page.getByTestId('knowledge-html');
      await expect(html).toBeVisible();
      // Hover and focus what can be hovered: handlers that survived would fire now.
      await page.mouse.move(200, 300);
      await page.mouse.move(600, 500);
      await page.waitForTimeout(150);
      const report = await html.evaluate((root) => {
        const onAttributes: string[] = [];
        const badUrls: string[] = [];
        const badTags: string[] = [];
        for (const element of Array.from(root.querySelectorAll('*'))) {
          for (const attribute of Array.from(element.attributes)) {
            if (/^on/i.test(attribute.name)) onAttributes.push(`${element.tagName} ${attribute.name}`);
            if (
              /^(href|src|xlink:href|action|formaction|data|srcdoc|background|style)$/i.test(
                attribute.name,
              ) &&
              /(javascript|vbscript|data):|expression\(/i.test(
                attribute.value.replace(/[\s\u0000-\u001f]/g, ''),
              )
            ) {
              badUrls.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
            }
          }
          if (
            /^(script|style|iframe|object|embed|svg|math|base|meta|link|form|template|noscript|frame|frameset|applet)$/i.test(
              element.tagName,
            )
          )
            badTags.push(element.tagName);
        }
        for (const a of Array.from(root.querySelectorAll('a[href]')) as HTMLAnchorElement[]) {
          if (!['http:', 'https:', 'mailto:', 'tel:'].includes(a.protocol)) badUrls.push(`a ${a.protocol}`);
        }
        return { onAttributes, badUrls, badTags };
      });
      expect(report, `payloads ${from}–${from + PER_ITEM - 1}`).toEqual({
        onAttributes: [],
        badUrls: [],
        badTags: [],
      });
      expect(await page.evaluate(() => window.__xss), `payloads ${from}–${from + PER_ITEM - 1}`).toBe(0);
      expect(dialogs).toEqual([]);
    }
    await page.goto(`/knowledge/${ids[2].id}`);
    await expect(page.getByTestId('knowledge-html')).toBeVisible();
    await shoot(page, 'knowledge-xss-item');
    expect(await page.evaluate(() => window.__xss)).toBe(0);
    expect(dialogs).toEqual([]);
    expect(popups).toEqual([]);

    // Clean up: the fixture items must not show up in the other screens.
    for (const { id } of ids) {
      const response = await page.request.delete(`/api/v1/knowledge/${id}`, {
        headers: { 'x-csrf-token': csrf },
      });
      expect(response.status()).toBe(204);
    }
  });
});
