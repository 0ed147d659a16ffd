// The HAR half of scripts/bench: writes big sessions with ../shared/sfcc/fixtures/har/make-hars.mjs
// (--big N, into a temporary folder, never into the repository), serves dist/ from a sub-path,
// opens each file with the page's own file picker in headless Chromium and measures, in the page:
//   - file chosen -> session view in the DOM (the whole read: File API slices, the entries in
//     steps, the session composed);
//   - the longest the main thread was busy meanwhile (a 4 ms timer's worst lateness: what a key
//     press or a click would wait for);
//   - memory at its peak while reading, sampled every 50 ms: the wasm linear memory plus the JS
//     heap (performance.memory), against the file's size;
//   - "Download sanitized HAR" on the same file: click -> the download and the manifest shown.
// Prints figures (median of RUNS runs for each size). Asserts nothing about speed.
// SIZES=50,200 RUNS=3 node scripts/bench-har.mjs
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const root = join(import.meta.dirname, '..');
const RUNS = Number(process.env.RUNS ?? 3);
const SIZES = (process.env.SIZES ?? '50,200').split(',').map(Number);
const PORT = Number(process.env.BENCH_PORT ?? 4176);
const URL_ = `http://127.0.0.1:${PORT}/tools/sfcc-token/`;
const MAKE = join(root, '..', 'shared', 'sfcc', 'fixtures', 'har', 'make-hars.mjs');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const out = mkdtempSync(join(tmpdir(), 'bench-har-'));
const server = spawn(process.execPath, [join(root, 'tests', 'e2e', 'serve.mjs')], { env: { ...process.env, PORT: String(PORT) }, stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => server.stdout.once('data', resolve));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--enable-precise-memory-info'],
});
try {
  console.log(`browser: ${browser.version()} (headless); HARs written by ${MAKE} --big N into ${out}`);
  for (const size of SIZES) {
    execFileSync(process.execPath, [MAKE, '--big', String(size), '--out', out], { stdio: 'ignore' });
    const file = join(out, `big-${size}mb.har`);
    const bytes = statSync(file).size;
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      await context.addInitScript(() => {
        addEventListener('TrunkApplicationStarted', (e) => { window.__wasmMemory = e.detail.wasm.memory; });
      });
      const page = await context.newPage();
      await page.goto(URL_);
      await page.locator('[data-testid=har-file]').waitFor({ state: 'attached' });
      // Watches from the moment the file is chosen: lateness of a 4 ms timer, memory every 50 ms,
      // and the moment the session view (or a message) is in the DOM.
      await page.evaluate(() => {
        const w = window;
        w.__bench = { lag: 0, peak: 0 };
        document.addEventListener('change', () => {
          const b = w.__bench;
          b.t0 = performance.now();
          let last = performance.now();
          const tick = setInterval(() => {
            const now = performance.now();
            b.lag = Math.max(b.lag, now - last - 4);
            last = now;
          }, 4);
          const sample = setInterval(() => {
            const wasm = w.__wasmMemory ? w.__wasmMemory.buffer.byteLength : 0;
            b.peak = Math.max(b.peak, wasm + (performance.memory?.usedJSHeapSize ?? 0));
          }, 50);
          new MutationObserver((_, o) => {
            const done = document.querySelector('[data-testid=session]') || document.querySelector('[data-testid=har-error]');
            if (!done) return;
            b.ms = performance.now() - b.t0;
            b.ok = !!document.querySelector('[data-testid=session]');
            b.text = (done.querySelector('[data-testid=session-capture]') ?? done).textContent.slice(0, 160);
            o.disconnect();
            clearInterval(tick);
            clearInterval(sample);
            const wasm = w.__wasmMemory ? w.__wasmMemory.buffer.byteLength : 0;
            b.peak = Math.max(b.peak, wasm + (performance.memory?.usedJSHeapSize ?? 0));
          }).observe(document.body, { childList: true, subtree: true });
        }, { capture: true, once: true });
      });
      await page.locator('[data-testid=har-file]').setInputFiles(file);
      await page.waitForFunction(() => window.__bench.ms !== undefined, null, { timeout: 120_000 });
      const read = await page.evaluate(() => window.__bench);
      // The sanitized export of the same file: click -> manifest on the page (the download done).
      if (read.ok) {
        const downloading = page.waitForEvent('download', { timeout: 120_000 });
        const t0 = Date.now();
        await page.getByTestId('download-sanitized').click();
        await downloading;
        await page.getByTestId('export-manifest').waitFor({ timeout: 120_000 });
        read.exportMs = Date.now() - t0;
        read.exportPeak = await page.evaluate(() => (window.__wasmMemory ? window.__wasmMemory.buffer.byteLength : 0));
      }
      runs.push(read);
      await context.close();
    }
    const r = runs[runs.length - 1];
    console.log(`\n${size} MB HAR (${(bytes / 1048576).toFixed(1)} MiB), ${RUNS} runs, ${r.ok ? 'read' : 'refused'}: ${r.text.trim()}`);
    console.log(`  file chosen -> session view in the DOM   median ${median(runs.map((x) => x.ms)).toFixed(0).padStart(6)} ms   (min ${Math.min(...runs.map((x) => x.ms)).toFixed(0)}, max ${Math.max(...runs.map((x) => x.ms)).toFixed(0)})   goal <= 2000 ms for 50 MB`);
    console.log(`  longest the main thread was busy         median ${median(runs.map((x) => x.lag)).toFixed(0).padStart(6)} ms   (what a key press would wait for)`);
    const peak = median(runs.map((x) => x.peak));
    console.log(`  peak memory (wasm + JS heap)             median ${(peak / 1048576).toFixed(0).padStart(6)} MB   = ${(peak / bytes).toFixed(2)}x the file   goal <= 3x`);
    if (r.ok) {
      console.log(`  Download sanitized HAR: click -> done      median ${median(runs.map((x) => x.exportMs)).toFixed(0).padStart(6)} ms   (wasm memory after it: ${(median(runs.map((x) => x.exportPeak)) / 1048576).toFixed(0)} MB)`);
    }
    rmSync(file, { force: true });
  }
} finally {
  await browser.close();
  server.kill();
  rmSync(out, { recursive: true, force: true });
}
