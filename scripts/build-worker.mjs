// Builds the worker into dist/worker/ for wrangler (wrangler.toml: `[build] command`, `no_bundle = true`,
// and a `[[rules]]` entry that uploads every *.chunk.mjs there as an ES module). esbuild with code splitting: the route groups that
// worker/src/app.ts (through index.ts) loads with `import()` become modules of their own, and code they share becomes
// hashed chunks, so a cold isolate compiles only the main module and what it imports statically
// (bench/worker-size.bench.mjs). Wrangler's own bundler cannot do this: it bundles into one file and
// inlines every `import()`.
//
// Minified, except under `wrangler dev` (WRANGLER_COMMAND=dev, set by wrangler for its custom build), where
// readable stack traces matter more. `node scripts/build-worker.mjs [--entry file] [--outdir dir]`;
// scripts/private-worker.mjs and the benches call buildWorker().
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const outDir = path.join(root, 'dist/worker');

/**
 * Builds `entry` (default worker/src/index.ts) into `outdir` as index.mjs plus its chunks (*.chunk.mjs); the directory is
 * emptied first, so no chunk of an earlier build is uploaded with it.
 * @param {{ entry?: string, outdir?: string, minify?: boolean }} [options] entry relative to the repo root
 * @returns {Promise<import('esbuild').Metafile>}
 */
export async function buildWorker({ entry = 'worker/src/index.ts', outdir = outDir, minify = true } = {}) {
  rmSync(outdir, { recursive: true, force: true });
  const result = await esbuild.build({
    entryPoints: [{ in: path.resolve(root, entry), out: 'index' }],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2024',
    // What wrangler's bundler resolves packages with (jose, hono and oauth4webapi pick their web builds).
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    // Provided by workerd (nodejs_compat, cloudflare:email).
    external: ['cloudflare:*', 'node:*'],
    minify,
    // No `__name(fn, "…")` wrapper around every function and class: nothing reads a function's name;
    // errors are told apart by `instanceof` and `.code`.
    keepNames: false,
    legalComments: 'none',
    // A name no dependency's file has: wrangler.toml's `[[rules]]` reach the vitest pool too, which loads
    // whatever they match as a raw module (with `**/*.js`, a second copy of hono, whose HTTPException
    // then fails `instanceof` in handleError).
    chunkNames: '[name]-[hash].chunk',
    outExtension: { '.js': '.mjs' },
    metafile: true,
    logLevel: 'warning',
  });
  return result.metafile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { entry: { type: 'string' }, outdir: { type: 'string' } } });
  await buildWorker({
    entry: values.entry,
    outdir: values.outdir ? path.resolve(values.outdir) : undefined,
    minify: process.env.WRANGLER_COMMAND !== 'dev',
  });
}
