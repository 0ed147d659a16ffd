// The release build as it is hosted: real nginx, with the shipped deploy/nginx.conf, serving dist/
// from its sub-path (playwright.nginx.config.ts; tests/e2e/nginx.mjs starts nginx). Asserts what
// only the server can do: the security headers (the CSP as a header, with frame-ancestors 'none'),
// the wasm MIME type, the precompressed copies, the cache policy, no directory listing, nothing
// outside the sub-path, no framing by another origin; and that the app works there.
// The HTTP checks use node:http, which, unlike a browser, shows the bytes as they were sent.
import { test as plain } from '@playwright/test';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { test, expect, gotoApp } from './fixtures';
import { fixture, index } from './tokens';

const PORT = Number(process.env.E2E_NGINX_PORT ?? 4180);
const FRAMER = `http://127.0.0.1:${process.env.E2E_NGINX_FRAMER_PORT ?? PORT + 1}/`;
const BASE = '/tools/sfcc-token/';
const APP = `http://127.0.0.1:${PORT}${BASE}`;
/** Whether nginx serves the .br copies (set by playwright.nginx.config.ts: when the module is installed). */
const BROTLI = process.env.E2E_NGINX_BROTLI === '1';
/** The directory without index.html that tests/e2e/nginx.mjs adds to its copy of dist/. */
const PROBE_DIR = 'no-index';

const dist = join(__dirname, '..', '..', 'dist');
/** The build's files, without the .gz and .br copies. */
const files = readdirSync(dist, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && !/\.(gz|br)$/.test(e.name) && !e.name.startsWith('.'))
  .map((e) => join(e.parentPath, e.name).slice(dist.length + 1))
  .sort();
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  wasm: 'application/wasm',
};
/** Trunk's content-hashed names: <name>-<hash>.js, <name>-<hash>_bg.wasm, <name>-<hash>.css. */
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

type Response = { status: number; headers: IncomingHttpHeaders; body: Buffer };
/** One request to the nginx under test, the body exactly as sent (never decompressed). */
function fetchRaw(path: string, headers: Record<string, string> = {}, method = 'GET', port = PORT): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The page's meta policy, as served. */
function metaPolicy(html: string): string {
  const metas = [...html.matchAll(/<meta\b[^>]*http-equiv="Content-Security-Policy"[^>]*>/gi)];
  expect(metas.length, 'one CSP meta in index.html').toBe(1);
  return /\bcontent="([^"]*)"/.exec(metas[0][0])![1];
}

/** Every header a meta tag cannot set (or sets weaker), on any response of the sub-path. */
function expectSecurityHeaders(h: IncomingHttpHeaders, csp: string, what: string) {
  expect(h['content-security-policy'], `${what}: CSP`).toBe(csp);
  expect(h['x-content-type-options'], `${what}: nosniff`).toBe('nosniff');
  expect(h['referrer-policy'], `${what}: Referrer-Policy`).toBe('no-referrer');
  expect(h['cross-origin-opener-policy'], `${what}: COOP`).toBe('same-origin');
  expect(h['cross-origin-resource-policy'], `${what}: CORP`).toBe('same-origin');
  expect(h['x-frame-options'], `${what}: X-Frame-Options`).toBe('DENY');
  const permissions = String(h['permissions-policy'] ?? '').split(/,\s*/);
  for (const denied of ['camera=()', 'microphone=()', 'geolocation=()', 'payment=()', 'usb=()', 'clipboard-read=()']) {
    expect(permissions, `${what}: Permissions-Policy`).toContain(denied);
  }
  expect(h['server'], `${what}: no nginx version`).toBe('nginx');
}

/** The CSP header the server must send: index.html's meta policy plus frame-ancestors 'none'. */
async function expectedCsp(): Promise<string> {
  const served = await fetchRaw(BASE);
  const meta = metaPolicy(served.body.toString('utf8'));
  return `${meta}; frame-ancestors 'none'`;
}

