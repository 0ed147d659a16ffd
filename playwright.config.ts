import { defineConfig } from '@playwright/test';

// E2E tests run against the release build in dist/ (scripts/test builds it first), served from
// a sub-path by tests/e2e/serve.mjs. Chromium is Debian's: Playwright cannot download its own here.
const PORT = Number(process.env.E2E_PORT ?? 4173);
export default defineConfig({
  testDir: 'tests/e2e',
  // Asserts nginx's headers: run by playwright.nginx.config.ts against real nginx.
  testIgnore: ['**/nginx.spec.ts'],
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}/tools/sfcc-token/`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
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
  webServer: {
    command: `node tests/e2e/serve.mjs`,
    env: { PORT: String(PORT) },
    url: `http://127.0.0.1:${PORT}/tools/sfcc-token/`,
    reuseExistingServer: false,
    timeout: 15_000,
  },
});
