// Builds the static assets the worker serves (wrangler.toml [assets] → public/): the widget bundles
// under /widget/, the demo page at / (demo/index.html with its demo/*.css, *.js and *.svg), the merchant console under /admin/
// (demo/console, its own bundle), and public/_headers with the
// cache and CORS rules. Run by `npm run build:widget`, `npm test` (pretest), `npm run dev` and
// `npm run build`. `--watch` keeps the widget rebuilding (dev).
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { build as buildConsole } from './build-console.mjs';
import { build, version } from './build-widget.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pub = path.join(root, 'public');

// Entry files keep their URL across releases, so they are cached briefly; chunks are content-hashed
// and a v<version>/ copy never changes, so those are immutable. Module scripts are fetched with CORS,
// so a theme on another origin needs Access-Control-Allow-Origin on every widget file.
const SHORT = 'public, max-age=300, stale-while-revalidate=86400';
const LONG = 'public, max-age=31536000, immutable';
const HEADERS = `/widget/*
  Access-Control-Allow-Origin: *
  X-Content-Type-Options: nosniff
/widget/storefront-accounts.js
  Cache-Control: ${SHORT}
/widget/account-login.js
  Cache-Control: ${SHORT}
/widget/elements/*
  Cache-Control: ${SHORT}
/widget/chunks/*
  Cache-Control: ${LONG}
/widget/v${version}/*
  Cache-Control: ${LONG}
`;

export async function buildAssets() {
  mkdirSync(pub, { recursive: true });
  await build();
  await buildConsole();
  const demo = path.join(root, 'demo');
  for (const f of readdirSync(demo)) {
    if (f === 'index.html' || /\.(css|js|svg)$/.test(f)) copyFileSync(path.join(demo, f), path.join(pub, f));
  }
  writeFileSync(path.join(pub, '_headers'), HEADERS);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildAssets();
  console.log(`built ${path.relative(root, pub)}/ (widget v${version}, demo page, _headers)`);
  if (process.argv.includes('--watch') && existsSync(path.join(root, 'scripts/build-widget.mjs'))) {
    spawn(process.execPath, [path.join(root, 'scripts/build-widget.mjs'), '--watch'], { stdio: 'inherit' });
  }
}