plain.describe('nginx, HTTP', () => {
  plain('index.html: the CSP header is the page policy plus frame-ancestors none, and every security header is set', async () => {
    const res = await fetchRaw(BASE);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    // What nginx serves is this build's index.html, whose meta carries this build's loader hash.
    expect(res.body.equals(readFileSync(join(dist, 'index.html')))).toBe(true);
    const meta = metaPolicy(res.body.toString('utf8'));
    expect(meta).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
    const header = String(res.headers['content-security-policy']);
    // Character for character the meta's policy (two-stage: connect-src 'self' fetches the wasm,
    // the app narrows it to 'none' at mount), and what only a header can say.
    expect(header).toBe(`${meta}; frame-ancestors 'none'`);
    expect(header).toContain("connect-src 'self'");
    expect(header).not.toContain('unsafe-inline');
    expectSecurityHeaders(res.headers, header, 'index.html');
    expect(res.headers['cache-control']).toBe('no-cache');
    // The same for its own name.
    const named = await fetchRaw(`${BASE}index.html`);
    expect(named.status).toBe(200);
    expect(named.headers['cache-control']).toBe('no-cache');
    expectSecurityHeaders(named.headers, header, 'index.html by name');
  });

  plain('every file: its MIME type (application/wasm), the security headers, immutable when hashed, no-cache otherwise', async () => {
    const csp = await expectedCsp();
    expect(files).toContain('index.html');
    // Trunk's hashed names are recognised for each kind of asset (else nothing would be cached).
    // The stylesheet is inline in index.html (its first paint waits for no request).
    expect(files.filter((f) => f.endsWith('.css'))).toEqual([]);
    for (const ext of ['js', 'wasm']) {
      expect(files.filter((f) => f.endsWith(`.${ext}`) && HASHED.test(f)).length, `a hashed .${ext} in ${files}`).toBe(1);
    }
    for (const file of files) {
      const res = await fetchRaw(BASE + file);
      expect(res.status, file).toBe(200);
      const ext = file.split('.').pop()!;
      expect(res.headers['content-type'], file).toBe(TYPES[ext]);
      expect(res.headers['content-encoding'], `${file}: no encoding unasked`).toBeUndefined();
      expect(res.body.equals(readFileSync(join(dist, file))), `${file}: the bytes of dist/`).toBe(true);
      expect(res.headers['cache-control'], file).toBe(HASHED.test(file) ? IMMUTABLE : 'no-cache');
      expectSecurityHeaders(res.headers, csp, file);
    }
  });

  plain('the build precompressed every file, and nginx serves the .gz and .br copies with Content-Encoding', async () => {
    for (const file of files) {
      const original = readFileSync(join(dist, file));
      const gz = readFileSync(join(dist, `${file}.gz`));
      const br = readFileSync(join(dist, `${file}.br`));
      expect(gunzipSync(gz).equals(original), `${file}.gz is ${file}`).toBe(true);
      expect(brotliDecompressSync(br).equals(original), `${file}.br is ${file}`).toBe(true);

      const gzipped = await fetchRaw(BASE + file, { 'accept-encoding': 'gzip' });
      expect(gzipped.status, file).toBe(200);
      expect(gzipped.headers['content-encoding'], `${file}, gzip`).toBe('gzip');
      expect(gzipped.body.equals(gz), `${file}: the .gz as built`).toBe(true);
      expect(gzipped.headers['vary'], file).toBe('Accept-Encoding');
      expect(gzipped.headers['content-type'], file).toBe(TYPES[file.split('.').pop()!]);

      if (BROTLI) {
        // What Chromium sends: brotli is preferred.
        const brotli = await fetchRaw(BASE + file, { 'accept-encoding': 'gzip, deflate, br, zstd' });
        expect(brotli.status, file).toBe(200);
        expect(brotli.headers['content-encoding'], `${file}, br`).toBe('br');
        expect(brotli.body.equals(br), `${file}: the .br as built`).toBe(true);
        expect(brotli.headers['vary'], file).toBe('Accept-Encoding');
        expect(brotli.headers['content-type'], file).toBe(TYPES[file.split('.').pop()!]);
      }
    }
  });

  plain('no directory listing, nothing outside the sub-path, GET and HEAD only', async () => {
    // The sub-path's directory is index.html, not a listing.
    const root = await fetchRaw(BASE);
    expect(root.body.toString()).toContain('<title>SFCC Token Inspector</title>');
    // A directory without an index is refused, not listed (its file is there: the refusal is autoindex off).
    const dir = await fetchRaw(`${BASE}${PROBE_DIR}/`);
    expect(dir.status).toBe(403);
    expect(dir.body.toString()).not.toMatch(/Index of|file\.txt/);
    expect((await fetchRaw(`${BASE}${PROBE_DIR}/file.txt`)).status).toBe(200);
    // Outside the sub-path: nothing.
    for (const path of ['/', '/index.html', '/tools/', '/tools/index.html', '/tools/sfcc-token-other/', '/sfcc-token/', `/${files.find((f) => f.endsWith('.wasm'))}`]) {
      const res = await fetchRaw(path);
      expect(res.status, path).toBe(404);
      expect(res.body.toString(), path).not.toContain('SFCC Token Inspector');
    }
    expect((await fetchRaw(`${BASE}missing.js`)).status).toBe(404);
    // The sub-path without its slash is redirected to it, relatively.
    const bare = await fetchRaw('/tools/sfcc-token');
    expect(bare.status).toBe(301);
    expect(bare.headers['location']).toBe(BASE);
    // A static page takes no input.
    expect((await fetchRaw(BASE, {}, 'HEAD')).status).toBe(200);
    for (const method of ['POST', 'PUT', 'DELETE']) expect((await fetchRaw(BASE, {}, method)).status, method).toBe(403);
  });

  plain('a page of another origin cannot frame the app (frame-ancestors none)', async ({ page }) => {
    const responses: { url: string; status: number; csp?: string }[] = [];
    page.on('response', (r) => responses.push({ url: r.url(), status: r.status(), csp: r.headers()['content-security-policy'] }));
    const logs: string[] = [];
    page.on('console', (m) => logs.push(m.text()));
    await page.goto(FRAMER);
    // Framing as such works: the other origin's own page loads in its frame.
    await expect(page.frameLocator('#control').locator('#control')).toHaveText('framed');
    // The app's page was served (200, with the header)...
    await expect.poll(() => responses.find((r) => r.url === APP)).toBeTruthy();
    const framed = responses.find((r) => r.url === APP)!;
    expect(framed.status).toBe(200);
    expect(framed.csp).toContain("frame-ancestors 'none'");
    // ...and refused by the browser: nothing of the app loaded or ran in the frame.
    await expect.poll(() => logs.some((t) => /frame-ancestors 'none'/.test(t)), { message: 'a console message on the refusal' }).toBe(true);
    const appFrame = await (await page.$('iframe#app'))!.contentFrame();
    expect(appFrame!.url()).not.toContain(BASE);
    await expect(page.frameLocator('#app').locator('main#app')).toHaveCount(0);
    expect(responses.filter((r) => r.url.startsWith(APP) && r.url !== APP).map((r) => r.url), 'the app\'s scripts and wasm were never fetched').toEqual([]);
  });
});

