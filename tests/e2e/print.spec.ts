// Printable and capturable: printing (or a PDF for a ticket) shows the whole report without the
// input chrome, every disclosure open, black on white; a full-page capture shows every card,
// although the cards below the fold are laid out lazily (content-visibility: auto) for a paste.
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { test, expect, gotoApp, type Page } from './fixtures';
import { fixture, NOW } from './tokens';

const SCAPI = 'https://kv7kzm78.api.commercecloud.salesforce.com';
const ERRORS = 'https://api.commercecloud.salesforce.com/documentation/error/v1/errors';
const HAR = join(__dirname, '..', 'fixtures', 'har', 'pwa-kit-session.har');

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date((NOW + 60) * 1000));
});

/** A registered shopper's token, the failing request and the API's 401: the whole report. */
async function fullReport(page: Page) {
  await gotoApp(page);
  await page.fill('[data-testid=token-input]', fixture('slas-access-registered.jwt'));
  await page.fill('[data-testid=request-input]', `GET ${SCAPI}/customer/shopper-customers/v1/organizations/f_ecom_wxyz_prd/customers/bdlIKiUBKnCfK2vuAiSDMK2xTY?siteId=MyShop-US`);
  await page.fill('[data-testid=answer-input]', `HTTP/2 401\nsfdc_correlation_id: 9f1c2d3e-aaaa-bbbb-cccc-0123456789ab\n\n${JSON.stringify({ type: `${ERRORS}/unauthorized`, title: 'unauthorized', detail: 'Customer credentials changed after token was issued.' })}`);
  await expect(page.getByTestId('verdict-headline')).toContainText('the token was revoked');
  await expect(page.getByTestId('payload-panel')).toBeAttached();
}

/** What a printed page must not show: buttons (but the session's entry numbers, which print as
 * text), pickers, the token, keys and checklist boxes. */
async function expectNoChrome(page: Page) {
  await expect(page.locator('main button:not(.link):visible')).toHaveCount(0);
  await expect(page.locator('main select:visible, main input:visible')).toHaveCount(0);
  for (const box of ['token-input', 'keys-input', 'checklist-input']) await expect(page.getByTestId(box)).toBeHidden();
  await expect(page.getByTestId('drop-overlay')).toHaveCount(0);
}

/** Every element of the page is laid out and painted: nothing left to content-visibility. */
const lazyElements = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('main *')].filter((e) => getComputedStyle(e).contentVisibility !== 'visible').length);

test('printed, the report is whole: every card, every disclosure open, no chrome, black on white', async ({ page }) => {
  await fullReport(page);
  const closedOnScreen = await page.locator('main details:not([open])').count();
  expect(closedOnScreen).toBeGreaterThan(0); // the keys, the findings' error body…
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  await expect(page.locator('main details:not([open])')).toHaveCount(0);
  expect(await lazyElements(page)).toBe(0);
  await expectNoChrome(page);
  // The report, to its last card.
  await expect(page.getByTestId('verdict-headline')).toBeVisible();
  await expect(page.getByTestId('ticket-text')).toBeVisible();
  await expect(page.getByTestId('ticket-text')).toContainText('scapi-unauthorized-credentials-changed');
  await expect(page.getByTestId('scopes')).toBeVisible();
  await expect(page.getByTestId('scopes')).toContainText('sfcc.shopper-context.rw');
  const claims = page.locator('[data-testid=payload-panel] table.claims tbody tr');
  expect(await claims.count()).toBeGreaterThan(8);
  await expect(claims.last()).toBeVisible();
  await expect(page.getByTestId('payload-json')).toBeVisible();
  await expect(page.getByTestId('payload-json')).toContainText('"scp"');
  // Nothing scrolls or is cut off: the scrolled values are as tall and wide as their content.
  const cut = await page.evaluate(() =>
    [...document.querySelectorAll('main pre, main .claim-value, main .table-wrap, main .table-scroll, main textarea')]
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .filter((e) => e.scrollHeight > e.clientHeight + 2 || e.scrollWidth > e.clientWidth + 2)
      .map((e) => e.className),
  );
  expect(cut).toEqual([]);
  // The request and the answer as text, whole; an empty box is not printed.
  await expect(page.getByTestId('request-input')).toBeVisible();
  await expect(page.getByTestId('answer-input')).toBeVisible();
  await expect(page.getByTestId('keys')).toBeHidden();
  // Light colours, even for a dark system.
  const colours = await page.evaluate(() => ({
    body: getComputedStyle(document.body).backgroundColor,
    text: getComputedStyle(document.body).color,
    card: getComputedStyle(document.querySelector('[data-testid=payload-panel]')!).backgroundColor,
    shadows: [...document.querySelectorAll('main *')].filter((e) => getComputedStyle(e).boxShadow !== 'none').length,
  }));
  expect(colours).toEqual({ body: 'rgb(255, 255, 255)', text: 'rgb(0, 0, 0)', card: 'rgb(255, 255, 255)', shadows: 0 });
  // Back on screen, the disclosures the print opened are closed again.
  await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
  await expect(page.locator('main details:not([open])')).toHaveCount(closedOnScreen);
  await expect(page.getByRole('button', { name: 'Clear', exact: true })).toBeVisible();
});

