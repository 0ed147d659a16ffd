// A dependency-free static server for the E2E tests: serves dist/ ONLY under a sub-path
// (as the intranet does: https://intranet.example/tools/sfcc-token/), 404 everywhere else, so
// every test proves the build works from a sub-path with relative URLs.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, extname } from 'node:path';

const PORT = Number(process.env.PORT ?? 4173);
export const BASE = '/tools/sfcc-token/';
// DIST: another build to serve (scripts/profile-first-paste.mjs serves one with wasm names).
const dist = process.env.DIST ?? join(import.meta.dirname, '..', '..', 'dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (!path.startsWith(BASE)) {
    res.writeHead(404).end('outside the sub-path');
    return;
  }
  const rel = normalize(path.slice(BASE.length) || 'index.html');
  if (rel.startsWith('..')) {
    res.writeHead(400).end();
    return;
  }
  try {
    const body = await readFile(join(dist, rel));
    res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
  } catch {
    res.writeHead(404).end('not found');
  }
}).listen(PORT, '127.0.0.1', () => console.log(`serving dist/ at http://127.0.0.1:${PORT}${BASE}`));
