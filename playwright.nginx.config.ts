import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// The release build as it is hosted: real nginx with the shipped deploy/nginx.conf, serving dist/
// from its sub-path (tests/e2e/nginx.mjs starts it; scripts/test runs this after the release build).
// Runs the deployment spec (headers, precompression, caching, no listing, no framing, the app at
// work) and the smoke spec (the app loads only its own files, with a clean console and the CSP).
//   npx playwright test -c playwright.nginx.config.ts
const PORT = Number(process.env.E2E_NGINX_PORT ?? 4180);
// Read by the spec too (workers load this file): the other origin that tries to frame the app, and
// whether nginx has Debian's brotli_static module (scripts/setup --test installs it where it exists).
const FRAMER_PORT = (process.env.E2E_NGINX_FRAMER_PORT ??= String(PORT + 1));
const BROTLI = (process.env.E2E_NGINX_BROTLI ??= existsSync('/usr/lib/nginx/modules/ngx_http_brotli_static_module.so') ? '1' : '0');
export default defineConfig({
  ...base,
  testMatch: ['**/nginx.spec.ts', '**/smoke.spec.ts'],
  testIgnore: [],
  use: { ...base.use, baseURL: `http://127.0.0.1:${PORT}/tools/sfcc-token/` },
  webServer: {
    command: 'node tests/e2e/nginx.mjs',
    env: {
      E2E_NGINX_PORT: String(PORT),
      E2E_NGINX_FRAMER_PORT: FRAMER_PORT,
      E2E_NGINX_BROTLI: BROTLI,
    },
    url: `http://127.0.0.1:${PORT}/tools/sfcc-token/`,
    reuseExistingServer: false,
    timeout: 15_000,
    // nginx.mjs stops nginx and removes its temporary directory on SIGTERM.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
});
