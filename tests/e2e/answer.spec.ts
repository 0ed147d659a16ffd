// The API's answer as the third piece of evidence: one verdict from token × request × answer,
// judged at the time of the call, and a ticket summary that holds nothing usable or personal.
import { mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, gotoApp } from './fixtures';
import { fixture, NOW, slasToken } from './tokens';

const input = '[data-testid=token-input]';
const requestInput = '[data-testid=request-input]';
const answerInput = '[data-testid=answer-input]';
const SCAPI = 'https://kv7kzm78.api.commercecloud.salesforce.com';
const BASKET = `${SCAPI}/checkout/shopper-baskets/v1/organizations/f_ecom_abcd_001/baskets/bcXwkiaaBYP9Cz4K1wQ9prqvy5?siteId=RefArch`;
const ERRORS = 'https://api.commercecloud.salesforce.com/documentation/error/v1/errors';
const problem = (slug: string, detail: string) => JSON.stringify({ type: `${ERRORS}/${slug}`, title: slug, detail });
/** An HTTP date `secs` seconds after the fixtures' NOW. */
const httpDate = (secs: number) => new Date((NOW + secs) * 1000).toUTCString();

/** Every scope of the guest fixture but the .rw baskets scope. */
const READ_ONLY = 'sfcc.shopper-products sfcc.shopper-baskets-orders sfcc.shopper-categories sfcc.shopper-myaccount.rw';

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date((NOW + 60) * 1000));
});

test('a 403 for a read-only scope: the verdict names the scope and the operation', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await gotoApp(page);
  await page.fill(input, slasToken(READ_ONLY));
  await page.fill(requestInput, `PATCH ${BASKET}`);
  await page.fill(answerInput, `HTTP/2 403\ncontent-type: application/problem+json\nsfdc_correlation_id: 3b0c5f1e-aa11-4c3e-9d1f-0f6e2a9b7c55\n\n${problem('forbidden', 'Your shopper JWT is valid, but you have no permissions to access the resource.')}`);
  await expect(page.getByTestId('verdict-headline')).toHaveText(
    '403: the token has sfcc.shopper-baskets-orders (read); updateBasket needs sfcc.shopper-baskets-orders.rw.',
  );
  await expect(page.getByTestId('call-verdict')).toHaveAttribute('data-settled', 'true');
  await expect(page.locator('[data-testid=causes] li').first()).toHaveAttribute('data-judgement', 'confirmed');
  await expect(page.locator('[data-check=wrong-token-kind]')).toHaveAttribute('data-judgement', 'ruled-out');
  await expect(page.getByTestId('answer-recognised')).toHaveAttribute('data-entry', 'scapi-forbidden');
  await expect(page.getByTestId('correlation-id')).toHaveText('3b0c5f1e-aa11-4c3e-9d1f-0f6e2a9b7c55');
  await expect(page.getByTestId('correlation')).toContainText('Log Center');
  await expect(page.locator('[data-testid=answer-headers] tr[data-header=sfdc_correlation_id]')).toBeVisible();
  // The id, copied for the ticket; the button says so.
  const copy = page.getByRole('button', { name: 'Copy the correlation id' });
  await copy.click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('3b0c5f1e-aa11-4c3e-9d1f-0f6e2a9b7c55');
  await expect(copy).toHaveText('Copied');
  await expect(copy).toHaveText('Copy', { timeout: 4000 });
});

test('a 401 is judged at the time of the call, hours before the engineer looks', async ({ page }) => {
  // The guest fixture expires at NOW + 1200; the call was 2 min after that; "now" is 5 h later.
  await page.clock.setFixedTime(new Date((NOW + 1320 + 5 * 3600) * 1000));
  await gotoApp(page);
  await page.fill(input, fixture('slas-access-guest.jwt'));
  await page.fill(requestInput, `PATCH ${BASKET}`);
  await page.fill(answerInput, `HTTP/2 401\ndate: ${httpDate(1320)}\nwww-authenticate: Bearer realm="servers", error="invalid_token", error_description="The token expired"\n\n${problem('unauthorized', 'Your access token is invalid or expired.')}`);
  await expect(page.getByTestId('verdict-headline')).toHaveText('401: the token had expired 2 min before the call.');
  await expect(page.getByTestId('judged-at')).toContainText('Judged at the time of the call, 2026-11-22T10:32:00Z');
  await expect(page.getByTestId('judged-at')).toContainText('now it is 2026-11-22T15:32:00Z');
  await expect(page.locator('[data-testid=request-checks] [data-check=time]')).toContainText('Expired 2 min before the call');
  await expect(page.locator('[data-testid=answer-headers] tr[data-header=www-authenticate]')).toContainText('The token expired');
});

test('a 401 for a valid token whose shopper changed credentials: revoked', async ({ page }) => {
  await gotoApp(page);
  await page.fill(input, fixture('slas-access-registered.jwt'));
  await page.fill(requestInput, `GET ${SCAPI}/customer/shopper-customers/v1/organizations/f_ecom_wxyz_prd/customers/bdlIKiUBKnCfK2vuAiSDMK2xTY?siteId=MyShop-US`);
  await page.fill(answerInput, `HTTP/2 401\ndate: ${httpDate(30)}\n\n${problem('unauthorized', 'Customer credentials changed after token was issued.')}`);
  const headline = page.getByTestId('verdict-headline');
  await expect(headline).toContainText('401 although the token was valid at the call');
  await expect(headline).toContainText('has the scopes');
  await expect(headline).toContainText('the token was revoked; the shopper must log in again');
  await expect(page.getByTestId('answer-entry')).toHaveAttribute('data-entry', 'scapi-unauthorized-credentials-changed');
});

