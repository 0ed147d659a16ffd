// The shared E2E fixture: every test records every request, websocket and console message, and
// FAILS if the page requested anything after the app mounted. Use `gotoApp` to open the page.
import { test as base, expect, type Page, type ConsoleMessage, type Request } from '@playwright/test';

type Recorded = { url: string; at: 'before-mount' | 'after-mount' };

const mounted = new WeakMap<Page, boolean>();

/** Opens the app (optionally with a URL fragment) and waits until the wasm app has mounted. */
export async function gotoApp(page: Page, fragment = '') {
  await page.goto(`./${fragment}`);
  await expect(page.locator('main#app')).toBeVisible();
  await expect(page.locator('#token-input')).toBeVisible();
  mounted.set(page, true);
}

export const test = base.extend<{ requests: Recorded[]; consoleMessages: ConsoleMessage[] }>({
  requests: [
    async ({ page }, use, testInfo) => {
      const requests: Recorded[] = [];
      const record = (url: string) =>
        requests.push({ url, at: mounted.get(page) ? 'after-mount' : 'before-mount' });
      page.on('request', (r: Request) => record(r.url()));
      page.on('websocket', (ws) => record(`websocket ${ws.url()}`));
      await use(requests);
      const late = requests.filter((r) => r.at === 'after-mount' && !r.url.startsWith('data:'));
      // Checked unless the test already failed for another reason.
      if (testInfo.status === 'passed') {
        expect(late.map((r) => r.url), 'requests made after the app mounted').toEqual([]);
      }
    },
    { auto: true },
  ],
  consoleMessages: [
    async ({ page }, use) => {
      const messages: ConsoleMessage[] = [];
      page.on('console', (m) => messages.push(m));
      await use(messages);
    },
    { auto: true },
  ],
});

export { expect };
