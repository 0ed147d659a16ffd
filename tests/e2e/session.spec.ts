// A whole session at once: a HAR opened by the picker or dropped anywhere, read in the browser
// (nothing sent), every SFCC call on a timeline and in a table, a failing call inspected and
// judged at the time it was made, two tokens compared, the sanitized export downloaded and
// checked, and every bad file explained.
import { readFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, gotoApp } from './fixtures';

const HARS = join(__dirname, '..', 'fixtures', 'har');
const harPath = (name: string) => join(HARS, name);
const harText = (name: string) => readFileSync(harPath(name), 'utf8');
const INDEX = JSON.parse(harText('INDEX.json'));
const expected = (name: string) => INDEX.files.find((f: { file: string }) => f.file === name);

/** Every JWT in a text (cookie chunks are found by their own names elsewhere). */
const jwts = (text: string) => [...new Set(text.match(/eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{20,}/g) ?? [])];

async function openByPicker(page: import('@playwright/test').Page, name: string) {
  await page.getByTestId('har-file').setInputFiles(harPath(name));
}

/** Drops a file on the page the way a user drags it from the desktop. */
async function dropFile(page: import('@playwright/test').Page, name: string, bytes: string | Buffer) {
  const data = Buffer.from(bytes).toString('base64');
  const dataTransfer = await page.evaluateHandle(
    ({ name, data }) => {
      const raw = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([raw], name, { type: 'application/json' }));
      return dt;
    },
    { name, data },
  );
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await page.dispatchEvent('main', 'drop', { dataTransfer });
}

