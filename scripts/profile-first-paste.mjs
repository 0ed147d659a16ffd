// Where the first paste after load spends its time, with the browser's own profiler (CDP
// Profiler + Performance metrics), in a fresh context per run, as ../shared/perf/compare.sh
// measures it: load the page, wait until it is quiet, paste the 2 KB token (or TOKEN=FILE) with a
// real Ctrl+V, wait for the report.
//
//   node scripts/profile-first-paste.mjs [DIST_DIR]        (default dist; RUNS=5, TOKEN=FILE)
//
// Prints per run: paste -> report in DOM, and the browser's script / layout / style time of the
// paste; then the functions with the most self time over all runs (wasm functions by name when
// the build keeps a name section: `scripts/profile-first-paste.mjs dist-profile`, see
// BENCHMARKS.md). Asserts nothing.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';

const root = join(import.meta.dirname, '..');
const dist = resolve(process.argv[2] ?? join(root, 'dist'));
const RUNS = Number(process.env.RUNS ?? 5);
const PORT = Number(process.env.PROFILE_PORT ?? 4179);
const token = readFileSync(process.env.TOKEN ?? join(root, '..', 'shared', 'perf', 'tokens', 'slas-guest.jwt'), 'utf8').trim();
const WANT = process.env.WANT ?? 'slas/prod/zzrf_001';

const server = spawn(process.execPath, [join(root, 'tests', 'e2e', 'serve.mjs')], {
  env: { ...process.env, PORT: String(PORT), DIST: dist },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((r) => server.stdout.once('data', r));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const self = new Map();
let total = 0;
// Self time per function, from a profile's samples.
function addSelf(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const name = f.functionName || `(anonymous ${f.url.split('/').pop()}:${f.lineNumber})`;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (name === '(idle)' || name === '(program)') return;
    self.set(name, (self.get(name) ?? 0) + dt);
    total += dt;
  });
}
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.addInitScript((want) => {
      const P = (window.__p = { t0: null, t1: null, t2: null });
      addEventListener('paste', () => { if (P.t0 === null) P.t0 = performance.now(); }, true);
      new MutationObserver(() => {
        if (P.t0 !== null && P.t1 === null && document.body.textContent.includes(want)) {
          P.t1 = performance.now();
          requestAnimationFrame(() => setTimeout(() => { P.t2 = performance.now(); }, 0));
        }
      }).observe(document, { childList: true, subtree: true, characterData: true });
    }, WANT);
    // PHASE=load profiles navigation -> the app mounted instead of the paste.
    const load = process.env.PHASE === 'load';
    if (load) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
      await cdp.send('Profiler.start');
    }
    await page.goto(`http://127.0.0.1:${PORT}/tools/sfcc-token/`);
    await page.waitForSelector('#app');
    if (load) {
      const { profile } = await cdp.send('Profiler.stop');
      const t = await page.evaluate(() => ({ mounted: performance.now(), nav: performance.getEntriesByType('navigation')[0].toJSON() }));
      console.log(`run ${run + 1}: navigation -> app mounted ${t.mounted.toFixed(1)} ms (response end ${t.nav.responseEnd.toFixed(1)}, DOMContentLoaded ${t.nav.domContentLoadedEventEnd.toFixed(1)})`);
      addSelf(profile);
      await context.close();
      continue;
    }
    await page.waitForTimeout(700);
    await page.evaluate((t) => navigator.clipboard.writeText(t), token);
    await page.focus('#token-input');
    const before = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    await cdp.send('Profiler.start');
    await page.keyboard.press('Control+V');
    await page.waitForFunction(() => window.__p.t2 !== null);
    const { profile } = await cdp.send('Profiler.stop');
    const after = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const p = await page.evaluate(() => window.__p);
    const d = (k) => ((after[k] - before[k]) * 1000).toFixed(1);
    console.log(`run ${run + 1}: paste -> DOM ${(p.t1 - p.t0).toFixed(1)} ms, -> next frame ${(p.t2 - p.t0).toFixed(1)} ms; script ${d('ScriptDuration')} ms, layout ${d('LayoutDuration')} ms, style ${d('RecalcStyleDuration')} ms, nodes ${after.Nodes}`);
    addSelf(profile);
    await context.close();
  }
  console.log(`\nself time over ${RUNS} runs (ms, sampled every 50 µs; ${total.toFixed(1)} ms in all):`);
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40))) {
    console.log(`${(ms / RUNS).toFixed(2).padStart(8)}  ${name.slice(0, 110)}`);
  }
} finally {
  await browser.close();
  server.kill();
}
