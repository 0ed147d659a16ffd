// The shared E2E fixture. Every test records every request, websocket, console message, page error
// and CSP violation, and FAILS if the page requested anything after the app mounted, if a page
// error went uncaught, or if the CSP blocked anything (unless the test's describe block sets `test.use({ allowCspViolations: true })`).
// Use `gotoApp` to open the page: it marks the moment the app has mounted.
import { test as base, expect, type Page, type ConsoleMessage, type Request } from '@playwright/test';

/** A request the page made; `failure` is set when it never completed (e.g. blocked by the CSP). */
export type Recorded = { url: string; at: 'before-mount' | 'after-mount'; failure?: string };
/** Chromium's failure text (blockedReason) for a request the Content-Security-Policy stopped before it left the page. */
export const BLOCKED_BY_CSP = 'csp';
export type CspViolation = { directive: string; blockedURI: string; sample: string };

const mounted = new WeakMap<Page, boolean>();

/** Opens the app (optionally with a URL fragment, e.g. `#token=…`) and waits until the wasm app
 * has mounted. Requests from then on fail the test. */
export async function gotoApp(page: Page, fragment = '') {
  mounted.set(page, false); // a new navigation may load the page's files again
  await page.goto(`./${fragment}`);
  // The load event fires before the wasm app mounts: wait for the app itself.
  await expect(page.locator('main#app')).toBeVisible();
  await expect(page.locator('#token-input')).toBeVisible();
  mounted.set(page, true);
  await rehearsed(page);
}

/** Waits until the app's rehearsal of the first paste (src/ui/rehearsal.rs: a hidden report of a
 * made-up token, rendered once while the page is idle after it mounted) is gone, so that no test
 * finds its elements. */
export async function rehearsed(page: Page) {
  await expect(page.locator('html[data-rehearsal=done]')).toHaveCount(1);
  await expect(page.locator('.rehearsal')).toHaveCount(0);
}

/** Opens every closed disclosure of the page, one at a time (each opened one leaves the set). */
export async function openEveryDisclosure(page: Page) {
  const closed = page.locator('main details:not([open]) > summary');
  for (let left = await closed.count(); left > 0; left--) await closed.first().click();
}

/** Reloads the page (its files load again, before the app has mounted) and waits for the app. */
export async function reloadApp(page: Page) {
  mounted.set(page, false);
  await page.reload();
  await expect(page.locator('main#app')).toBeVisible();
  await expect(page.locator('#token-input')).toBeVisible();
  mounted.set(page, true);
  await rehearsed(page);
}

export const test = base.extend<{
  requests: Recorded[];
  consoleMessages: ConsoleMessage[];
  pageErrors: Error[];
  cspViolations: CspViolation[];
  allowCspViolations: boolean;
}>({
  allowCspViolations: [false, { option: true }],

  requests: [
    async ({ page, allowCspViolations }, use, testInfo) => {
      const requests: Recorded[] = [];
      const byRequest = new Map<Request, Recorded>();
      page.on('request', (r: Request) => {
        const entry: Recorded = { url: r.url(), at: mounted.get(page) ? 'after-mount' : 'before-mount' };
        byRequest.set(r, entry);
        requests.push(entry);
      });
      page.on('requestfailed', (r: Request) => {
        const entry = byRequest.get(r);
        if (entry) entry.failure = r.failure()?.errorText ?? 'failed';
      });
      page.on('websocket', (ws) =>
        requests.push({ url: `websocket ${ws.url()}`, at: mounted.get(page) ? 'after-mount' : 'before-mount' }),
      );
      await use(requests);
      // Tests that provoke the CSP on purpose may have attempts the CSP stopped; nothing else.
      const late = requests.filter(
        (r) => r.at === 'after-mount' && !r.url.startsWith('data:') && !(allowCspViolations && r.failure === BLOCKED_BY_CSP),
      );
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

  pageErrors: [
    async ({ page }, use, testInfo) => {
      const errors: Error[] = [];
      page.on('pageerror', (e) => errors.push(e));
      await use(errors);
      // An uncaught error (a wasm trap, a failed script) fails the test that caused it.
      if (testInfo.status === 'passed') {
        expect(errors.map((e) => e.message), 'uncaught errors in the page').toEqual([]);
      }
    },
    { auto: true },
  ],

  cspViolations: [
    async ({ page, allowCspViolations }, use, testInfo) => {
      const violations: CspViolation[] = [];
      await page.exposeFunction('__e2eCspViolation', (v: CspViolation) => violations.push(v));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) =>
          (window as unknown as { __e2eCspViolation: (v: unknown) => void }).__e2eCspViolation({
            directive: e.violatedDirective,
            blockedURI: e.blockedURI,
            sample: e.sample,
          }),
        );
      });
      await use(violations);
      if (testInfo.status === 'passed' && !allowCspViolations) {
        expect(violations, 'Content-Security-Policy violations').toEqual([]);
      }
    },
    { auto: true },
  ],
});

export { expect };
