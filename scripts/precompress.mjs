// Writes a gzip (level 9) and a brotli (quality 11) copy, `<file>.gz` and `<file>.br`, beside every
// file of a built dist/, for a web server that serves precompressed files as they are (nginx's
// gzip_static and brotli_static, deploy/nginx.conf). Run by scripts/post-build.mjs (the Trunk
// post_build hook) on the staging directory, after index.html is final; or by hand:
// `node scripts/precompress.mjs [DIR]` (default dist/), which also removes stale copies.
// The settings are scripts/size-report.mjs's, so its gzip and brotli columns are the bytes served;
// the output is deterministic (gzip header mtime 0): a rebuild gives the same bytes.
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync, unlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const COMPRESSED = /\.(gz|br)$/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

function precompress(dir) {
  let count = 0;
  for (const path of [...files(dir)]) {
    if (COMPRESSED.test(path)) {
      // A copy whose original is gone (a previous build's hashed file) must not be served.
      if (!existsSync(path.replace(COMPRESSED, ''))) unlinkSync(path);
      continue;
    }
    const bytes = readFileSync(path);
    writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
    writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    count++;
  }
  return count;
}

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? join(import.meta.dirname, '..', 'dist');
const shown = (d) => (relative(process.cwd(), d).startsWith('..') ? d : relative(process.cwd(), d) || '.');
const t0 = performance.now();
const count = precompress(dir);
console.log(`precompress: wrote .gz and .br of ${count} file(s) in ${shown(dir)} (${Math.round(performance.now() - t0)} ms)`);
