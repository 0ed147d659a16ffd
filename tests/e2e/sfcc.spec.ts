// SFCC intelligence as a support engineer meets it: what kind of token, whose tenant and site,
// and whether it can make the call that fails — plus the checklist that survives a reload while
// the token does not, and a shareable checklist link that holds no token.
import { mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, gotoApp, reloadApp } from './fixtures';
import { fixture, NOW, slasToken } from './tokens';

const input = '[data-testid=token-input]';
const requestInput = '[data-testid=request-input]';
const checklistInput = '[data-testid=checklist-input]';
const SCAPI = 'https://kv7kzm78.api.commercecloud.salesforce.com';

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date((NOW + 60) * 1000));
});

test('a registered SLAS token is named, with its evidence, identity, tenant and scopes', async ({ page }) => {
  await gotoApp(page);
  await page.fill(input, fixture('slas-access-registered.jwt'));
  await expect(page.getByTestId('kind')).toHaveText('SLAS shopper access token');
  await expect(page.getByTestId('result')).toHaveAttribute('data-sfcc-kind', 'slas-access');
  await expect(page.getByTestId('variant')).toHaveText('registered shopper');
  await expect(page.getByTestId('evidence')).toContainText('cc-slas::');
  await expect(page.getByTestId('evidence')).toContainText('rcid');
  const identity = page.getByTestId('identity');
  await expect(identity.locator('[data-field=site] .value')).toHaveText('MyShop-US');
  await expect(identity.locator('[data-field=scid] .value')).toHaveText('9dfb369b-ab13-4fae-a276-55daa05f1119');
  await expect(identity.locator('[data-field=customer] .value')).toHaveText('bdlIKiUBKnCfK2vuAiSDMK2xTY');
  await expect(page.getByTestId('tenant-id')).toHaveText('wxyz_prd');
  await expect(page.getByTestId('org-id')).toHaveText('f_ecom_wxyz_prd');
  await expect(page.getByTestId('instance-type')).toHaveText('production');
  await expect(page.locator('[data-testid=scopes] tr[data-class=shopper]').first()).toBeVisible();
});

test('a token whose iss and sub name different tenants says so, naming both places', async ({ page }) => {
  await gotoApp(page);
  await page.fill(input, fixture('slas-access-tenant-mismatch.jwt'));
  const finding = page.locator('[data-finding=tenant-mismatch]');
  await expect(finding).toContainText('wxyz_prd');
  await expect(finding).toContainText('abcd_001');
  await expect(page.locator('[data-testid=tenant-places] tr.mismatch[data-place=iss]')).toBeVisible();
  await expect(page.locator('[data-testid=tenant-places] tr[data-place=sub]')).not.toHaveClass(/mismatch/);
});

test('an Account Manager user token lists its roles and every tenant it names', async ({ page }) => {
  await gotoApp(page);
  await page.fill(input, fixture('am-user-multi-tenant.jwt'));
  await expect(page.getByTestId('kind')).toHaveText('Account Manager access token');
  await expect(page.getByTestId('variant')).toHaveText('user login');
  await expect(page.getByTestId('tenants-all')).toContainText('zzte_s05');
  await expect(page.getByTestId('tenants-all')).toContainText('*_*');
  await expect(page.locator('[data-testid=identity] [data-field=tenant-filter]')).toContainText('SLAS_ORGANIZATION_ADMIN');
});

test('a read-only token and a failing basket update: verdict, checklist and the 403 body', async ({ page }) => {
  await gotoApp(page);
  await page.fill(input, slasToken('sfcc.shopper-baskets-orders sfcc.shopper-products'));
  await page.fill(requestInput, `PATCH ${SCAPI}/checkout/shopper-baskets/v2/organizations/f_ecom_abcd_001/baskets/bk1?siteId=RefArch`);
  await expect(page.getByTestId('operation')).toHaveAttribute('data-operation', 'updateBasket');
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-ok', 'false');
  await expect(verdict).toContainText('cannot call updateBasket');
  await expect(verdict).toContainText('sfcc.shopper-baskets-orders.rw');
  const row = page.locator('[data-testid=checklist-rows] li[data-scope="sfcc.shopper-baskets-orders.rw"]');
  await expect(row).toHaveAttribute('data-check', 'read-only');
  await expect(row).toContainText('from the request');
  const missing = page.locator('[data-finding=missing-scope]');
  await expect(missing).toBeVisible();
  await missing.locator('summary').click();
  await expect(missing.getByTestId('error-body')).toContainText('Your shopper JWT is valid, but you have no permissions');
  await expect(page.locator('[data-testid=request-checks] tr[data-check=tenant]')).toHaveAttribute('data-outcome', 'pass');
  await expect(page.locator('[data-testid=request-checks] tr[data-check=site]')).toHaveAttribute('data-outcome', 'pass');
  // The same call with the .rw scope passes.
  await page.fill(input, slasToken('sfcc.shopper-baskets-orders.rw'));
  await expect(verdict).toHaveAttribute('data-ok', 'true');
  await expect(verdict).toContainText('can call updateBasket');
  await expect(row).toHaveAttribute('data-check', 'satisfied');
});

