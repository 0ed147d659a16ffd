// Hostile tokens stay inert: claims that carry script, javascript: URLs, </script>, direction
// overrides, zero-width characters and endless unbroken strings are shown as text. Nothing runs,
// nothing is requested (the shared fixture fails any request after mount), the layout holds, and
// invisible characters are made visible and flagged.
import { test, expect, gotoApp, openEveryDisclosure } from './fixtures';
import { NOW, slasToken } from './tokens';
import type { Page } from '@playwright/test';

const input = '[data-testid=token-input]';
const LONG = 'A'.repeat(20_000);

const HOSTILE_CLAIMS = {
  isb: 'uido:slas::upn:<img src=x onerror="window.__xss=\'upn\'">::uidn:</script><script>window.__xss="uidn"</script>::gcid:acTFoOxtzHq8STZHE6svi34zWH::chid:RefArch',
  aud: '"><svg onload="window.__xss=\'aud\'">',
  note: '<a href="javascript:window.__xss=\'note\'">click me</a>',
  '<b onmouseover="window.__xss=\'key\'">key</b>': 1,
  url: 'javascript:window.__xss="url"',
  display: 'invoice\u202Efdp.exe',
  joined: 'admin\u200Buser',
  blob: LONG,
  nested: '{"html":"<iframe src=javascript:window.__xss=1></iframe>"}',
};
const HOSTILE_HEADER = { jku: 'javascript:window.__xss="jku"', kid: '</script><script>window.__xss="kid"</script>' };
const HOSTILE_SCOPES = 'sfcc.shopper-products sfcc.shopper-baskets-orders\u200B.rw sfcc.shopper-myaccount\u202E.rw';

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date((NOW + 60) * 1000));
});

/** Everything a payload could have planted: globals, dialogs, new elements, handlers, links. */
async function inert(page: Page, dialogs: string[]) {
  await page.waitForTimeout(300);
  const found = await page.evaluate(() => {
    const all = Array.from(document.querySelectorAll('*'));
    return {
      xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
      scripts: document.scripts.length,
      planted: document.querySelectorAll('main img, main svg, main iframe, main script, main object, main embed').length,
      handlers: all.flatMap((el) => Array.from(el.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
      scriptLinks: all.filter((el) => /^\s*javascript:/i.test(el.getAttribute('href') ?? el.getAttribute('src') ?? '')).length,
    };
  });
  expect(found.xss, 'a payload ran').toBeNull();
  expect(dialogs, 'a payload opened a dialog').toEqual([]);
  expect(found.planted, 'elements planted by a payload').toBe(0);
  expect(found.handlers, 'inline event handlers').toEqual([]);
  expect(found.scriptLinks, 'javascript: links').toBe(0);
  return found.scripts;
}

/** Text on the page (not in the boxes the user typed into) with an invisible or bidi character. */
async function hiddenCharactersShown(page: Page) {
  return page.locator('main').evaluate((main) => {
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    const found: string[] = [];
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const text = t.textContent ?? '';
      if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/.test(text)
          && !t.parentElement?.closest('textarea, input')) {
        found.push(text.slice(0, 80));
      }
    }
    return found;
  });
}

async function noHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
}

test('script in claims, header and scopes is shown as text and never runs', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  await gotoApp(page);
  const scriptsBefore = await inert(page, dialogs);
  await page.fill(input, slasToken(HOSTILE_SCOPES, HOSTILE_CLAIMS, HOSTILE_HEADER));
  await expect(page.getByTestId('result')).toBeVisible();
  // Shown verbatim, as text.
  await expect(page.locator('tr[data-claim=note] .claim-value')).toHaveText('<a href="javascript:window.__xss=\'note\'">click me</a>');
  await expect(page.locator('[data-testid=header-panel] tr[data-claim=kid] .claim-value')).toHaveText('</script><script>window.__xss="kid"</script>');
  await expect(page.getByTestId('payload-json')).toContainText('"aud": "\\"><svg onload=');
  await expect(page.getByTestId('identity')).toContainText('<img src=x onerror=');
  // Open every disclosure and hover everything a handler could hide on.
  await openEveryDisclosure(page);
  for (const row of await page.locator('tr[data-claim]').all()) await row.hover();
  expect(await inert(page, dialogs)).toBe(scriptsBefore);
});

