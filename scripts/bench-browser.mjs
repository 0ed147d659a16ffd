// The in-browser half of scripts/bench: serves dist/ from a sub-path, opens it in headless
// Chromium and measures, inside the page with performance.now():
//   - navigation -> app usable (the token box is in the DOM, i.e. the app has mounted);
//   - paste -> report fully rendered (the report of the pasted token is in the DOM and laid out),
//     for a 2 KB SLAS token and the 64 KB fixture;
//   - the wasm linear memory after 10 pastes and after 1,000.
// Prints figures (median of RUNS runs, with min and max). Asserts nothing about speed.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const root = join(import.meta.dirname, '..');
const RUNS = Number(process.env.RUNS ?? 9);
const PORT = Number(process.env.BENCH_PORT ?? 4174);
const URL_ = `http://127.0.0.1:${PORT}/tools/sfcc-token/`;
const fixture = (name) => readFileSync(join(root, 'tests', 'fixtures', name), 'utf8').trim();

/** A SLAS token padded with realistic claims to about `size` bytes. */
function slasTokenOfSize(size) {
  const base = fixture('slas-access-registered.jwt');
  const [h, p, s] = base.split('.');
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
  const scopes = ['sfcc.shopper-myaccount.rw', 'sfcc.shopper-customers.login', 'sfcc.shopper-baskets-orders.rw', 'sfcc.shopper-products', 'sfcc.shopper-promotions', 'sfcc.shopper-gift-certificates', 'sfcc.shopper-product-search', 'sfcc.shopper-stores', 'sfcc.shopper-context.rw', 'sfcc.shopper-categories'];
  let scp = payload.scp;
  for (let i = 0; `${h}.${Buffer.from(JSON.stringify({ ...payload, scp })).toString('base64url')}.${s}`.length < size; i++) {
    scp = `${scp} ${scopes[i % scopes.length]}`;
  }
  return `${h}.${Buffer.from(JSON.stringify({ ...payload, scp })).toString('base64url')}.${s}`;
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1], n: s.length };
};
const ms = (x) => `${x.toFixed(1).padStart(7)} ms`;
const line = (label, st, goal) =>
  console.log(`  ${label.padEnd(44)} median ${ms(st.median)}   (min ${ms(st.min).trim()}, max ${ms(st.max).trim()}, ${st.n} runs)${goal ? `   goal ${goal}` : ''}`);

