// Builds the widget with esbuild, two ways:
// - storefront-accounts.js: every element in one ES module, for the one script tag;
// - account-login.js: only <account-login>, in one module, for a log-in page (the smallest download);
// - elements/account-<name>.js: one element each (a log-in page loads only elements/account-login.js),
//   sharing hashed chunks (elements/chunks/*-<hash>.js), so several of them on a page share Lit and the session.
// German and French messages are lazily loaded chunks in both. Written to public/widget/ (short cache)
// and public/widget/v<version>/ (immutable, for pinning a release).
// `node scripts/build-widget.mjs --watch` rebuilds on change. Exports build() for build-assets.mjs.
import { readdirSync, readFileSync, rmSync, cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'widget/src');
// ASSETS_DIR (tests) builds elsewhere than public/.
export const outDir = path.join(process.env.ASSETS_DIR ? path.resolve(process.env.ASSETS_DIR) : path.join(root, 'public'), 'widget');
export const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;

/** Collapses whitespace in the CSS template literals of *styles.ts (esbuild leaves string contents alone). */
const compactCss = {
  name: 'compact-css',
  setup(build) {
    build.onLoad({ filter: /styles\.ts$/ }, async (args) => {
      const text = readFileSync(args.path, 'utf8').replace(
        /`([^`]*)`/g,
        (_, css) =>
          `\`${css
            .replace(/\s*\n\s*/g, '\n')
            .replace(/\s*([{};])\s*/g, '$1')
            .replace(/,\s+/g, ',')
            .replace(/:\s+/g, ':')
            .replace(/;}/g, '}')}\``,
      );
      return { contents: text, loader: 'ts' };
    });
  },
};

/** esbuild options: `all` is the single-module bundle, `elements` the per-element entries. */
export function options(kind) {
  const elements = readdirSync(path.join(src, 'elements')).filter((f) => f.endsWith('.ts'));
  return {
    entryPoints:
      kind === 'all'
        ? [{ in: path.join(src, 'index.ts'), out: 'storefront-accounts' }]
        : kind === 'login'
          ? [{ in: path.join(src, 'elements/account-login.ts'), out: 'account-login' }]
          : elements.map((f) => ({ in: path.join(src, 'elements', f), out: f.replace(/\.ts$/, '') })),
    outdir: kind !== 'elements' ? outDir : path.join(outDir, 'elements'),
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    chunkNames: kind === 'elements' ? '../chunks/[name]-[hash]' : 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
    plugins: [compactCss],
  };
}

/** A copy under v<version>/ so a theme can pin a release with immutable caching. */
function copyVersioned() {
  const pinned = path.join(outDir, `v${version}`);
  rmSync(pinned, { recursive: true, force: true });
  mkdirSync(pinned, { recursive: true });
  for (const f of readdirSync(outDir)) if (!/^v\d/.test(f)) cpSync(path.join(outDir, f), path.join(pinned, f), { recursive: true });
}

/** Builds both; returns the merged metafile. */
export async function build() {
  rmSync(outDir, { recursive: true, force: true });
  const results = await Promise.all(['all', 'login', 'elements'].map((kind) => esbuild.build(options(kind))));
  copyVersioned();
  return { metafile: { outputs: Object.assign({}, ...results.map((r) => r.metafile.outputs)) } };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--watch')) {
    for (const kind of ['all', 'login', 'elements']) {
      const ctx = await esbuild.context({
        ...options(kind),
        plugins: [compactCss, { name: 'versioned', setup: (b) => b.onEnd(() => copyVersioned()) }],
      });
      await ctx.watch();
    }
    console.log('watching widget/src …');
  } else {
    await build();
    console.log(`built ${path.relative(root, outDir)}`);
  }
}
