/**
 * Screenshots of the sales screens (dashboard, products, offers, activities, quick capture, brief)
 * at desktop and phone width, in French and English.
 * Usage: BASE_URL=http://localhost:3102 OUT=/tmp/sales-shots npx tsx e2e/sales/screenshots.ts [filter]
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';

const base = process.env.BASE_URL ?? 'http://localhost:3102';
const out = process.env.OUT ?? '/tmp/sales-shots';
const only = process.argv[2];
mkdirSync(out, { recursive: true });

async function signIn(page: Page, locale: 'fr' | 'en', email = 'rep@relais.demo') {
  const response = await page.request.post(`${base}/api/v1/auth/login`, {
    data: { email, password: 'relais-demo' },
  });
  const csrf = (await response.json()).csrfToken;
  await page.request.patch(`${base}/api/v1/me`, { data: { locale }, headers: { 'x-csrf-token': csrf } });
  await page.addInitScript((value) => localStorage.setItem('relais.locale', value), locale);
}

async function main() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const errors: string[] = [];
  for (const locale of ['fr', 'en'] as const) {
    for (const width of [1280, 375]) {
      const context = await browser.newContext({
        viewport: { width, height: width > 400 ? 860 : 780 },
        locale,
      });
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(`${locale}-${width}: ${error.message}`));
      await signIn(page, locale);
      const visit = async (name: string, path: string, wait: string) => {
        if (only && !name.includes(only)) return;
        await page.goto(`${base}${path}`);
        await page
          .waitForSelector(wait, { timeout: 15_000 })
          .catch(() => errors.push(`${name}: ${wait} not found`));
        await page.waitForTimeout(700);
        await page.screenshot({
          path: `${out}/${name}-${locale}-${width}.png`,
          fullPage: name === 'brief' || name === 'dashboard',
        });
      };
      await visit('dashboard', '/dashboard', '.mantine-Card-root');
      await visit('products', '/products', 'table tbody tr');
      const products = await (await page.request.get(`${base}/api/v1/products?limit=1`)).json();
      await visit('product', `/products/${products.items[0].id}`, 'table tbody tr');
      await visit('offers-board', '/offers', '.mantine-Card-root');
      await visit('offers-list', '/offers?view=list', 'table tbody tr');
      const offers = await (
        await page.request.get(`${base}/api/v1/offers?limit=1&ownerId=me&outcome=open`)
      ).json();
      await visit('offer', `/offers/${offers.items[0].id}`, 'table tbody tr');
      await visit('activities', '/activities', 'table tbody tr');
      const activities = await (
        await page.request.get(`${base}/api/v1/activities?limit=1&ownerId=me&kind=visit`)
      ).json();
      await visit('activity', `/activities/${activities.items[0].id}`, 'textarea');
      await visit('quick', '/activities/new', '.mantine-Card-root');
      if (!only || 'quick-2'.includes(only)) {
        await page.locator('.mantine-Card-root').first().click();
        await page.waitForTimeout(400);
        await page.screenshot({ path: `${out}/quick-2-${locale}-${width}.png` });
      }
      await visit('brief', `/accounts/${offers.items[0].accountId}/brief`, '.brief-page');
      await context.close();
    }
  }
  await browser.close();
  if (errors.length) console.log(errors.join('\n'));
  console.log(`screenshots in ${out}`);
}

void main();