test('a call for another tenant and another site is caught', async ({ page }) => {
  await gotoApp(page);
  await page.fill(input, fixture('slas-access-guest.jwt'));
  await page.fill(requestInput, `curl '${SCAPI}/product/shopper-products/v1/organizations/f_ecom_wxyz_prd/products/25?siteId=MyShop-US' -H 'Accept: application/json'`);
  await expect(page.getByTestId('operation')).toHaveAttribute('data-operation', 'getProduct');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-ok', 'false');
  await expect(page.locator('[data-testid=request-checks] tr[data-check=tenant]')).toHaveAttribute('data-outcome', 'fail');
  await expect(page.locator('[data-testid=request-checks] tr[data-check=site]')).toHaveAttribute('data-outcome', 'fail');
  await expect(page.locator('[data-finding=site-mismatch]')).toContainText('MyShop-US');
});

test('a request that matches nothing names the nearest operations', async ({ page }) => {
  await gotoApp(page);
  await page.fill(requestInput, `GET ${SCAPI}/checkout/shopper-baskets/v2/organizations/f_ecom_abcd_001/basket/bk1`);
  await expect(page.getByTestId('operation')).toHaveAttribute('data-operation', '');
  await expect(page.getByTestId('operation')).toContainText('Nearest');
  await page.fill(requestInput, 'this is not a request');
  await expect(page.getByTestId('request-error')).toBeVisible();
});

test('the checklist survives a reload, the token does not, and only the checklist is stored', async ({ page }) => {
  await gotoApp(page);
  const token = fixture('slas-access-guest.jwt');
  await page.fill(input, token);
  // A token pasted into the wrong box by mistake is not taken as a scope, so never stored.
  await page.fill(checklistInput, `sfcc.shopper-baskets-orders.rw, sfcc.shopper-context.rw\nsfcc.shopper-myaccount.addresses ${token}`);
  const rows = page.locator('[data-testid=checklist-rows] li');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute('data-check', 'satisfied');
  await expect(rows.nth(1)).toHaveAttribute('data-check', 'missing');
  await expect(rows.nth(2)).toHaveAttribute('data-check', 'satisfied');
  await expect(page.getByTestId('extra-scopes')).toContainText('sfcc.shopper-products');
  // A preset adds its scopes.
  await page.getByTestId('preset').selectOption('shopper-standard');
  await expect(page.locator('[data-testid=checklist-rows] li[data-scope="sfcc.shopper-standard"]')).toHaveAttribute('data-check', 'missing');

  await reloadApp(page);
  await expect(page.locator(input)).toHaveValue('');
  await expect(page.locator(checklistInput)).toHaveValue(/sfcc\.shopper-context\.rw/);
  await expect(page.locator('[data-testid=checklist-rows] li')).toHaveCount(4);
  await expect(page.locator('[data-testid=checklist-rows] li').first()).toHaveAttribute('data-check', 'unchecked');
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }) + document.cookie);
  expect(stored).toContain('sfcc.shopper-context.rw');
  expect(stored).not.toContain('eyJ');
  expect(stored).not.toContain(token.slice(-40));

  // Clearing the checklist forgets it.
  await page.getByTestId('clear-checklist').click();
  await expect(page.locator(checklistInput)).toHaveValue('');
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).toBe('{}');
});

test('a shared checklist link reproduces the checklist and holds no token', async ({ page }) => {
  await gotoApp(page);
  await page.fill(input, fixture('slas-access-registered.jwt'));
  await page.fill(checklistInput, 'sfcc.shopper-products sfcc.shopper-baskets-orders.rw|sfcc.shopper-standard');
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toContain('/tools/sfcc-token/#expect=');
  const fragment = link.slice(link.indexOf('#'));
  expect(fragment).toBe('#expect=sfcc.shopper-products,sfcc.shopper-baskets-orders.rw%7Csfcc.shopper-standard');
  expect(link).not.toContain('eyJ');
  // A colleague opens it in a fresh browser.
  await page.evaluate(() => localStorage.clear());
  await page.goto('about:blank');
  await gotoApp(page, fragment);
  await expect(page.locator(input)).toHaveValue('');
  await expect(page.locator('[data-testid=checklist-rows] li[data-scope="sfcc.shopper-products"]')).toBeVisible();
  await expect(page.locator('[data-testid=checklist-rows] li[data-scope="sfcc.shopper-baskets-orders.rw"]')).toContainText('sfcc.shopper-standard');
  await expect.poll(() => page.url()).not.toContain('#');
});

test('screenshot of the request check for the README', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1250 });
  await gotoApp(page);
  await page.fill(input, slasToken('sfcc.shopper-baskets-orders sfcc.shopper-products sfcc.shopper-product-search'));
  await page.fill(requestInput, `PATCH ${SCAPI}/checkout/shopper-baskets/v2/organizations/f_ecom_abcd_001/baskets/bk1?siteId=RefArch`);
  await page.fill(checklistInput, 'sfcc.shopper-products');
  await expect(page.getByTestId('verdict')).toBeVisible();
  const dir = join(__dirname, '..', '..', 'test-results');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, 'request-check.png'), fullPage: false });
  if (process.env.UPDATE_SCREENSHOT) {
    copyFileSync(join(dir, 'request-check.png'), join(__dirname, '..', '..', 'docs', 'request-check.png'));
  }
});
