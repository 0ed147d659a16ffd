// The built page loads from a sub-path, asks only for its own files, and is locked down by CSP.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, gotoApp } from './fixtures';

const dist = join(__dirname, '..', '..', 'dist');

test('the app mounts from a sub-path and loads only its own files from there', async ({ page, requests, consoleMessages, pageErrors, cspViolations, baseURL }) => {
  expect(baseURL).toMatch(/\/tools\/sfcc-token\/$/);
  await gotoApp(page);
  await expect(page.locator('h1')).toHaveText('SFCC Token Inspector');
  // html, js, wasm: the stylesheet is inline (a <style> allowed by its hash), so the first paint
  // waits for no request; the page is styled all the same.
  expect(requests.map((r) => r.url.split('/').pop()!.replace(/-[0-9a-f]{16}/, '')).sort())
    .toEqual(['', 'sfcc-token-inspector.js', 'sfcc-token-inspector_bg.wasm']);
  expect(await page.locator('.card').first().evaluate((e) => getComputedStyle(e).borderRadius)).toBe('8px');
  for (const r of requests) {
    expect(r.url.startsWith(baseURL!) || r.url.startsWith('data:'), r.url).toBe(true);
  }
  // Each file once: the preloads are used, not fetched a second time.
  const urls = requests.map((r) => r.url).filter((u) => !u.startsWith('data:'));
  expect(urls.length, urls.join('\n')).toBe(new Set(urls).size);
  expect(urls.some((u) => u.endsWith('.wasm'))).toBe(true);
  // A clean console on load: no errors, no warnings (e.g. a CSP report or an SRI/preload warning).
  const noisy = consoleMessages.filter((m) => m.type() === 'error' || m.type() === 'warning').map((m) => `${m.type()}: ${m.text()}`);
  expect(noisy).toEqual([]);
  expect(pageErrors.map((e) => e.message)).toEqual([]);
  expect(cspViolations).toEqual([]);
});

test('every URL in dist/index.html is relative', async () => {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const urls = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
  expect(urls.length).toBeGreaterThan(0);
  for (const url of urls) {
    expect(url.startsWith('./') || url.startsWith('data:'), url).toBe(true);
  }
  expect(html).not.toMatch(/\b(?:src|href)="\//);
  expect(html).not.toMatch(/from '\//);
  expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
});

test('the Content-Security-Policy is strict, and tightened to connect-src none once mounted', async ({ page }) => {
  await gotoApp(page);
  const policies = await page.locator('meta[http-equiv="Content-Security-Policy"]').evaluateAll((metas) =>
    metas.map((m) => m.getAttribute('content') ?? ''),
  );
  expect(policies.length).toBe(2);
  const [main, added] = policies;
  expect(main).toContain("default-src 'self'");
  expect(main).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  expect(main).not.toContain('unsafe-inline');
  expect(main).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
  expect(main).not.toContain("'unsafe-eval'");
  expect(main).toContain("object-src 'none'");
  expect(added).toBe("connect-src 'none'");
});

test('the request recorder fails a test whose page loads anything after mounting', async ({ page, requests }) => {
  await gotoApp(page);
  await page.evaluate(() => {
    const img = new Image();
    img.src = './late.png';
    document.body.append(img);
  });
  // The request was recorded as late.
  await expect.poll(() => requests.some((r) => r.url.endsWith('/late.png') && r.at === 'after-mount')).toBe(true);
  // Declared last: had anything above failed, the test would fail for real. Only the fixture's
  // check, after the test, may fail it.
  test.fail(true, 'the shared fixture must catch this late image request');
});

test('the CSP recorder fails a test in which the CSP blocked something', async ({ page, cspViolations }) => {
  await gotoApp(page);
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true;';
    document.body.append(s);
  });
  // The violation was recorded (once per policy that forbids it: the meta's, and under nginx the
  // header's too), and the script did not run.
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  expect(cspViolations.every((v) => v.directive.startsWith('script-src')), JSON.stringify(cspViolations)).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  // Declared last: had anything above failed, the test would fail for real. Only the fixture's
  // check, after the test, may fail it.
  test.fail(true, 'the shared fixture must catch this blocked inline script');
});

test('the page-error recorder fails a test in which an error went uncaught', async ({ page, pageErrors }) => {
  await gotoApp(page);
  await page.evaluate(() => {
    setTimeout(() => {
      throw new Error('uncaught on purpose');
    });
  });
  // The error was recorded.
  await expect.poll(() => pageErrors.length).toBe(1);
  // Declared last: had anything above failed, the test would fail for real. Only the fixture's
  // check, after the test, may fail it.
  test.fail(true, 'the shared fixture must catch this uncaught error');
});