test('printed, the HAR session is whole: its findings, timeline and every call', async ({ page }) => {
  await gotoApp(page);
  await page.getByTestId('har-file').setInputFiles(HAR);
  await expect(page.getByTestId('session')).toBeVisible();
  // The 403 for a missing scope, in the inspector under the session.
  await page.locator('[data-testid=calls] tr[data-entry="26"] [data-testid=inspect-call]').click();
  await expect(page.getByTestId('verdict-headline')).toContainText('sfcc.shopper-baskets-orders.rw');
  await expect(page.getByTestId('payload-panel')).toBeAttached();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('main details:not([open])')).toHaveCount(0);
  expect(await lazyElements(page)).toBe(0);
  await expectNoChrome(page);
  await expect(page.getByTestId('session-capture')).toBeVisible();
  await expect(page.getByTestId('timeline')).toBeVisible();
  await expect(page.locator('[data-testid=timeline] circle.mark').last()).toBeVisible();
  const rows = page.locator('[data-testid=calls] tbody tr');
  expect(await rows.count()).toBeGreaterThan(3);
  await expect(rows.last()).toBeVisible();
  // The calls table fits the page: no column cut off at its right edge.
  const fits = await page.evaluate(() => {
    const table = document.querySelector('[data-testid=calls]')!;
    return table.getBoundingClientRect().right <= document.querySelector('main')!.getBoundingClientRect().right + 1;
  });
  expect(fits).toBe(true);
  await expect(page.getByTestId('payload-panel')).toBeVisible();
  await expect(page.locator('[data-testid=payload-panel] table.claims tbody tr').last()).toBeVisible();
});

test('a PDF of the report holds every card, the last ones included', async ({ page }) => {
  await fullReport(page);
  const empty = await (async () => {
    const p = await page.context().newPage();
    await p.clock.setFixedTime(new Date((NOW + 60) * 1000));
    await gotoApp(p);
    const pdf = await p.pdf({ format: 'A4', outline: true, tagged: true });
    await p.close();
    return pdf;
  })();
  const pdf = await page.pdf({ format: 'A4', outline: true, tagged: true });
  const pages = (b: Buffer) => b.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
  expect(pages(pdf)).toBeGreaterThan(pages(empty) + 2);
  // The outline (bookmarks) holds the headings, as text: the last cards' are there.
  const titles = outlineTitles(pdf);
  for (const heading of ['Why it failed', 'Ticket summary', 'Granted scopes', 'Times', 'Header', 'Payload', 'Signature not checked']) {
    expect(titles.some((t) => t.startsWith(heading)), `${heading} in ${JSON.stringify(titles)}`).toBe(true);
  }
  // (Chromium prints cards left to content-visibility too: this holds without the print
  // stylesheet; the print emulation tests above are the ones that fail without it.)
  // The disclosures it opened are closed again afterwards.
  expect(await page.locator('main details:not([open])').count()).toBeGreaterThan(0);
});

