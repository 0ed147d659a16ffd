// Accessible: axe-core finds no violations in each state a user meets, and everything that can
// be used can be reached with the keyboard alone, with a visible focus.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { test, expect, gotoApp, openEveryDisclosure } from './fixtures';
import { fixture, NOW, slasToken } from './tokens';

const input = '[data-testid=token-input]';
const SCAPI = 'https://kv7kzm78.api.commercecloud.salesforce.com';

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date((NOW + 60) * 1000));
});

/** The page in each state worth checking, reached the way a user gets there. */
const STATES: Record<string, (page: Page) => Promise<void>> = {
  'the empty page': async (page) => {
    await expect(page.getByTestId('empty')).toBeVisible();
  },
  'a decoded SLAS token': async (page) => {
    await page.fill(input, fixture('slas-access-registered.jwt'));
    await expect(page.getByTestId('identity')).toBeVisible();
  },
  'a decoded Account Manager token': async (page) => {
    await page.fill(input, fixture('am-user-multi-tenant.jwt'));
    await expect(page.getByTestId('result')).toHaveAttribute('data-sfcc-kind', /am/);
  },
  'an error': async (page) => {
    await page.fill(input, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIi*.c2ln');
    await expect(page.locator('[data-finding=decode-error]')).toBeVisible();
  },
  'the checklist and the request check': async (page) => {
    await page.fill(input, slasToken('sfcc.shopper-baskets-orders sfcc.shopper-products'));
    await page.fill('[data-testid=request-input]', `PATCH ${SCAPI}/checkout/shopper-baskets/v2/organizations/f_ecom_abcd_001/baskets/b1?siteId=RefArch`);
    await page.fill('[data-testid=checklist-input]', 'sfcc.shopper-products sfcc.shopper-myaccount.rw|sfcc.shopper-myaccount');
    await expect(page.getByTestId('verdict')).toBeVisible();
    await expect(page.locator('[data-testid=checklist-rows] li')).toHaveCount(3);
    // Open every closed disclosure (the documented error bodies).
    await openEveryDisclosure(page);
  },
  'an answer, its verdict, the keys and the signature, two tokens compared': async (page) => {
    await page.fill(input, `works: ${fixture('slas-access-guest.jwt')}\nfails: ${fixture('slas-access-bad-signature.jwt')}`);
    await page.fill('[data-testid=request-input]', `PATCH ${SCAPI}/checkout/shopper-baskets/v2/organizations/f_ecom_abcd_001/baskets/b1?siteId=RefArch`);
    await page.fill('[data-testid=answer-input]', 'HTTP/2 401\nsfdc_correlation_id: c-1\n\n{"type":"https://api.commercecloud.salesforce.com/documentation/error/v1/errors/unauthorized","title":"Unauthorized","detail":"x"}');
    await page.getByTestId('keys').locator('summary').click();
    await page.fill('[data-testid=keys-input]', fixture('jwks.json'));
    await expect(page.getByTestId('signature')).toHaveAttribute('data-signature', 'verified');
    await page.getByTestId('compare-with').selectOption('1');
    await expect(page.getByTestId('comparison')).toBeVisible();
    await expect(page.getByTestId('call-verdict')).toBeVisible();
    await openEveryDisclosure(page);
  },
  'a HAR session: table, timeline, findings, a call inspected, two tokens compared, the export': async (page) => {
    await page.getByTestId('har-file').setInputFiles(join(__dirname, '..', 'fixtures', 'har', 'pwa-kit-session.har'));
    await expect(page.getByTestId('timeline')).toBeVisible();
    await page.locator('[data-testid=calls] tr[data-entry="26"] [data-testid=inspect-call]').click();
    await expect(page.getByTestId('call-verdict')).toBeVisible();
    await page.getByTestId('session-compare-go').click();
    await expect(page.locator('[data-testid=session] [data-testid=comparison]')).toBeVisible();
    await openEveryDisclosure(page);
  },
};

/** The fill of every timeline label and the background of the card it is drawn on. */
async function svgTextColours(page: Page) {
  return page.locator('[data-testid=timeline] svg text').evaluateAll((texts) =>
    texts.map((t) => {
      let bg = 'rgba(0, 0, 0, 0)';
      for (let e: Element | null = t.closest('figure'); e && /rgba\(0, 0, 0, 0\)|transparent/.test(bg); e = e.parentElement) {
        bg = getComputedStyle(e).backgroundColor;
      }
      return { fill: getComputedStyle(t).fill, background: bg };
    }),
  );
}

/** WCAG contrast ratio of two `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

for (const [state, reach] of Object.entries(STATES)) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`axe finds no violations: ${state} (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await gotoApp(page);
      await reach(page);
      // The whole report on screen (nothing skipped as offscreen, nothing under a sticky
      // header), so that axe can decide every colour contrast.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewportSize({ width: 1280, height: Math.max(height + 200, 800) });
      await page.evaluate(() => window.scrollTo(0, 0));
      // axe cannot decide the contrast of SVG text ("contains an image node"): the timeline's
      // labels are checked below, by their computed colours, and everything else of it by axe.
      const results = await new AxeBuilder({ page }).include('body').exclude('[data-testid=timeline] svg text').analyze();
      for (const { fill, background } of await svgTextColours(page)) {
        expect(contrast(fill, background), `timeline label ${fill} on ${background}`).toBeGreaterThanOrEqual(4.5);
      }
      const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(summary).toEqual([]);
      // Nothing left undecided (an unchecked contrast is not a pass).
      const undecided = results.incomplete.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ') + ' [' + n.any.map((a) => a.message).join(';') + ']').join(', ')}`);
      expect(undecided, 'checks axe could not decide').toEqual([]);
      expect(results.passes.length).toBeGreaterThan(10); // axe really ran
    });
  }
}

test('every control is reachable with Tab, in order, with a visible focus', async ({ page }) => {
  await gotoApp(page);
  await STATES['the checklist and the request check'](page);
  await page.fill(input, slasToken('sfcc.shopper-baskets-orders sfcc.shopper-products'));
  await expect(page.getByTestId('verdict')).toBeVisible();
  // Start from the top of the page (Chromium would start from the last focused control): a
  // focused sentinel before everything, which also marks where the walk wraps round.
  await page.evaluate(() => {
    const start = document.createElement('button');
    start.textContent = 'start';
    start.setAttribute('data-e2e-reached', '');
    document.body.prepend(start);
    start.focus();
  });
  // Everything a mouse user can operate, numbered in document order, with how its focus
  // indicators (outline, box-shadow) look while it is not focused.
  const controls = await page.evaluate(() => {
    const all = Array.from(document.querySelectorAll<HTMLElement>('main button, main a[href], main summary, main textarea, main input, main select, main [tabindex="0"]'));
    const usable = all.filter((el) => el.checkVisibility() && !(el as HTMLButtonElement).disabled);
    usable.forEach((el, i) => {
      const style = getComputedStyle(el);
      el.setAttribute('data-e2e-control', String(i));
      el.setAttribute('data-e2e-unfocused', `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor} | ${style.boxShadow}`);
    });
    return usable.length;
  });
  expect(controls).toBeGreaterThan(10);
  const reached: { key: string; outline: boolean; index: number }[] = [];
  for (let i = 0; i < controls * 2; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      if (el.hasAttribute('data-e2e-reached')) return { key: 'wrapped', outline: true, index: -1 };
      el.setAttribute('data-e2e-reached', '');
      const style = getComputedStyle(el);
      // Visible focus: an outline or a ring, and one the control does not have unfocused.
      const now = `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor} | ${style.boxShadow}`;
      const changed = now !== el.getAttribute('data-e2e-unfocused');
      const outline = changed && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      const ring = changed && style.boxShadow !== 'none';
      const path = [];
      for (let e: HTMLElement | null = el; e && e !== document.body; e = e.parentElement) {
        path.unshift(`${e.tagName}${e.dataset.testid ? `[${e.dataset.testid}]` : ''}:${Array.from(e.parentElement?.children ?? []).indexOf(e)}`);
      }
      return { key: path.join('>'), outline: outline || ring, index: Number(el.getAttribute('data-e2e-control') ?? -1) };
    });
    if (!info) continue;
    if (info.key === 'wrapped') break;
    reached.push(info);
  }
  const missed = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-e2e-control]:not([data-e2e-reached])')).map((el) => el.outerHTML.slice(0, 120)),
  );
  expect(missed, 'controls Tab never reaches').toEqual([]);
  expect(reached.length, 'controls reached by Tab').toBe(controls);
  expect(reached.filter((r) => !r.outline).map((r) => r.key), 'focused without a visible focus ring').toEqual([]);
  // In reading order: Tab visits the controls in the order they appear in the page.
  expect(reached.map((r) => r.index), 'Tab order').toEqual(reached.map((_, i) => i));
});

test('disclosures, tabs and the preset list work from the keyboard', async ({ page }) => {
  await gotoApp(page);
  await page.fill(input, JSON.stringify({ access_token: fixture('slas-access-registered.jwt'), id_token: fixture('slas-id-token.jwt') }));
  const tabs = page.getByTestId('credential-tab');
  await tabs.nth(1).focus();
  await page.keyboard.press('Enter');
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('preset').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-testid=checklist-rows] li').first()).toBeVisible();
  const details = page.locator('main details').first();
  await details.locator('summary').focus();
  const open = await details.evaluate((d: HTMLDetailsElement) => d.open);
  await page.keyboard.press('Enter');
  await expect.poll(() => details.evaluate((d: HTMLDetailsElement) => d.open)).toBe(!open);
});
