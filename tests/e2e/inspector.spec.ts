// What a support engineer does: paste, read, click, copy — on the release build, served from a
// sub-path. The shared fixture fails any test in which the page made a request after mounting.
import { mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, gotoApp } from './fixtures';
import { fixture, index, slasToken } from './tokens';

// The fixtures were minted for this instant; pin the page's clock to it (+1 min).
const REFERENCE_NOW = new Date((index.reference_now + 60) * 1000);

const input = '[data-testid=token-input]';

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(REFERENCE_NOW);
});

test('pasting a SLAS guest token shows its header, claims, times and segments', async ({ page }) => {
  await gotoApp(page);
  await page.fill(input, fixture('slas-access-guest.jwt'));
  await expect(page.getByTestId('kind')).toHaveText('SLAS shopper access token');
  await expect(page.getByTestId('status')).toHaveText('Valid now');
  await expect(page.locator('[data-testid=header-panel] tr[data-claim=alg] .claim-value')).toHaveText('ES256');
  await expect(page.locator('[data-testid=payload-panel] tr[data-claim=isb] .claim-doc')).toContainText('issuer subject');
  await expect(page.getByTestId('payload-json')).toContainText('"sub": "cc-slas::abcd_001::scid:');
  await expect(page.getByTestId('relative-exp')).toHaveText(/^expires in \d+ min/);
  await expect(page.getByTestId('lifetime')).toHaveText('Lifetime (exp − iat): 30 min');
  await expect(page.locator('.raw-token .seg-header')).toHaveCount(1);
  await expect(page.locator('.raw-token .seg-payload')).toHaveCount(1);
  await expect(page.locator('.raw-token .seg-signature')).toHaveCount(1);
});

test('an Authorization line from a curl command is stripped and explained', async ({ page }) => {
  await gotoApp(page);
  const curl = `curl 'https://kv7kzm78.api.commercecloud.salesforce.com/product/shopper-products/v1/organizations/f_ecom_abcd_001/products/25?siteId=RefArch' \\\n  -H 'Authorization: Bearer ${fixture('am-client-credentials.jwt')}'`;
  await page.fill(input, curl);
  await expect(page.getByTestId('kind')).toHaveText('Account Manager access token');
  await expect(page.getByTestId('stripped')).toContainText('read the Authorization header');
  await expect(page.getByTestId('stripped')).toContainText('removed the “Bearer” scheme');
  await expect(page.locator('tr[data-claim=tenantFilter], tr[data-claim=scope]').first()).toBeVisible();
});

test('a JSON token response shows each credential, selectable', async ({ page }) => {
  await gotoApp(page);
  const response = JSON.stringify({
    access_token: fixture('slas-access-registered.jwt'),
    id_token: fixture('slas-id-token.jwt'),
    refresh_token: fixture('slas-refresh-token.txt'),
    expires_in: 1800,
    token_type: 'Bearer',
  }, null, 2);
  await page.fill(input, response);
  const tabs = page.getByTestId('credential-tab');
  await expect(tabs).toHaveCount(3);
  await expect(tabs.nth(0)).toHaveAttribute('aria-selected', 'true');
  await tabs.nth(1).click();
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('tr[data-claim=email]')).toBeVisible();
  await tabs.nth(2).click();
  await expect(page.getByTestId('kind')).toHaveText('SLAS refresh token (opaque)');
});

test('Basic credentials reveal the client id, mask the secret and warn', async ({ page }) => {
  await gotoApp(page);
  await page.fill(input, fixture('basic-auth-header.txt'));
  const secret = index.fixtures.find((f: any) => f.file === 'basic-auth-header.txt').expect.client_secret;
  await expect(page.getByTestId('client-id')).toHaveText('973cb6a3-98e3-4657-84ea-eda349872537');
  await expect(page.getByTestId('secret')).toContainText('characters, hidden');
  await expect(page.locator('[data-finding=secret-pasted]')).toContainText('rotate the secret');
  await expect(page.locator('main#app')).not.toContainText(secret);
});

test('opaque, encrypted and half tokens are recognised, not rejected', async ({ page }) => {
  await gotoApp(page);
  const cases: [string, string][] = [
    ['slas-refresh-token-2part.txt', 'SLAS refresh token (opaque, two-part form)'],
    ['am-opaque-legacy-token.txt', 'Legacy opaque Account Manager token'],
    ['b2c-dwsid.txt', 'B2C Commerce session id (dwsid)'],
    ['jwe-rsa-oaep-256-a256gcm.jwt', 'Encrypted JSON Web Token (JWE)'],
    ['cookie-cc-at.txt', 'First half of a split SLAS token (cc-at cookie)'],
  ];
  for (const [file, title] of cases) {
    await page.fill(input, fixture(file));
    await expect(page.getByTestId('kind'), file).toHaveText(title);
  }
  await expect(page.locator('[data-finding=half-token]')).toContainText('Paste cc-at and cc-at_2 together');
});

