// The report counts the seconds ("expires in 28 min 59 s"): what the engineer is doing in it
// survives each tick. The page's clock really runs here (Playwright's fake timers, moved on by
// hand), unlike the other specs, which pin it.
import { test, expect, gotoApp, type Page } from './fixtures';
import { fixture, NOW } from './tokens';

const SCAPI = 'https://kv7kzm78.api.commercecloud.salesforce.com';
const ERRORS = 'https://api.commercecloud.salesforce.com/documentation/error/v1/errors';

/** A registered shopper's token that expired 20 s ago, the request it was sent with and the
 * API's 401: every card of the report, several of them counting the seconds since `exp`. */
async function expiredReport(page: Page) {
  const token = fixture('slas-access-registered.jwt');
  const exp = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).exp as number;
  expect(exp).toBeGreaterThan(NOW);
  await page.clock.install({ time: new Date((exp + 20) * 1000) });
  await gotoApp(page);
  await page.fill('[data-testid=token-input]', token);
  await page.fill('[data-testid=request-input]', `GET ${SCAPI}/customer/shopper-customers/v1/organizations/f_ecom_wxyz_prd/customers/bdlIKiUBKnCfK2vuAiSDMK2xTY?siteId=MyShop-US`);
  await page.fill('[data-testid=answer-input]', `HTTP/2 401\nsfdc_correlation_id: 9f1c2d3e-aaaa-bbbb-cccc-0123456789ab\n\n${JSON.stringify({ type: `${ERRORS}/unauthorized`, title: 'unauthorized', detail: 'Customer credentials changed after token was issued.' })}`);
  await expect(page.getByTestId('request-checks')).toBeVisible();
  await expect(page.getByTestId('relative-exp')).toHaveText(/^expired 2\d s ago$/);
}

/** Selects the whole text of the first element `selector` matches; returns the selected text. */
const select = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const selection = getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    return selection.toString();
  });

/** Moves the page's clock on by `seconds` whole seconds, one tick at a time. */
async function tick(page: Page, seconds: number) {
  for (let i = 0; i < seconds; i++) await page.clock.runFor(1000);
}

test('a tick keeps a selection in the request checks, and the cards are not rebuilt', async ({ page }) => {
  await expiredReport(page);
  // Every element of the report now, remembered by the page to be compared after the ticks.
  const count = await page.evaluate(() => {
    const all = [...document.querySelectorAll('.result *')];
    (window as unknown as { before: Element[] }).before = all;
    return all.length;
  });
  expect(count).toBeGreaterThan(100);
  const row = '[data-testid=request-checks] tr[data-check] td:last-child';
  const selected = await select(page, row);
  expect(selected.length).toBeGreaterThan(10);
  const validity = await page.getByTestId('request-checks').textContent();
  const exp = await page.getByTestId('relative-exp').textContent();

  await tick(page, 3);
  await expect(page.getByTestId('relative-exp')).not.toHaveText(exp!);
  // The seconds since exp went on in the request checks too, and the selection is still there.
  expect(await page.getByTestId('request-checks').textContent()).not.toBe(validity);
  expect(await page.evaluate(() => getSelection()!.toString())).toBe(selected);
  // Not one element of the report was replaced: only texts changed.
  const gone = await page.evaluate(() =>
    (window as unknown as { before: Element[] }).before.filter((e) => !e.isConnected).map((e) => e.outerHTML.slice(0, 80)));
  expect(gone).toEqual([]);
});

test('a tick keeps a disclosure as the engineer left it and a copy button saying Copied', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await expiredReport(page);
  // The finding of the expired token counts the seconds since exp; the engineer opens the error
  // body it shows and copies it.
  const finding = page.locator('[data-testid=findings] li').filter({ has: page.getByTestId('error-body') }).first();
  const body = finding.getByTestId('error-body');
  await expect(body).not.toHaveAttribute('open');
  await body.locator('> summary').click();
  await expect(body).toHaveAttribute('open', '');
  const copy = body.locator('button[data-copy]');
  await copy.click();
  await expect(copy).toHaveText('Copied');
  const counted = await finding.textContent();

  await tick(page, 1);
  await expect(finding).not.toHaveText(counted!);
  await expect(body).toHaveAttribute('open', '');
  await expect(copy).toHaveText('Copied');
  await tick(page, 2);
  await expect(copy).toHaveText('Copy');
  await expect(body).toHaveAttribute('open', '');
  // The recognised answer's likely causes are open at first; closed by the engineer, they stay so.
  const causes = page.getByTestId('answer').locator('details.nested').first();
  await expect(causes).toHaveAttribute('open', '');
  await causes.locator('> summary').click();
  await tick(page, 2);
  await expect(causes).not.toHaveAttribute('open');
});