test.describe('nginx, the app', () => {
  test('the app works as hosted: its wasm arrives precompressed as application/wasm, a pasted token is decoded, nothing is requested after load', async ({ page, requests }) => {
    await page.clock.setFixedTime(new Date((index.reference_now + 60) * 1000));
    const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
    await gotoApp(page);
    const headers = await (await wasm).allHeaders();
    expect([headers['content-type'], headers['content-encoding']]).toEqual(['application/wasm', BROTLI ? 'br' : 'gzip']);
    await page.fill('[data-testid=token-input]', fixture('slas-access-guest.jwt'));
    await expect(page.getByTestId('kind')).toHaveText('SLAS shopper access token');
    await expect(page.getByTestId('status')).toHaveText('Valid now');
    await expect(page.locator('[data-testid=header-panel] tr[data-claim=alg] .claim-value')).toHaveText('ES256');
    // Both policies hold at once: the header's and the meta's (and the app's connect-src 'none').
    const policies = await page.locator('meta[http-equiv="Content-Security-Policy"]').evaluateAll((metas) => metas.map((m) => m.getAttribute('content')));
    expect(policies).toHaveLength(2);
    expect(policies[1]).toBe("connect-src 'none'");
    // The shared fixture fails the test on any request after mount; said here too.
    expect(requests.filter((r) => r.at === 'after-mount')).toEqual([]);
    expect(requests.filter((r) => r.at === 'before-mount').every((r) => r.url.startsWith(APP) || r.url.startsWith('data:'))).toBe(true);
  });
});
