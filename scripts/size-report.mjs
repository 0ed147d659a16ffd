// Prints the raw, gzip and brotli size of every file in dist/ (not counting the precompressed .gz
// and .br copies) and the totals; fails when the total gzip size is over the budget. Sizes are
// deterministic for a given build.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

// Bytes, total over dist/: the line is held a little above today's size. 2026-12-01: 237,284 B.
// 2026-12-02: raised for the API's answer (BENCHMARKS.md): the catalogue of the 224 documented
// error answers (errors.json: meanings and causes, about 20 KB gzip of text) and the reader,
// verdict, ticket summary and their panels (about 38 KB). Issue 16 sets 260 KB for the whole
// round. 2026-12-02, later: raised again for signature verification (the key reader for JWKS,
// JWK, PEM, X.509 and secrets, the plan for WebCrypto, its panels: about 20 KB gzip), then for
// the side-by-side comparison of two credentials (about 5 KB). 2026-12-02, last: raised for a
// whole HAR session (issue 15: the slice reader, the session's calls, tokens and findings, the
// sanitized export, the session view and timeline: +106 KB, of which 21 KB were won back) and
// printing (issue 16 §2: about 6 KB); BENCHMARKS.md says where the bytes are.
// 2026-12-02, issue 16 §1: raised for the first paste (the boot shell and its preview in
// index.html, the rehearsal of the first paste, the report's first screen rendered before the
// rest, the long claims table folded: about 10 KB gzip; BENCHMARKS.md).
// 2026-12-02, issue 16 §1: lowered to 425,000 B when the report's stateless cards became text
// (src/markup.rs, −3.2 KB; BENCHMARKS.md).
// Lower it as bytes are won; never raise it without saying why in BENCHMARKS.md.
const GZIP_BUDGET = Number(process.env.GZIP_BUDGET ?? 425_000);
const dist = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'dist');

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    // The .gz and .br copies (scripts/precompress.mjs) are what the gzip and brotli columns measure.
    if (name.startsWith('.') || /\.(gz|br)$/.test(name)) continue;
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

const rows = [...files(dist)].sort().map((path) => {
  const bytes = readFileSync(path);
  return {
    file: relative(dist, path),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
});
if (rows.length === 0) {
  console.error('size-report: dist/ is empty; run trunk build --release first');
  process.exit(1);
}
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const pad = (s, n) => String(s).padStart(n);
const width = Math.max(5, ...rows.map((r) => r.file.length));
console.log(`${'file'.padEnd(width)} ${pad('raw', 9)} ${pad('gzip', 9)} ${pad('brotli', 9)}`);
for (const r of rows) console.log(`${r.file.padEnd(width)} ${pad(r.raw, 9)} ${pad(r.gzip, 9)} ${pad(r.brotli, 9)}`);
console.log(`${'total'.padEnd(width)} ${pad(total.raw, 9)} ${pad(total.gzip, 9)} ${pad(total.brotli, 9)}`);
console.log(`gzip budget: ${total.gzip} of ${GZIP_BUDGET} bytes`);
if (total.gzip > GZIP_BUDGET) {
  console.error(`size-report: total gzip ${total.gzip} B is over the budget of ${GZIP_BUDGET} B`);
  process.exit(1);
}
