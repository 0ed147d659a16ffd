// Is this token genuine? The signature verified by the browser's WebCrypto against the keys the
// engineer pastes, offline: verified with the key named, or not verified with the reason; the
// keys are never stored, put in the URL or logged, and nothing is requested.
import { test, expect, gotoApp } from './fixtures';
import { fixture, NOW, index } from './tokens';

const input = '[data-testid=token-input]';
const keysInput = '[data-testid=keys-input]';
const requestInput = '[data-testid=request-input]';

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date((NOW + 60) * 1000));
});

async function openKeys(page: import('@playwright/test').Page) {
  await page.getByTestId('keys').locator('summary').click();
  await expect(page.locator(keysInput)).toBeVisible();
}

test('a SLAS token and its tenant JWKS: verified, with the key named', async ({ page }) => {
  await gotoApp(page);
  await page.fill(input, fixture('slas-access-guest.jwt'));
  await expect(page.getByTestId('signature')).toHaveAttribute('data-signature', 'not-checked');
  await page.fill(requestInput, 'GET https://kv7kzm78.api.commercecloud.salesforce.com/product/shopper-products/v1/organizations/f_ecom_abcd_001/products/25?siteId=RefArch');
  // Where the keys are: the tenant's JWKS URL with the request's short code, as a curl to copy.
  await expect(page.getByTestId('jwks-curl')).toHaveText(
    "curl -s 'https://kv7kzm78.api.commercecloud.salesforce.com/shopper/auth/v1/organizations/f_ecom_abcd_001/oauth2/jwks'",
  );
  await openKeys(page);
  await page.fill(keysInput, fixture('jwks.json'));
  await expect(page.getByTestId('signature')).toHaveAttribute('data-signature', 'verified');
  await expect(page.getByTestId('signature-text')).toContainText('ES256, with JWKS key 1 of 11 (kid 5c0b2f7e-3d1a-4e8b-9f62-1a7c4d9e0b35, EC P-256)');
});

test('a tampered token, an unknown kid, a wrong key type: not verified, each with its reason', async ({ page }) => {
  await gotoApp(page);
  await openKeys(page);
  await page.fill(keysInput, fixture('jwks.json'));
  await page.fill(input, fixture('slas-access-bad-signature.jwt'));
  await expect(page.getByTestId('signature')).toHaveAttribute('data-signature', 'failed');
  await expect(page.getByTestId('signature-text')).toContainText('the token was altered, or signed by another key with the same kid');
  await page.fill(input, fixture('slas-access-unknown-kid.jwt'));
  await expect(page.getByTestId('signature')).toHaveAttribute('data-signature', 'no-key');
  await expect(page.getByTestId('signature-text')).toContainText("the token's kid 00000000-dead-4bad-8bad-000000000000 is not in the pasted keys");
  await expect(page.getByTestId('signature-text')).toContainText('fetch the set again');
  // An RSA key for an ES256 token.
  await page.fill(keysInput, fixture('keys/rs256-account-manager.pub.pem'));
  await page.fill(input, fixture('slas-access-guest.jwt'));
  await expect(page.getByTestId('signature')).toHaveAttribute('data-signature', 'no-key');
  await expect(page.getByTestId('signature-text')).toContainText('ES256 needs an EC P-256 key');
});

test('an HS256 test token with its secret, and the verdict and ticket say so; the secret is never kept', async ({ page, consoleMessages, baseURL }) => {
  await gotoApp(page);
  await page.fill(input, fixture('slas-access-hs256-resigned.jwt'));
  await openKeys(page);
  const secret: string = index.hs256_secret.secret_utf8;
  await page.fill(keysInput, secret);
  await expect(page.getByTestId('signature')).toHaveAttribute('data-signature', 'verified');
  await expect(page.getByTestId('signature-text')).toContainText('shared secret, read as text');
  await expect(page.getByTestId('secret-warning')).toContainText('rotate it');
  await page.fill('[data-testid=answer-input]', 'HTTP/2 401\n\n{"type":"https://api.commercecloud.salesforce.com/documentation/error/v1/errors/unauthorized","title":"Unauthorized","detail":"x"}');
  await expect(page.locator('[data-testid=causes] [data-check=signature]')).toHaveAttribute('data-judgement', 'ruled-out');
  await expect(page.getByTestId('ticket-text')).toContainText('**Signature:** verified (HS256) with shared secret, read as text');
  await expect(page.getByTestId('ticket-text')).not.toContainText(secret);
  const state = await page.evaluate(() => ({ local: JSON.stringify(localStorage), session: sessionStorage.length, url: location.href, cookies: document.cookie }));
  const seen = [state.local, state.url, state.cookies, ...consoleMessages.map((m) => m.text())].join('\n');
  expect(seen).not.toContain(secret);
  expect(seen).not.toContain('"kty"');
  expect(state.session).toBe(0);
  expect(state.url).toBe(baseURL);
});
