// Trunk post_build hook: Trunk puts its wasm loader in an inline <script type="module">. Rather than
// allowing 'unsafe-inline', add the SHA-256 of every inline script to the CSP's script-src.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp-hash: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
  process.exit(1);
}
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');

const hashes = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  (m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`,
);

const meta = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/;
const found = html.match(meta);
if (!found) {
  console.error('csp-hash: index.html has no Content-Security-Policy meta');
  process.exit(1);
}
const policy = found[2]
  .split(';')
  .map((d) => d.trim())
  .filter(Boolean)
  .map((d) => (d.startsWith('script-src ') ? [d, ...hashes].join(' ') : d))
  .join('; ');
if (!policy.includes('script-src ')) {
  console.error('csp-hash: the CSP has no script-src directive');
  process.exit(1);
}
html = html.replace(meta, `$1${policy}$3`);
writeFileSync(file, html);
console.log(`csp-hash: allowed ${hashes.length} inline script(s) by hash`);
