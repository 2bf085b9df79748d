import { defineConfig } from '@playwright/test';
import type { JourneyOptions } from './e2e/person';

const port = Number(process.env.E2E_PORT ?? 3199);
const dataDir = process.env.E2E_DATA_DIR ?? `/tmp/relais-e2e-${process.pid}`;

/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser) against the real app
 * started on a fresh data directory with the small demo fixture.
 */
export default defineConfig<JourneyOptions>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  workers: 1,
  // One retry on CI: a journey that passes only on its retry is reported as flaky, not hidden.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: 'artifacts/e2e',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  // The journeys (one spec per role, e2e/journeys) run once in French and once in English; their
  // step screenshots go to artifacts/journeys/<journey>/<lang>/.
  projects: [
    { name: 'chromium', testIgnore: /e2e\/journeys\// },
    {
      name: 'journeys-fr',
      testMatch: /e2e\/journeys\/.*\.spec\.ts$/,
      use: { lang: 'fr', actionTimeout: 15_000 },
      expect: { timeout: 10_000 },
    },
    {
      name: 'journeys-en',
      testMatch: /e2e\/journeys\/.*\.spec\.ts$/,
      use: { lang: 'en', actionTimeout: 15_000 },
      expect: { timeout: 10_000 },
    },
  ],
  webServer: {
    command: `rm -rf ${dataDir} && node scripts/ensure-web-build.mjs && node scripts/ensure-server-build.mjs && node dist/server/main.mjs start`,
    url: `http://127.0.0.1:${port}/api/v1/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    // PUBLIC_URL is the origin the browser uses: links in mails (invitations, tracking pixels) are same-origin, as in production.
    env: {
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      RELAIS_DEMO: '1',
      RELAIS_DEMO_SIZE: 'small',
      LOG_LEVEL: 'warn',
      // The webhook spec's receiver listens on this machine; only this name is trusted, not loopback addresses.
      OUTBOUND_TRUSTED_HOSTS: 'localhost',
    },
  },
});