test('a full-page capture shows the cards below the fold, not blank boxes', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await fullReport(page);
  const card = page.getByTestId('payload-panel');
  // The payload card is far below the fold.
  const box = await card.evaluate((e) => { const r = e.getBoundingClientRect(); return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height }; });
  expect(box.y).toBeGreaterThan(720 * 2);
  // Let the page be idle after its first paint (as it is when someone takes a capture).
  await page.evaluate(() => new Promise((r) => requestIdleCallback(() => requestAnimationFrame(() => setTimeout(r, 50)))));
  const full = decodePng(await page.screenshot({ fullPage: true }));
  const captured = ink(full, box);
  // The same card, scrolled into view and rendered for sure.
  await card.scrollIntoViewIfNeeded();
  const alone = decodePng(await card.screenshot());
  const rendered = ink(alone, { x: 0, y: 0, width: alone.width, height: alone.height });
  expect(rendered).toBeGreaterThan(2000);
  expect(captured).toBeGreaterThan(rendered * 0.9);
});

test('a new paste is still first painted with the cards below the fold laid out lazily', async ({ page }) => {
  await fullReport(page);
  await expect(page.locator('html[data-render=full]')).toHaveCount(1);
  const atFirstPaint = await page.evaluate(async (token) => {
    const area = document.getElementById('token-input') as HTMLTextAreaElement;
    area.value = token;
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(r)); // the new report is rendered, not yet painted
    // The first screen of the report is there, its cards laid out lazily; the cards after it
    // (scopes, times, header, payload) come at the first idle moment after this paint.
    return {
      identity: getComputedStyle(document.querySelector('[data-testid=identity]')!).contentVisibility,
      payload: document.querySelectorAll('[data-testid=payload-panel]').length,
    };
  }, fixture('slas-access-guest.jwt'));
  expect(atFirstPaint).toEqual({ identity: 'auto', payload: 0 });
  await expect(page.getByTestId('payload-panel')).toBeVisible();
  await expect(page.locator('html[data-render=full]')).toHaveCount(1);
  expect(await page.getByTestId('payload-panel').evaluate((e) => getComputedStyle(e).contentVisibility)).toBe('visible');
});

/** The pixels of `r` that are not (nearly) white: text, rules, tags. */
function ink(png: Png, r: { x: number; y: number; width: number; height: number }) {
  let n = 0;
  // Inside the card's border.
  for (let y = Math.ceil(r.y) + 4; y < Math.floor(r.y + r.height) - 4 && y < png.height; y++) {
    for (let x = Math.ceil(r.x) + 4; x < Math.floor(r.x + r.width) - 4 && x < png.width; x++) {
      const i = (y * png.width + x) * png.channels;
      if (png.data[i] + png.data[i + 1] + png.data[i + 2] < 3 * 200) n++;
    }
  }
  return n;
}

type Png = { width: number; height: number; channels: number; data: Uint8Array };

/** A minimal PNG decoder for Playwright's screenshots: 8-bit RGB or RGBA, not interlaced. */
function decodePng(buf: Buffer): Png {
  let pos = 8;
  let width = 0, height = 0, channels = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect(body[8], 'bit depth').toBe(8);
      expect(body[12], 'interlace').toBe(0);
      channels = { 2: 3, 6: 4 }[body[9]] ?? 0;
      expect(channels, 'colour type').toBeGreaterThan(0);
    } else if (type === 'IDAT') idat.push(body);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const data = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? data[y * stride + x - channels] : 0;
      const b = y > 0 ? data[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? data[(y - 1) * stride + x - channels] : 0;
      let v = line[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      data[y * stride + x] = v & 0xff;
    }
  }
  return { width, height, channels, data };
}

/** The outline's titles of a PDF: literal strings or UTF-16BE hex strings after /Title. */
function outlineTitles(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const titles: string[] = [];
  for (const m of text.matchAll(/\/Title\s*(?:\(((?:\\.|[^\\)])*)\)|<([0-9A-Fa-f\s]*)>)/g)) {
    if (m[2] !== undefined) {
      const hex = m[2].replace(/\s/g, '');
      const bytes = Buffer.from(hex, 'hex');
      titles.push(bytes[0] === 0xfe && bytes[1] === 0xff ? bytes.subarray(2).swap16().toString('utf16le') : bytes.toString('latin1'));
    } else titles.push(m[1].replace(/\\(.)/g, '$1'));
  }
  return titles;
}