test('direction overrides and zero-width characters are made visible and flagged', async ({ page }) => {
  await gotoApp(page);
  await page.fill(input, slasToken(HOSTILE_SCOPES, HOSTILE_CLAIMS, HOSTILE_HEADER));
  await expect(page.locator('tr[data-claim=display] .claim-value')).toHaveText('invoice⟨U+202E⟩fdp.exe');
  await expect(page.locator('tr[data-claim=joined] .claim-value')).toHaveText('admin⟨U+200B⟩user');
  await expect(page.locator('[data-finding=hidden-characters]').filter({ hasText: '“display”' })).toContainText('U+202E (right-to-left override)');
  await expect(page.locator('[data-finding=hidden-characters]').filter({ hasText: '“joined”' })).toContainText('U+200B (zero-width space)');
  // The scopes with hidden characters cannot match: flagged, and shown with the character visible.
  const scopeFinding = page.locator('[data-finding=hidden-characters-in-scope]');
  await expect(scopeFinding.filter({ hasText: 'sfcc.shopper-baskets-orders⟨U+200B⟩.rw' })).toContainText('zero-width space');
  await expect(scopeFinding.filter({ hasText: 'sfcc.shopper-myaccount⟨U+202E⟩.rw' })).toContainText('right-to-left override');
  await expect(page.getByTestId('scopes')).toContainText('sfcc.shopper-baskets-orders⟨U+200B⟩.rw');
  await expect(page.getByTestId('scopes')).toContainText('sfcc.shopper-myaccount⟨U+202E⟩.rw');
  // Nothing on the page carries the raw characters any more, so nothing is reordered or hidden.
  expect(await hiddenCharactersShown(page), 'text on the page still holding an invisible character').toEqual([]);
});

for (const width of [1280, 400]) {
  test(`a 20,000-character unbroken claim does not break the layout at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await gotoApp(page);
    await page.fill(input, slasToken(HOSTILE_SCOPES, HOSTILE_CLAIMS, HOSTILE_HEADER));
    await expect(page.locator('tr[data-claim=blob] .claim-value')).toContainText('AAAA');
    await noHorizontalOverflow(page);
    // The long value scrolls inside its own cell instead of making the page endless.
    const cell = await page.locator('tr[data-claim=blob] .claim-value').boundingBox();
    expect(cell!.height).toBeLessThan(400);
    expect(cell!.x + cell!.width).toBeLessThanOrEqual(width);
  });
}

test('hostile text in the request and checklist boxes and in the URL fragment stays inert', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  await gotoApp(page, `#token=${encodeURIComponent(slasToken(HOSTILE_SCOPES, HOSTILE_CLAIMS, HOSTILE_HEADER))}`);
  await expect(page.getByTestId('result')).toBeVisible();
  await page.fill('[data-testid=request-input]', 'GET javascript:window.__xss="request"<img src=x onerror=window.__xss=2>');
  await expect(page.getByTestId('request-error')).toBeVisible();
  await page.fill('[data-testid=checklist-input]', '<img src=x onerror="window.__xss=3"> sfcc.products\u202E');
  await expect(page.getByTestId('checklist-rows')).toContainText('<img');
  await expect(page.getByTestId('checklist-rows')).toContainText('sfcc.products⟨U+202E⟩');
  await inert(page, dialogs);
  expect(await hiddenCharactersShown(page), 'text on the page still holding an invisible character').toEqual([]);
  await noHorizontalOverflow(page);
});

test('a 10 MB paste is cut to what is decoded, in the box too, says so, and the page stays responsive', async ({ page }) => {
  await gotoApp(page);
  // Pasted in one go, as the browser does (filling 10 MB key by key would take minutes).
  await page.locator(input).evaluate((el: HTMLTextAreaElement) => {
    el.value = `Bearer ${'A'.repeat(10 * 1024 * 1024)}`;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await expect(page.getByTestId('stripped')).toContainText('kept and analysed only the first 1024 KB: the paste is 10240 KB');
  await expect(page.getByTestId('result')).toBeVisible();
  // The box keeps what was analysed, not 10 MB for the browser to lay out on every change.
  expect(await page.locator(input).evaluate((el: HTMLTextAreaElement) => el.value.length)).toBe(1024 * 1024);
  // Still answering: typing elsewhere updates the page, and Clear empties it.
  await page.fill('[data-testid=checklist-input]', 'sfcc.shopper-products');
  await expect(page.locator('[data-testid=checklist-rows] li[data-scope="sfcc.shopper-products"]')).toBeVisible();
  await page.getByTestId('clear').click();
  await expect(page.getByTestId('empty')).toBeVisible();
});

test('a pasted text is read character for character: a zero-width space in the token is named at its place', async ({ page }) => {
  await gotoApp(page);
  const [h, p, s] = slasToken('sfcc.shopper-products').split('.');
  // The box's text reaches the wasm through the browser's TextEncoder (UTF-8), not as ASCII.
  await page.fill(input, `${h}.${p.slice(0, 10)}\u200b${p.slice(10)}.${s}`);
  await expect(page.locator('main')).toContainText('unexpected U+200B (zero-width space) at position 11');
  // What did decode is still shown.
  await expect(page.locator('[data-testid=header-panel] tr[data-claim=alg] .claim-value')).toHaveText('ES256');
});
