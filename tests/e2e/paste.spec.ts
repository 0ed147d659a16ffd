// Paste anything, for real: several tokens at once, any Authorization scheme, a HAR file — each
// credential gets its own tab, labelled by where it was found. The shared fixture fails any test
// in which the page made a request after mounting.
import { mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, gotoApp } from './fixtures';
import { fixture, index } from './tokens';

// The fixtures were minted for this instant; pin the page's clock to it (+1 min).
const REFERENCE_NOW = new Date((index.reference_now + 60) * 1000);

const input = '[data-testid=token-input]';

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(REFERENCE_NOW);
});

test('two tokens on two lines give two tabs labelled line 1 and line 2 with their kinds', async ({ page }) => {
  await gotoApp(page);
  await page.fill(input, `${fixture('slas-access-guest.jwt')}\n${fixture('am-client-credentials.jwt')}\n`);
  const tabs = page.getByTestId('credential-tab');
  await expect(tabs).toHaveCount(2);
  await expect(tabs.nth(0).locator('.tab-label')).toHaveText('line 1');
  await expect(tabs.nth(0).locator('.tab-kind')).toHaveText('SLAS shopper access token');
  await expect(tabs.nth(1).locator('.tab-label')).toHaveText('line 2');
  await expect(tabs.nth(1).locator('.tab-kind')).toHaveText('Account Manager access token');
  await tabs.nth(1).click();
  await expect(page.getByTestId('kind')).toHaveText('Account Manager access token');
  await expect(page.locator('.found-in strong')).toHaveText('line 2');
});

test('an Authorization: SLAS line decodes, with SLAS named in what was stripped', async ({ page }) => {
  await gotoApp(page);
  await page.fill(input, `Authorization: SLAS ${fixture('slas-access-guest.jwt')}`);
  await expect(page.getByTestId('kind')).toHaveText('SLAS shopper access token');
  await expect(page.getByTestId('credential-tab')).toHaveCount(0);
  await expect(page.getByTestId('stripped')).toContainText('read the Authorization header');
  await expect(page.getByTestId('stripped')).toContainText('removed the “SLAS” scheme');
  await expect(page.locator('.raw-token .seg-signature')).toHaveCount(1);
});

test('a HAR pasted as text shows each token labelled with its JSON path, and the posted secret masked', async ({ page }) => {
  await gotoApp(page);
  await page.fill(input, fixture('har-am-admin-two-entries.har'));
  const tabs = page.getByTestId('credential-tab');
  await expect(tabs).toHaveCount(2);
  // The access token came back in entry 0's response and was sent in entry 1: one tab, both places.
  await expect(tabs.nth(1).locator('.tab-label')).toHaveText(
    'log.entries[0].response.content.text.access_token, log.entries[1].request.headers[authorization]');
  await expect(tabs.nth(1).locator('.tab-kind')).toHaveText('Account Manager access token');
  await tabs.nth(1).click();
  await expect(page.getByTestId('kind')).toHaveText('Account Manager access token');
  // Entry 0 posted the client credentials in its body (client_secret_post).
  await expect(tabs.nth(0).locator('.tab-label')).toHaveText('log.entries[0].request.postData.text');
  await tabs.nth(0).click();
  await expect(page.getByTestId('client-id')).toHaveText('c793725e-fd1a-447b-ad5d-025b600c9678');
  await expect(page.getByTestId('secret')).toContainText('hidden');
  await expect(page.getByTestId('grant-type')).toHaveText('client_credentials');
  await expect(page.getByTestId('token-endpoint')).toHaveText('https://account.demandware.com/dwsso/oauth2/access_token');
  await expect(page.getByTestId('result')).toContainText('rotate the secret');
  for (const shown of [page.getByTestId('result'), page.getByTestId('stripped'), page.locator('nav.tabs')]) {
    await expect(shown).not.toContainText('fake-secret-do-not-use');
  }
});

test('screenshot of a HAR paste for the README', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1100 });
  await gotoApp(page);
  await page.fill(input, fixture('har-am-admin-two-entries.har'));
  await expect(page.getByTestId('credential-tab').first()).toBeVisible();
  await expect(page.getByTestId('result')).toBeVisible();
  const dir = join(__dirname, '..', '..', 'test-results');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, 'paste-har.png'), fullPage: false });
  if (process.env.UPDATE_SCREENSHOT) {
    mkdirSync(join(__dirname, '..', '..', 'docs'), { recursive: true });
    copyFileSync(join(dir, 'paste-har.png'), join(__dirname, '..', '..', 'docs', 'paste-har.png'));
  }
});

test('two tokens side by side: what differs is marked, with the scopes one lacks', async ({ page }) => {
  await gotoApp(page);
  await page.fill(input, `works: ${fixture('slas-access-guest.jwt')}\nfails: ${fixture('slas-access-registered.jwt')}`);
  await expect(page.getByTestId('credential-tab')).toHaveCount(2);
  await page.getByTestId('compare-with').selectOption('1');
  const table = page.getByTestId('comparison');
  await expect(table.locator('tr[data-line=Tenant]')).toHaveAttribute('data-same', 'false');
  await expect(table.locator('tr[data-line=Tenant]')).toContainText('abcd_001');
  await expect(table.locator('tr[data-line=Tenant]')).toContainText('wxyz_prd');
  await expect(table.locator('tr[data-line=Kind]')).toHaveAttribute('data-same', 'true');
  await expect(page.getByTestId('scopes-removed')).toContainText('sfcc.shopper-baskets-orders.rw');
  await expect(page.getByTestId('claims-changed').locator('tr[data-claim=isb]')).toBeVisible();
  await page.getByTestId('compare-with').selectOption('');
  await expect(page.getByTestId('comparison')).toHaveCount(0);
});
