// Trunk post_build hook (Trunk.toml). Trunk puts its wasm loader in an inline <script type="module">.
// Rather than allowing 'unsafe-inline', add 'sha256-<base64>' of every inline script's exact text to
// the script-src directive of index.html's <meta http-equiv="Content-Security-Policy">, keeping the
// rest of the policy as it is. Fails (exit 1) when there is no such meta or it has no script-src.
//
// It also drops the integrity attribute from <link rel="preload" as="fetch"> (Trunk's wasm
// preload): Chromium ignores integrity there and logs a console warning on every load
// (crbug.com/981419). The JS (modulepreload) and CSS keep their integrity attributes.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const fail = (msg) => {
  console.error(`csp-hash: ${msg}`);
  process.exit(1);
};

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) fail('TRUNK_STAGING_DIR is not set (run me as a Trunk post_build hook)');
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');

// Inline scripts: <script> elements without a src attribute. The hash is over the exact text
// between the tags, as the browser sees it.
const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)].filter(
  (m) => !/\bsrc\s*=/i.test(m[1]),
);
const hashes = inline.map((m) => `'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);

// The CSP meta, whatever the attribute order.
const metas = [...html.matchAll(/<meta\b[^>]*>/gi)].filter((m) =>
  /\bhttp-equiv\s*=\s*["']?Content-Security-Policy["']?/i.test(m[0]),
);
if (metas.length === 0) fail(`${file} has no <meta http-equiv="Content-Security-Policy">`);
if (metas.length > 1) fail(`${file} has ${metas.length} Content-Security-Policy metas; expected one`);
const tag = metas[0][0];
const content = tag.match(/\bcontent\s*=\s*"([^"]*)"/i);
if (!content) fail(`the Content-Security-Policy meta has no content="..." attribute: ${tag}`);

const directives = content[1].split(';').map((d) => d.trim()).filter(Boolean);
const scriptSrc = directives.findIndex((d) => /^script-src\s/i.test(d));
if (scriptSrc < 0) fail(`the Content-Security-Policy has no script-src directive: ${content[1]}`);
if (/'unsafe-inline'/.test(directives[scriptSrc])) fail("script-src allows 'unsafe-inline'; remove it");
const present = new Set(directives[scriptSrc].split(/\s+/));
directives[scriptSrc] = [directives[scriptSrc], ...hashes.filter((h) => !present.has(h))].join(' ');

const newTag = tag.replace(content[0], `content="${directives.join('; ')}"`);
html = html.slice(0, metas[0].index) + newTag + html.slice(metas[0].index + tag.length);

let preloads = 0;
html = html.replace(/<link\b[^>]*>/gi, (link) => {
  if (!/\brel\s*=\s*"preload"/i.test(link) || !/\bas\s*=\s*"fetch"/i.test(link)) return link;
  const stripped = link.replace(/\s+integrity\s*=\s*"[^"]*"/i, '');
  if (stripped !== link) preloads++;
  return stripped;
});

writeFileSync(file, html);
console.log(
  `csp-hash: allowed ${hashes.length} inline script(s) by hash in script-src` +
    (preloads ? `; dropped integrity from ${preloads} fetch preload(s)` : ''),
);
