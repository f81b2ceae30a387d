// Builds the static assets the worker serves (wrangler.toml [assets] → public/): the widget bundles
// under /widget/ and public/_headers with the cache and CORS rules. The demo page at / (demo/index.html
// with its demo/*.css, *.js and *.svg), the element gallery at /gallery/ (demo/gallery, with a copy of
// custom-elements.json it builds its controls from), the merchant console under /admin/ (demo/console,
// its own bundle) and the API reference at /docs/ (demo/docs with Swagger UI from swagger-ui-dist, reading
// the /openapi/*.json documents every build has) only with `--demo` or DEPLOY_DEMO=true: `npm run dev`
// and the e2e suites build them, a plain `npm run build` / deploy leaves them out (and removes any left
// in public/ by an earlier demo build).
// Wherever they are built, _headers gives every static file a strict CSP (no inline script) and
// frame-ancestors 'none'. Run by `npm run build:widget`, `npm test` (pretest), `npm run dev`,
// `npm run test:e2e` and `npm run build`. `--watch` keeps the widget rebuilding (dev). ASSETS_DIR
// (tests) builds somewhere other than public/.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { build as buildConsole, outDir as consoleDir } from './build-console.mjs';
import { buildOpenApi } from './build-openapi.mjs';
import { build, version } from './build-widget.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pub = process.env.ASSETS_DIR ? path.resolve(process.env.ASSETS_DIR) : path.join(root, 'public');
const demoSrc = path.join(root, 'demo');
const galleryDir = path.join(pub, 'gallery');
const docsDir = path.join(pub, 'docs');

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
/openapi/*
  Access-Control-Allow-Origin: *
  Cache-Control: ${SHORT}
  X-Content-Type-Options: nosniff
`;

// The demo store and the merchant console: only same-origin files (no inline script or style, no other
// origin), never framed (clickjacking), no referrer to other sites. `/*` so that every static file gets
// it (`/`, `/index.html`, `/admin/`, ...); on the widget's JS files a CSP is inert. The console's
// favicon is a data: URL, hence img-src data:.
export const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const DEMO_HEADERS = `/*
  Content-Security-Policy: ${DEMO_CSP}
  X-Frame-Options: DENY
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
`;

/** The demo store's files copied from demo/ into public/ (index.html, *.css, *.js, *.svg). */
export function demoFiles() {
  return readdirSync(demoSrc).filter((f) => f === 'index.html' || /\.(css|js|svg)$/.test(f));
}

/** The element gallery's files (demo/gallery/), copied into public/gallery/ beside the elements' manifest. */
function copyGallery() {
  mkdirSync(galleryDir, { recursive: true });
  for (const f of readdirSync(path.join(demoSrc, 'gallery'))) copyFileSync(path.join(demoSrc, 'gallery', f), path.join(galleryDir, f));
  copyFileSync(path.join(root, 'custom-elements.json'), path.join(galleryDir, 'custom-elements.json'));
}

/** Swagger UI's files the API reference loads, and the licences its bundles name in their first line (no source maps). */
const SWAGGER_UI_FILES = [
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'swagger-ui.css',
  'swagger-ui-bundle.js.LICENSE.txt',
  'swagger-ui-standalone-preset.js.LICENSE.txt',
];

/** The API reference (demo/docs/) with Swagger UI from swagger-ui-dist, copied into public/docs/. */
function copyDocs() {
  mkdirSync(docsDir, { recursive: true });
  for (const f of readdirSync(path.join(demoSrc, 'docs'))) copyFileSync(path.join(demoSrc, 'docs', f), path.join(docsDir, f));
  const swaggerUi = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  for (const f of SWAGGER_UI_FILES) copyFileSync(path.join(swaggerUi, f), path.join(docsDir, f));
}

/** Whether this build includes the demo store and the console: `--demo` or DEPLOY_DEMO=true. */
export function demoRequested(argv = process.argv, env = process.env) {
  return argv.includes('--demo') || env.DEPLOY_DEMO === 'true';
}

/** Builds public/: the widget always; the demo store and console only with `demo: true`. */
export async function buildAssets({ demo = demoRequested() } = {}) {
  mkdirSync(pub, { recursive: true });
  await build();
  // The API descriptions, generated from the worker's routes: docs/openapi/ and /openapi/*.json.
  await buildOpenApi({ assetsDir: pub });
  if (demo) {
    await buildConsole();
    for (const f of demoFiles()) copyFileSync(path.join(demoSrc, f), path.join(pub, f));
    copyGallery();
    copyDocs();
  } else {
    rmSync(consoleDir, { recursive: true, force: true });
    rmSync(galleryDir, { recursive: true, force: true });
    rmSync(docsDir, { recursive: true, force: true });
    for (const f of demoFiles()) rmSync(path.join(pub, f), { force: true });
  }
  writeFileSync(path.join(pub, '_headers'), demo ? HEADERS + DEMO_HEADERS : HEADERS);
  return { demo };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { demo } = await buildAssets();
  console.log(
    `built ${path.relative(root, pub) || pub}/ (widget v${version}, ${demo ? 'demo store, /gallery/, /admin/ console and /docs/ API reference' : 'no demo store, gallery, console or API reference: DEPLOY_DEMO=true or --demo adds them'}, _headers)`,
  );
  if (process.argv.includes('--watch') && existsSync(path.join(root, 'scripts/build-widget.mjs'))) {
    spawn(process.execPath, [path.join(root, 'scripts/build-widget.mjs'), '--watch'], { stdio: 'inherit' });
  }
}
