// The Trunk post_build hook (Trunk.toml). Trunk runs the hooks of one stage at the same time, and
// these steps must run in order, so they are one hook:
//   1. scripts/csp-hash.mjs: the inline loader's hash into index.html's CSP meta (and the same
//      policy, as a header, into deploy/csp.conf for deploy/nginx.conf);
//   2. scripts/precompress.mjs: a .gz and a .br beside every file, index.html included, so it
//      must come after step 1 has rewritten index.html.
await import('./csp-hash.mjs');
await import('./precompress.mjs');
