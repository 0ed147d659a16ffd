// The boot shell (index.html): the page's top is there, and takes a paste, before the wasm has
// mounted; the app adopts what was typed (text, caret, focus) in place, nothing lost, and the
// first paste is rehearsed out of sight once the page is idle (src/ui/rehearsal.rs).
import { test, expect, rehearsed, gotoApp } from './fixtures';
import type { Page } from '@playwright/test';
import { fixture } from './tokens';

/** Holds the wasm back until the returned function is called: the page shows only its boot shell. */
async function holdWasm(page: Page): Promise<() => void> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route(/_bg\.wasm$/, async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

test('a paste before the wasm has loaded is previewed, then adopted in place with its caret and focus', async ({ page, consoleMessages }) => {
  const release = await holdWasm(page);
  await page.goto('./');
  const boot = page.locator('#boot-input');
  await expect(boot).toBeFocused();
  await expect(page.locator('main#app')).toHaveCount(0);
  const token = fixture('slas-access-guest.jwt');
  const text = `Authorization: Bearer ${token}`;
  await page.keyboard.insertText(text);
  // Meanwhile the JWT's header and payload, decoded by the browser.
  const preview = page.getByTestId('boot-preview');
  await expect(preview).toBeVisible();
  await expect(preview).toContainText('"alg"');
  await expect(preview).toContainText('"iss": "slas/');
  // The caret somewhere inside, as a person might leave it.
  await page.evaluate(() => (document.getElementById('boot-input') as HTMLTextAreaElement).setSelectionRange(15, 21));
  const before = await boot.boundingBox();

  release();
  const input = page.locator('#token-input');
  await expect(input).toBeVisible();
  await expect(input).toHaveValue(text);
  await expect(input).toBeFocused();
  expect(await input.evaluate((a: HTMLTextAreaElement) => [a.selectionStart, a.selectionEnd])).toEqual([15, 21]);
  await expect(page.getByTestId('boot')).toHaveCount(0);
  await expect(preview).toHaveCount(0);
  // The full report, at once: the paste is read as if it had been made after loading.
  await expect(page.getByTestId('kind')).toContainText('SLAS');
  await expect(page.getByTestId('stripped')).toContainText('Authorization');
  // In place: the box did not move when the app replaced the shell.
  const after = await input.boundingBox();
  expect(Math.abs(after!.y - before!.y)).toBeLessThanOrEqual(1);
  expect(Math.abs(after!.height - before!.height)).toBeLessThanOrEqual(1);
  // A report rendered for real leaves nothing to rehearse.
  await rehearsed(page);
  await expect(page.locator('[data-testid=result]')).toHaveCount(1);
  // The preview kept nothing: no storage, no URL, no console holds any part of the token.
  const signature = token.split('.')[2];
  const kept = await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie, location.href, history.length]));
  expect(kept).not.toContain(signature);
  expect(kept).not.toContain(token.split('.')[1].slice(0, 40));
  for (const m of consoleMessages) expect(m.text()).not.toContain(signature);
});

test('text that is not a JWT gets no preview before the wasm has loaded, and is kept too', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('./');
  await page.locator('#boot-input').fill('dwsid=not-a-token; cc-nx-g=abc');
  await expect(page.getByTestId('boot-preview')).toBeHidden();
  release();
  await expect(page.locator('#token-input')).toHaveValue('dwsid=not-a-token; cc-nx-g=abc');
  await expect(page.getByTestId('boot')).toHaveCount(0);
});

test('the boot shell says what the app says, where it says it', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('./');
  const shell = async () => ({
    title: await page.locator('header.topbar h1').textContent(),
    tagline: await page.locator('header.topbar .tagline').textContent(),
    har: await page.locator('.har-open .muted').textContent(),
    label: await page.locator('label.input-label').first().textContent(),
    placeholder: await page.locator('textarea.token-input').getAttribute('placeholder'),
    box: await page.locator('textarea.token-input').boundingBox(),
  });
  const before = await shell();
  release();
  await expect(page.locator('main#app')).toBeVisible();
  await expect(page.getByTestId('boot')).toHaveCount(0);
  const after = await shell();
  expect(after).toEqual(before);
});

test('the first paste is rehearsed out of sight, then nothing of it is left', async ({ page }) => {
  await gotoApp(page); // waits for the rehearsal to be done
  // No trace of the made-up token: no report, no tab, an empty box, the empty state.
  await expect(page.locator('[data-testid=result]')).toHaveCount(0);
  await expect(page.getByTestId('empty')).toBeVisible();
  await expect(page.locator('#token-input')).toHaveValue('');
  await expect(page.locator('body')).not.toContainText('bcxz_stg');
  // And the next paste is the real one.
  await page.fill('#token-input', fixture('slas-access-guest.jwt'));
  await expect(page.getByTestId('kind')).toContainText('SLAS');
  await expect(page.locator('body')).not.toContainText('bcxz_stg');
});