test('a HAR opened by the picker: every SFCC call in the table and on the timeline, the session findings', async ({ page }) => {
  await gotoApp(page);
  await openByPicker(page, 'pwa-kit-session.har');
  const want = expected('pwa-kit-session.har');
  await expect(page.getByTestId('session')).toBeVisible();
  const rows = page.locator('[data-testid=calls] tbody tr');
  await expect(rows).toHaveCount(want.sfcc_entries.length);
  expect(await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-entry'))))).toEqual(want.sfcc_entries);
  // The timeline: a mark per call, one lane per token, the failing calls in red.
  await expect(page.locator('[data-testid=timeline] circle.mark')).toHaveCount(want.sfcc_entries.length);
  expect(await page.locator('[data-testid=timeline] g.lane[data-token]').count()).toBeGreaterThanOrEqual(4);
  for (const e of want.failing_sfcc_entries) {
    await expect(page.locator(`[data-testid=timeline] circle.mark[data-entry="${e}"]`)).toHaveClass(/client-error/);
  }
  for (const f of want.findings.filter((f: { severity: string }) => f.severity === 'error')) {
    await expect(page.locator(`[data-testid=session-findings] [data-finding="${f.id}"]`)).toBeVisible();
  }
  await expect(page.getByTestId('session-capture')).toContainText('39 entries: 18 SFCC calls');
});

test('a HAR dropped anywhere on the page is read the same way', async ({ page }) => {
  await gotoApp(page);
  await dropFile(page, 'refresh-race.har', harText('refresh-race.har'));
  await expect(page.getByTestId('drop-overlay')).toHaveCount(0);
  await expect(page.getByTestId('session')).toContainText('Session: refresh-race.har');
  await expect(page.locator('[data-testid=session-findings] [data-finding=refresh-token-reused]')).toBeVisible();
  await expect(page.locator('[data-testid=session-findings] [data-finding=refresh-token-reused]')).not.toContainText(/[A-Za-z0-9_-]{43}/);
});

test('selecting a failing call opens the inspector on it, judged at the time of the call', async ({ page }) => {
  await gotoApp(page);
  await openByPicker(page, 'pwa-kit-session.har');
  await page.locator('[data-testid=calls] tr[data-entry="34"] [data-testid=inspect-call]').click();
  await expect(page.locator('[data-testid=calls] tr[data-entry="34"]')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('verdict-headline')).toContainText(/expired/i);
  await expect(page.getByTestId('call-verdict')).toContainText('Judged at the time of the call, 2026-11-18T10:20');
  await expect(page.getByTestId('call-verdict')).toBeInViewport();
  // The 403: the missing .rw scope, from a mark on the timeline.
  await page.locator('[data-testid=timeline] circle.mark[data-entry="26"]').click();
  await expect(page.getByTestId('verdict-headline')).toContainText('sfcc.shopper-baskets-orders.rw');
  await expect(page.getByTestId('request-input')).toHaveValue(/^PATCH https:\/\/shop\.example\.com\/mobify\/proxy\/api\/checkout\/shopper-baskets/);
});

test('two tokens of the session side by side: the scope the refresh lost', async ({ page }) => {
  await gotoApp(page);
  await openByPicker(page, 'pwa-kit-session.har');
  await page.getByTestId('session-compare-go').click();
  const card = page.locator('[data-testid=session] [data-testid=comparison]');
  await expect(card).toBeVisible();
  await expect(card.getByTestId('scopes-removed')).toContainText('sfcc.shopper-baskets-orders.rw');
});

test('the sanitized HAR download holds no token, signature, refresh token, cookie value, secret or e-mail, and reads the same', async ({ page }) => {
  await gotoApp(page);
  for (const name of ['pwa-kit-session.har', 'sfra-hybrid-session.har', 'am-admin.har']) {
    const input = harText(name);
    await openByPicker(page, name);
    await expect(page.getByTestId('session')).toContainText(`Session: ${name}`);
    const findings = await page.locator('[data-testid=session-findings] [data-finding]').evaluateAll((li) =>
      li.map((l) => l.getAttribute('data-finding')),
    );
    const downloading = page.waitForEvent('download');
    await page.getByTestId('download-sanitized').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(name.replace('.har', '.sanitized.har'));
    const out = readFileSync(await download.path(), 'utf8');
    await expect(page.getByTestId('export-manifest')).toContainText('removed');
    const har = JSON.parse(out);
    expect(har.log.entries.length).toBe(JSON.parse(input).log.entries.length);
    expect(har.log.comment).toContain('SFCC Token Inspector');
    for (const jwt of jwts(input)) {
      expect(out).not.toContain(jwt.split('.')[2]);
    }
    for (const email of new Set(input.match(/[\w.+-]+@[\w-]+\.[\w.]+/g) ?? [])) expect(out).not.toContain(email);
    for (const m of input.matchAll(/(?:refresh_token|client_secret|password|code_verifier)(?:=|\\":\s*\\"|":\s*")([^&"\\\s]{8,})/g)) {
      expect(out, m[0].slice(0, 40)).not.toContain(m[1]);
    }
    for (const m of input.matchAll(/(?:cc-nx-g|cc-nx|dwsid|cc-at|cc-at_2)(?:_[\w-]+)?=([^;"\\\s]{16,})/g)) {
      expect(out, m[0].slice(0, 30)).not.toContain(m[1]);
    }
    // Our own page reads the export to the same diagnostics.
    await dropFile(page, `sanitized-${name}`, out);
    await expect(page.getByTestId('session')).toContainText(`Session: sanitized-${name}`);
    for (const id of findings.filter((f) => !/secret|credentials/.test(f ?? ''))) {
      await expect(page.locator(`[data-testid=session-findings] [data-finding="${id}"]`)).toHaveCount(1);
    }
  }
});

test('bad files get a precise message, and what did parse is kept', async ({ page }) => {
  await gotoApp(page);
  await openByPicker(page, 'not-a-har.json');
  await expect(page.getByTestId('har-error')).toContainText('Valid JSON, but not a HAR: there is no log.entries (it looks like a Postman collection)');
  await openByPicker(page, 'truncated.har');
  await expect(page.getByTestId('har-problems')).toContainText('ends inside entry 31; 30 entries read');
  await expect(page.getByTestId('session-capture')).toContainText('30 entries');
  await dropFile(page, 'session.zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]));
  await expect(page.getByTestId('har-error')).toContainText('unzip it first');
  // The session read before is still there.
  await expect(page.getByTestId('session-capture')).toContainText('30 entries');
});

test('a big HAR shows its progress, and Cancel stops the reading and keeps the page as it was', async ({ page }) => {
  // 120 MB: the session's own entries, then big base64 images (a HAR of a long browsing session).
  const har = JSON.parse(harText('pwa-kit-session.har'));
  const image = Buffer.alloc(3 << 20, 7).toString('base64');
  const template = har.log.entries[0];
  for (let i = 0; i < 30; i++) {
    har.log.entries.push({ ...template, request: { ...template.request, url: `https://shop.example.com/img/${i}.png` },
      response: { ...template.response, content: { size: image.length, mimeType: 'image/png', encoding: 'base64', text: image } } });
  }
  const big = test.info().outputPath('big.har');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(big, JSON.stringify(har));
  await gotoApp(page);
  await page.getByTestId('har-file').setInputFiles(big);
  await expect(page.getByTestId('har-progress')).toBeVisible();
  await expect(page.getByTestId('har-progress').locator('progress')).toHaveAttribute('max', /\d{8,}/);
  await page.getByTestId('har-cancel').click();
  await expect(page.getByTestId('har-progress')).toHaveCount(0);
  await expect(page.getByTestId('session')).toHaveCount(0);
  await expect(page.getByTestId('har-error')).toHaveCount(0);
  // The page still works, and the same file can be read to the end.
  await page.getByTestId('har-file').setInputFiles(big);
  await expect(page.getByTestId('session-capture')).toContainText(`${har.log.entries.length} entries`, { timeout: 20_000 });
  await expect(page.getByTestId('session-capture')).toContainText('bodies that cannot matter');
});

test('a sanitized export is recognised, and each call shows the token it most likely sent', async ({ page }) => {
  await gotoApp(page);
  await openByPicker(page, 'pwa-kit-session-sanitized.har');
  await expect(page.getByTestId('sanitized-note')).toContainText('Application tab');
  await expect(page.locator('[data-testid=session-findings] [data-finding=sanitized-export]')).toBeVisible();
  await expect(page.locator('[data-testid=calls] tr[data-entry="26"] td').nth(4)).toHaveText(/\?$/);
});

test('nothing of the HAR reaches storage, the URL or the console', async ({ page, consoleMessages }) => {
  await gotoApp(page);
  const input = harText('pwa-kit-session.har');
  await openByPicker(page, 'pwa-kit-session.har');
  await page.locator('[data-testid=calls] tr[data-entry="26"] [data-testid=inspect-call]').click();
  await expect(page.getByTestId('verdict-headline')).toBeVisible();
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
  const url = page.url();
  const consoleText = consoleMessages.map((m) => m.text()).join('\n');
  for (const jwt of jwts(input)) {
    for (const part of jwt.split('.').slice(1)) {
      expect(stored).not.toContain(part.slice(0, 24));
      expect(url).not.toContain(part.slice(0, 24));
      expect(consoleText).not.toContain(part.slice(0, 24));
    }
  }
  expect(url).not.toContain('#');
  const dbs = await page.evaluate(async () => (await indexedDB.databases()).length);
  expect(dbs).toBe(0);
});

test('screenshot of a session timeline for the README', async ({ page }) => {
  await page.setViewportSize({ width: 1200, height: 900 });
  await gotoApp(page);
  await openByPicker(page, 'pwa-kit-session.har');
  await page.locator('[data-testid=calls] tr[data-entry="26"] [data-testid=inspect-call]').click();
  await expect(page.getByTestId('verdict-headline')).toBeVisible();
  const out = test.info().outputPath('timeline.png');
  await page.getByTestId('session').screenshot({ path: out });
  mkdirSync(join(__dirname, '..', '..', 'docs'), { recursive: true });
  copyFileSync(out, join(__dirname, '..', '..', 'docs', 'timeline.png'));
});

test('a HAR pasted as text opens the session, and its export still works after a call was inspected', async ({ page }) => {
  await gotoApp(page);
  const text = harText('am-admin.har');
  await page.fill('[data-testid=token-input]', text);
  await expect(page.getByTestId('session')).toContainText('Session: pasted HAR');
  await page.locator('[data-testid=calls] tr[data-entry="4"] [data-testid=inspect-call]').click();
  await expect(page.getByTestId('verdict-headline')).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('download-sanitized').click();
  const out = readFileSync(await (await downloading).path(), 'utf8');
  expect(JSON.parse(out).log.entries.length).toBe(JSON.parse(text).log.entries.length);
  expect(out).not.toContain('fake-secret-do-not-use');
});
