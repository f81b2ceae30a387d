// Builds the merchant console (the local demo back office at /admin/) with esbuild into public/admin/:
// index.html, console.js (Lit, its own bundle: the storefront widget never loads it) and console.css.
// `node scripts/build-console.mjs` builds once; `--watch` rebuilds on change. Exports build().
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'demo/console');
// ASSETS_DIR (tests) builds elsewhere than public/.
export const outDir = path.join(process.env.ASSETS_DIR ? path.resolve(process.env.ASSETS_DIR) : path.join(root, 'public'), 'admin');

/** esbuild options for the console bundle. */
export function options() {
  return {
    entryPoints: [
      { in: path.join(src, 'src/main.ts'), out: 'console' },
      { in: path.join(src, 'console.css'), out: 'console' },
    ],
    outdir: outDir,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    tsconfig: path.join(src, 'tsconfig.json'),
    logLevel: 'warning',
  };
}

function copyHtml() {
  copyFileSync(path.join(src, 'index.html'), path.join(outDir, 'index.html'));
}

/** Builds public/admin/ from scratch; returns esbuild's result. */
export async function build() {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await esbuild.build(options());
  copyHtml();
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--watch')) {
    mkdirSync(outDir, { recursive: true });
    const ctx = await esbuild.context({ ...options(), plugins: [{ name: 'html', setup: (b) => b.onEnd(() => copyHtml()) }] });
    await ctx.watch();
    console.log('watching demo/console …');
  } else {
    await build();
    console.log(`built ${path.relative(root, outDir)}`);
  }
}