const server = spawn(process.execPath, [join(root, 'tests', 'e2e', 'serve.mjs')], { env: { ...process.env, PORT: String(PORT) }, stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => server.stdout.once('data', resolve));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  console.log(`browser: ${browser.version()} (headless), page served from ${URL_}`);
  const context = await browser.newContext();
  // Records when the app has mounted (its token box appears), and keeps the wasm instance's
  // memory for the memory figures. Runs before any of the page's own scripts.
  await context.addInitScript(() => {
    const w = window;
    new MutationObserver((_, observer) => {
      if (document.getElementById('token-input')) {
        w.__usableAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
    addEventListener('TrunkApplicationStarted', (e) => { w.__wasmMemory = e.detail.wasm.memory; });
  });

  // 1. Navigation -> usable, a fresh page each run.
  const usable = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await context.newPage();
    await page.goto(URL_);
    await page.waitForFunction(() => window.__usableAt !== undefined);
    usable.push(await page.evaluate(() => window.__usableAt));
    await page.close();
  }

  // 2. Paste -> rendered, in one page, as a user pastes one token after another.
  const page = await context.newPage();
  await page.goto(URL_);
  await page.waitForFunction(() => window.__usableAt !== undefined);
  const paste = (token) =>
    page.evaluate(async (token) => {
      const area = document.getElementById('token-input');
      const settle = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const set = (value) => {
        area.value = value;
        area.dispatchEvent(new Event('input', { bubbles: true }));
      };
      set('');
      await settle();
      const done = () => {
        const result = document.querySelector('[data-testid=result]');
        return result && document.querySelector('[data-testid=payload-panel]') && document.querySelector('[data-testid=scopes]');
      };
      const t0 = performance.now();
      set(token);
      if (!done()) {
        await new Promise((resolve) => {
          const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(); } });
          observer.observe(document.body, { childList: true, subtree: true });
        });
      }
      const built = performance.now() - t0;
      document.body.getBoundingClientRect(); // style and layout of the new report
      const inDom = performance.now() - t0;
      await new Promise((r) => requestAnimationFrame(r));
      return { built, inDom, frame: performance.now() - t0 };
    }, token);

  // A 10 MB paste: a token at the top of a log dump (the page analyses the first 1 MB and says so).
  const logLine = '2026-11-23T09:00:00Z INFO  [api] GET /baskets 200 12ms request-id=3fb64689-9697-4b43\n';
  const huge = `Authorization: Bearer ${slasTokenOfSize(2048)}\n${logLine.repeat(Math.ceil((10 << 20) / logLine.length))}`;
  const tokens = { '2 KB SLAS token': slasTokenOfSize(2048), '64 KB SLAS token (fixture)': fixture('slas-access-large-64k.jwt'), '10 MB log with a token at the top': huge };
  const pasteResults = {};
  for (const [label, token] of Object.entries(tokens)) {
    await paste(token); // warm-up
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await paste(token));
    pasteResults[label] = { bytes: token.length, built: stats(runs.map((r) => r.built)), inDom: stats(runs.map((r) => r.inDom)), frame: stats(runs.map((r) => r.frame)) };
  }

  // 3. Memory: 10 pastes, then 990 more, of every fixture in turn (with a request and a checklist),
  // in a fresh page (linear memory never shrinks: the 10 MB paste above would hide the rest).
  const afterHuge = await page.evaluate(() => window.__wasmMemory.buffer.byteLength);
  await page.close();
  const fresh = await context.newPage();
  await fresh.goto(URL_);
  await fresh.waitForFunction(() => window.__usableAt !== undefined);
  await fresh.fill('[data-testid=request-input]', 'PATCH https://kv7kzm78.api.commercecloud.salesforce.com/checkout/shopper-baskets/v2/organizations/f_ecom_abcd_001/baskets/b1?siteId=RefArch');
  await fresh.fill('[data-testid=checklist-input]', 'sfcc.shopper-products sfcc.shopper-baskets-orders.rw');
  const pool = ['slas-access-guest.jwt', 'slas-access-registered.jwt', 'am-client-credentials.jwt', 'am-user-multi-tenant.jwt', 'ocapi-shop-guest.jwt', 'slas-id-token.jwt', 'basic-auth-header.txt', 'malformed-bad-base64.jwt'].map(fixture);
  // Each paste is left to render before the next (Yew renders in a microtask; a timeout runs
  // after it), and counted as rendered when the page's text changed (consecutive pastes differ).
  const pastes = (from, to) =>
    fresh.evaluate(async ({ pool, from, to }) => {
      const area = document.getElementById('token-input');
      const app = document.getElementById('app');
      let before = app.textContent;
      let rendered = 0;
      for (let i = from; i < to; i++) {
        area.value = pool[i % pool.length];
        area.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => setTimeout(r, 0));
        const now = app.textContent;
        if (now !== before) rendered++;
        before = now;
      }
      await new Promise((r) => setTimeout(r, 50));
      return { bytes: window.__wasmMemory.buffer.byteLength, rendered, pasted: to - from };
    }, { pool, from, to });
  const first10 = await pastes(0, 10);
  const next990 = await pastes(10, 1000);
  const after10 = first10.bytes;
  const after1000 = next990.bytes;

  console.log(`\nin-page timings (performance.now(); median of ${RUNS})`);
  line('navigation -> app usable', stats(usable));
  for (const [label, r] of Object.entries(pasteResults)) {
    const goal = label.startsWith('2 KB') ? '<= 16 ms' : label.startsWith('64 KB') ? '<= 100 ms' : 'responsive';
    line(`paste -> report rendered, ${label} (${(r.bytes / 1024).toFixed(0)} KB)`, r.inDom, goal);
    line(`  of which building the DOM (wasm + DOM calls)`, r.built);
    line(`  ... and the next frame`, r.frame);
  }
  console.log(`\nwasm memory (linear memory size)`);
  console.log(`  after 10 pastes:    ${(after10 / 1024).toFixed(0).padStart(6)} KB`);
  console.log(`  after 1,000 pastes: ${(after1000 / 1024).toFixed(0).padStart(6)} KB   (${after1000 === after10 ? 'flat' : `grew by ${((after1000 - after10) / 1024).toFixed(0)} KB`}; goal: flat)`);
  console.log(`  (the timing page, after its 10 MB pastes: ${(afterHuge / 1024).toFixed(0)} KB; linear memory never shrinks)`);
  const rendered = first10.rendered + next990.rendered;
  console.log(`  pastes that rendered a new report: ${rendered} of 1000${rendered < 1000 ? '   (some did not render: the figure is not trustworthy)' : ''}`);
} finally {
  await browser.close();
  server.kill();
}