test('a 404 on a custom API is not an auth problem', async ({ page }) => {
  await gotoApp(page);
  await page.fill(input, fixture('slas-access-guest.jwt'));
  await page.fill(requestInput, `GET ${SCAPI}/custom/loyalty-info/v1/organizations/f_ecom_abcd_001/points?siteId=RefArch`);
  await page.fill(answerInput, 'HTTP/2 404\ncontent-length: 0\n\n');
  await expect(page.getByTestId('operation')).toHaveAttribute('data-operation', 'custom:loyalty-info');
  await expect(page.getByTestId('verdict-headline')).toHaveText(
    '404: on a custom API: the endpoint is not registered for this site; not an auth problem.',
  );
  await expect(page.getByTestId('answer-entry')).toContainText('custom-api-endpoint-not-registered');
});

test('the ticket summary is shown, copied, and holds no token segment and no personal data', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await gotoApp(page);
  const token = fixture('slas-access-registered.jwt');
  await page.fill(input, token);
  await page.fill(requestInput, `GET ${SCAPI}/customer/shopper-customers/v1/organizations/f_ecom_wxyz_prd/customers/bdlIKiUBKnCfK2vuAiSDMK2xTY?siteId=MyShop-US`);
  await page.fill(answerInput, `HTTP/2 401\nsfdc_correlation_id: 9f1c2d3e-aaaa-bbbb-cccc-0123456789ab\n\n${problem('unauthorized', 'Customer credentials changed after token was issued.')}`);
  // Shown first, open: exactly what will be copied.
  await expect(page.getByTestId('ticket-text')).toBeVisible();
  const shown = await page.getByTestId('ticket-text').textContent();
  await page.getByRole('button', { name: 'Copy for a ticket' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(shown);
  for (const part of token.split('.')) expect(copied).not.toContain(part);
  for (const personal of ['bdlIKiUBKnCfK2vuAiSDMK2xTY', '473a1797-8df0-4078-a22e-a180c5c2c2af']) expect(copied).not.toContain(personal);
  const identity = page.getByTestId('identity');
  const login = (await identity.locator('[data-field=login] .value').first().textContent()) ?? '';
  expect(login.length).toBeGreaterThan(3);
  expect(copied).not.toContain(login);
  for (const kept of ['wxyz_prd', 'f_ecom_wxyz_prd', 'MyShop-US', '9dfb369b-ab13-4fae-a276-55daa05f1119', 'getCustomer', '9f1c2d3e-aaaa-bbbb-cccc-0123456789ab', 'usid#1', 'customer#1', 'scapi-unauthorized-credentials-changed']) {
    expect(copied).toContain(kept);
  }
  expect(copied.trim().endsWith('match within this summary._')).toBe(true);
});

test('an answer alone, and one that matches nothing, are shown and never dropped', async ({ page }) => {
  await gotoApp(page);
  await page.fill(answerInput, `{"error":"invalid_request","error_description":"Bad or missing refresh token."}`);
  await expect(page.getByTestId('answer-recognised')).toHaveAttribute('data-entry', 'slas-bad-or-missing-refresh-token');
  await expect(page.getByTestId('answer-recognised')).toContainText('family guessed');
  await page.fill(answerInput, 'HTTP/1.1 418 I\'m a teapot\n\n{"oops": true, "partial": "cut');
  await expect(page.getByTestId('answer-undocumented')).toBeVisible();
  await expect(page.getByTestId('verdict-headline')).toHaveText("418 I'm a teapot: not a documented SFCC error answer.");
  await expect(page.getByTestId('answer-note')).toContainText('ends early');
  await expect(page.getByTestId('answer-body')).toContainText('"oops": true');
});

test('screenshot of a verdict with an answer for the README', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1300 });
  await gotoApp(page);
  await page.fill(input, slasToken(READ_ONLY));
  await page.fill(requestInput, `PATCH ${BASKET}`);
  await page.fill(answerInput, `HTTP/2 403\ndate: ${httpDate(30)}\ncontent-type: application/problem+json\nsfdc_correlation_id: 3b0c5f1e-aa11-4c3e-9d1f-0f6e2a9b7c55\n\n${problem('forbidden', 'Your shopper JWT is valid, but you have no permissions to access the resource.')}`);
  await expect(page.getByTestId('call-verdict')).toBeVisible();
  const dir = join(__dirname, '..', '..', 'test-results');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, 'verdict.png'), fullPage: false });
  if (process.env.UPDATE_SCREENSHOT) {
    mkdirSync(join(__dirname, '..', '..', 'docs'), { recursive: true });
    copyFileSync(join(dir, 'verdict.png'), join(__dirname, '..', '..', 'docs', 'verdict.png'));
  }
});
