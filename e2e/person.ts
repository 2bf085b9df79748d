import {
  expect,
  request,
  test as base,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
  type Response,
} from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The shared `person` fixture of the journey tests (issue 9 B): each person is a fresh browser
 * context in the run's language (`lang`, set per Playwright project), who starts from `/`, types
 * at human speed (never `fill()`), clicks what a person clicks, and keeps a screenshot of each
 * step at 1366 and 375 px under artifacts/journeys/<journey>/<lang>/. A console error or an
 * answer ≥ 400 the journey did not announce with `expectFailure` fails the test at its end.
 */

export type Lang = 'fr' | 'en';
export type JourneyOptions = { lang: Lang };

/** A key every 60 ms: forms must hold up to human typing. */
export const TYPING = { delay: 60 };
export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 375, height: 760 };
export const JOURNEY_SHOTS = 'artifacts/journeys';

type Expected = { status: number; method?: string; path: RegExp };

/** Before sign-in the app asks who is signed in and is told 401: the only failure every journey expects. */
const ALWAYS_EXPECTED: Expected[] = [{ status: 401, method: 'GET', path: /^\/api\/v1\/me$/ }];

/** What Chromium logs when a load fails for lack of network (page or service worker). */
const OFFLINE_FAILURES =
  /ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED|ERR_FAILED|Failed to fetch|FetchEvent|no-response/;

export class Person {
  readonly problems: string[] = [];
  private expected: Expected[] = [...ALWAYS_EXPECTED];
  /** Languages found on the profiles of whoever signed in here, restored when the journey ends. */
  readonly signedIn: { email: string; password: string; locale: string }[] = [];
  /** While the network is cut (`setOffline`), the failed loads that causes are expected. */
  private offline = false;

  constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly lang: Lang,
    private readonly shots: Shots,
  ) {
    page.on('response', (response) => this.judge(response));
    // A failed load is judged above with its URL; every other console error fails the journey.
    page.on('console', (message) => {
      if (message.type() !== 'error' || message.text().startsWith('Failed to load resource')) return;
      if (this.offline && OFFLINE_FAILURES.test(message.text())) return;
      this.problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.problems.push(`page error: ${error.message}`));
  }

  /** The text in the run's language. */
  t<T>(fr: T, en: T): T {
    return this.lang === 'fr' ? fr : en;
  }

  /** Announces an answer the journey provokes on purpose (a refused action, a 409 asking for an acknowledgment). */
  expectFailure(status: number, pathPattern: RegExp, method?: string) {
    this.expected.push({ status, path: pathPattern, method });
  }

  private judge(response: Response) {
    if (response.status() < 400) return;
    const url = new URL(response.url());
    const method = response.request().method();
    const known = this.expected.some(
      (e) =>
        e.status === response.status() && e.path.test(url.pathname) && (!e.method || e.method === method),
    );
    if (!known) this.problems.push(`${response.status()} ${method} ${url.pathname}${url.search}`);
  }

  /**
   * Cuts the network of this person's browser, or gives it back (the phone in a basement, UX-2).
   * Only while it is cut, the console may report the loads that failed for lack of network.
   */
  async setOffline(offline: boolean) {
    await this.context.setOffline(offline);
    this.offline = offline;
  }

  /** Types like a person. */
  async type(target: Locator, text: string) {
    await target.click();
    await target.pressSequentially(text, TYPING);
  }

  /** Selects what a field holds and types over it. */
  async retype(target: Locator, text: string) {
    await target.click();
    await target.press('ControlOrMeta+a');
    await target.pressSequentially(text, TYPING);
  }

  /** Opens the app at `/`, is sent to the sign-in page, picks the run's language there and signs in. */
  async signIn(email: string, password = 'relais-demo') {
    const { page } = this;
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
    await this.chooseLanguageOnLogin();
    await this.type(page.getByRole('textbox', { name: 'E-mail' }), email);
    await this.type(
      page.getByRole('textbox', { name: this.t('Mot de passe', 'Password'), exact: true }),
      password,
    );
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST'),
      page.getByRole('button', { name: this.t('Se connecter', 'Sign in') }).click(),
    ]);
    const body = await answer.json();
    this.signedIn.push({ email, password, locale: body.user.locale });
    await expect(page).not.toHaveURL(/\/login/);
    await expect(page.locator('html')).toHaveAttribute('lang', this.lang);
  }

  /** The FR / EN switch of the signed-out pages. */
  async chooseLanguageOnLogin() {
    const choice = this.page.getByText(this.lang.toUpperCase(), { exact: true });
    await choice.click();
    // Clicking the language already shown changes nothing: the profile's language would win at
    // sign-in, so a person who wants it says so by switching away and back.
    if (!(await this.page.evaluate(() => sessionStorage.getItem('relais.locale.chosenBeforeSignIn')))) {
      await this.page.getByText(this.lang === 'fr' ? 'EN' : 'FR', { exact: true }).click();
      await choice.click();
    }
    await expect(this.page.locator('html')).toHaveAttribute('lang', this.lang);
  }

  /** Each element shows all it holds: nothing clipped sideways (a label cut to "TAUX D'OUVERTUR"). */
  async expectFits(target: Locator, what: string) {
    const clipped = await target.evaluateAll((elements) =>
      elements
        .filter((element) => element.scrollWidth > element.clientWidth + 1)
        .map((element) => (element.textContent ?? '').trim().slice(0, 40)),
    );
    expect(clipped, `${what} clipped at ${this.page.viewportSize()!.width} px`).toEqual([]);
  }

  get isPhone() {
    return this.page.viewportSize()!.width < 768;
  }

  /** Opens a page from the main navigation; on a phone the navigation folds behind the burger. */
  async nav(label: string) {
    const link = this.page.getByRole('navigation').getByRole('link', { name: label, exact: true });
    if (this.isPhone) {
      // The landing page may still be redirecting (which closes the menu): open it once it stays open.
      await expect(async () => {
        const burger = this.page.getByRole('button', { name: this.t('Ouvrir le menu', 'Open menu') });
        if (await burger.isVisible()) await burger.click();
        await expect(link).toBeInViewport({ timeout: 1000 });
      }).toPass({ timeout: 10_000 });
    }
    await link.click();
  }

  /** Waits for transitions to end (a dialog fading in), so the picture shows what a person sees. */
  async settle() {
    await this.page.waitForLoadState('networkidle').catch(() => undefined);
    await this.page.evaluate(() =>
      Promise.all(
        document
          .getAnimations()
          .filter((animation) => animation.effect?.getTiming().iterations !== Infinity) // spinners turn forever
          .map((animation) => animation.finished.catch(() => undefined)),
      ),
    );
  }

  /** A screenshot of this step at the current width, then at the other one (1366 ↔ 375). */
  async shot(step: string, options: { fullPage?: boolean } = {}) {
    const { page } = this;
    const viewport = page.viewportSize()!;
    const number = String(this.shots.next()).padStart(2, '0');
    const widths = this.isPhone ? [viewport, DESKTOP] : [viewport, PHONE];
    for (const [index, size] of widths.entries()) {
      if (index > 0) await page.setViewportSize(size);
      await this.settle();
      await page.screenshot({
        path: path.join(this.shots.dir, `${number}-${step}-${this.name}-${size.width}.png`),
        fullPage: options.fullPage ?? false,
      });
    }
    await page.setViewportSize(viewport);
    await this.settle();
  }

  /** Puts back the language each signed-in user had on their profile, so journeys leave the demo as found. */
  async restoreLanguages(baseURL: string) {
    for (const { email, password, locale } of this.signedIn) {
      if (locale === this.lang) continue;
      const api = await request.newContext({ baseURL });
      const login = await api.post('/api/v1/auth/login', { data: { email, password } });
      if (login.ok())
        await api.patch('/api/v1/me', {
          data: { locale },
          headers: { 'x-csrf-token': (await login.json()).csrfToken },
        });
      await api.dispose();
    }
  }
}

export type OpenPerson = (
  name: string,
  options?: { viewport?: { width: number; height: number } },
) => Promise<Person>;

type Shots = { dir: string; next: () => number };

async function openPerson(
  browser: Browser,
  lang: Lang,
  name: string,
  viewport: { width: number; height: number },
  shots: Shots,
) {
  const context = await browser.newContext({
    viewport,
    // A French rep's browser in Paris, an English one in London: dates and times as they read them.
    locale: lang === 'fr' ? 'fr-FR' : 'en-GB',
    timezoneId: lang === 'fr' ? 'Europe/Paris' : 'Europe/London',
  });
  return new Person(name, context, await context.newPage(), lang, shots);
}

export const test = base.extend<JourneyOptions & { person: OpenPerson }>({
  lang: ['fr', { option: true }],
  person: async ({ browser, lang, baseURL }, use, testInfo) => {
    const journey = path.basename(testInfo.file).replace(/\.spec\.ts$/, '');
    const dir = path.join(JOURNEY_SHOTS, journey, lang);
    mkdirSync(dir, { recursive: true });
    let step = 0;
    const shots = { dir, next: () => ++step };
    const people: Person[] = [];
    await use(async (name, options = {}) => {
      const person = await openPerson(browser, lang, name, options.viewport ?? DESKTOP, shots);
      people.push(person);
      return person;
    });
    for (const person of people) {
      await person.restoreLanguages(baseURL!).catch(() => undefined);
      await person.context.close();
    }
    const problems = people.flatMap((person) =>
      person.problems.map((problem) => `${person.name}: ${problem}`),
    );
    expect(problems, 'console errors and unexpected 4xx/5xx answers during the journey').toEqual([]);
  },
});

export { expect };