test('malformed input gets a precise message and what decoded is still shown', async ({ page }) => {
  await gotoApp(page);
  await page.fill(input, fixture('malformed-bad-base64.jwt'));
  await expect(page.getByTestId('kind')).toHaveText('Malformed token');
  await expect(page.getByTestId('findings')).toContainText(
    "segment 2 (payload) is not valid base64url: unexpected '*' at position",
  );
  await expect(page.locator('[data-testid=header-panel] tr[data-claim=kid]')).toBeVisible();
  await expect(page.locator('.raw-token .seg-payload mark.bad-char')).toHaveText('*');
  await page.fill(input, 'this is not a token at all');
  await expect(page.getByTestId('kind')).toHaveText('Not a recognised token');
  await expect(page.getByTestId('findings')).toContainText('U+0020 at position 5');
});

test('a token in the URL fragment is loaded, then removed from the address bar and history', async ({ page }) => {
  const token = fixture('slas-access-guest.jwt');
  await gotoApp(page, `#access_token=${token}&token_type=Bearer`);
  await expect(page.getByTestId('kind')).toHaveText('SLAS shopper access token');
  await expect(page.locator(input)).toHaveValue(token);
  expect(page.url()).not.toContain('#');
  expect(page.url()).not.toContain('eyJ');
  // about:blank (where every Playwright page starts) + this page: no entry was added for the token.
  expect(await page.evaluate(() => history.length)).toBe(2);
  // A fragment set while the page is open is taken too.
  await page.evaluate((t) => { location.hash = 'token=' + t; }, fixture('slas-id-token.jwt'));
  await expect(page.locator('tr[data-claim=email]')).toBeVisible();
  await expect.poll(() => page.url()).not.toContain('#');
});

test('clear empties the input and the report', async ({ page }) => {
  await gotoApp(page);
  await page.fill(input, fixture('slas-access-guest.jwt'));
  await expect(page.getByTestId('result')).toBeVisible();
  await page.getByTestId('clear').click();
  await expect(page.locator(input)).toHaveValue('');
  await expect(page.locator(input)).toBeFocused();
  await expect(page.getByTestId('result')).toHaveCount(0);
  await expect(page.getByTestId('empty')).toBeVisible();
});

test('copy buttons put the token, the JSON and a claim value on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await gotoApp(page);
  const token = fixture('slas-access-registered.jwt');
  await page.fill(input, token);
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  await page.getByRole('button', { name: 'Copy token' }).click();
  await expect.poll(clipboard).toBe(token);
  await page.getByRole('button', { name: 'Copy Payload JSON' }).click();
  await expect.poll(clipboard).toContain('"isb": "uido:ecom::');
  await page.getByRole('button', { name: 'Copy sub', exact: true }).click();
  await expect.poll(clipboard).toBe('cc-slas::wxyz_prd::scid:9dfb369b-ab13-4fae-a276-55daa05f1119::usid:473a1797-8df0-4078-a22e-a180c5c2c2af');
  await expect(page.getByRole('button', { name: 'Copy sub', exact: true })).toHaveText('Copied');
});

test('readable at 400 px wide without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 400, height: 900 });
  await gotoApp(page);
  await page.fill(input, fixture('slas-access-registered-full-scopes.jwt'));
  await expect(page.getByTestId('result')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('follows the system dark mode', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await gotoApp(page);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(15, 18, 23)');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(244, 246, 248)');
});

test('screenshot for the README', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1100 });
  await gotoApp(page);
  await page.fill(input, `Authorization: Bearer ${fixture('slas-access-registered.jwt')}`);
  await expect(page.getByTestId('result')).toBeVisible();
  const out = join(__dirname, '..', '..', 'test-results', 'readme-screenshot.png');
  mkdirSync(join(__dirname, '..', '..', 'test-results'), { recursive: true });
  await page.screenshot({ path: out, fullPage: false });
  if (process.env.UPDATE_SCREENSHOT) {
    mkdirSync(join(__dirname, '..', '..', 'docs'), { recursive: true });
    copyFileSync(out, join(__dirname, '..', '..', 'docs', 'screenshot.png'));
  }
});

test('a 64 KB token with 1,860 scopes shows the first 100 rows, the rest on request, and folds its big JSON', async ({ page }) => {
  await gotoApp(page);
  await page.fill(input, fixture('slas-access-large-64k.jwt'));
  await expect(page.getByTestId('scopes').locator('h3')).toHaveText('Granted scopes (1860)');
  await expect(page.locator('[data-testid=scopes] tbody tr')).toHaveCount(100);
  await expect(page.locator('tr[data-claim=scp] .claim-value')).toContainText('more characters: copy the value or see the JSON');
  await expect(page.locator('details.json-block').filter({ has: page.getByTestId('payload-json') })).not.toHaveAttribute('open', '');
  await page.getByTestId('show-all-scopes').click();
  await expect(page.locator('[data-testid=scopes] tbody tr')).toHaveCount(1860);
  await expect(page.getByTestId('show-all-scopes')).toHaveCount(0);
  // The next token with many scopes starts folded again.
  await page.fill(input, slasToken(Array.from({ length: 150 }, (_, i) => `c_scope${i}`).join(' ')));
  await expect(page.getByTestId('scopes').locator('h3')).toHaveText('Granted scopes (150)');
  await expect(page.locator('[data-testid=scopes] tbody tr')).toHaveCount(100);
  await expect(page.getByTestId('show-all-scopes')).toHaveText('Show the other 50 scopes');
});
