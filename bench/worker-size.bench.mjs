// Worker size (DESIGN §5, issue 11): what `wrangler deploy` would upload, minified, gzip -9 per module.
// Budget ≤ 60 KB for the worker's startup: the main module and every module it imports statically.
//
// The worker is split (scripts/build-worker.mjs): worker/src/app.ts loads each route group with
// `import()` on the group's first request. Lazily imported modules do not cost cold-start time: workerd
// hands V8 the main module, which compiles and evaluates it and its static imports before the first
// request; a module reached only by `import()` is compiled and evaluated when that `import()` first
// runs, once per isolate. So the startup figure is what every cold isolate pays; the storefront figure
// is what an isolate has compiled once it has answered its first storefront request (the shopper's
// first request pays the difference); the upload is every module, loaded or not.
// Each module is gzipped on its own (they are separate modules), so the parts add up to the total.
// Also lists the largest contributors (esbuild metafile) so a regression names its cause.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWorker } from '../scripts/build-worker.mjs';
import { root, round, writeResults } from './lib/worker.mjs';

const BUDGET_KB = 60;
/** The modules worker/src/app.ts imports for a /storefront/* request (its `storefront` group). */
const STOREFRONT_GROUP = ['worker/src/routes/storefront/index.ts', 'worker/src/routes/current-customer.ts'];

const uploadDir = mkdtempSync(path.join(os.tmpdir(), 'sfa-size-'));
const buildDir = mkdtempSync(path.join(os.tmpdir(), 'sfa-size-meta-'));
try {
  // What wrangler would upload: its [build] command (scripts/build-worker.mjs) and the modules it attaches.
  const res = spawnSync(path.join(root, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', uploadDir], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
  });
  if (res.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${res.stdout}${res.stderr}`);

  // The same build again for its module graph (which module imports which, statically or by import()).
  const meta = await buildWorker({ outdir: buildDir });
  /** @type {Record<string, import('esbuild').Metafile['outputs'][string]>} output file name → its metafile entry */
  const outputs = Object.fromEntries(Object.entries(meta.outputs).map(([file, info]) => [path.basename(file), info]));
  const name = (file) => path.basename(file);
  const sizes = {};
  for (const file of Object.keys(outputs)) {
    // Chunk names hash their contents: a module wrangler would not upload means the two builds differ.
    const uploaded = path.join(uploadDir, file);
    if (!existsSync(uploaded)) throw new Error(`wrangler deploy --dry-run did not attach ${file}: is wrangler.toml's [[rules]] glob out of date?`);
    const code = readFileSync(uploaded);
    sizes[file] = { bytes: code.length, gzip: gzipSync(code, { level: 9 }).length };
  }

  /** The modules `start` loads, following static imports only. */
  const closure = (start) => {
    const seen = new Set();
    const todo = [...start];
    while (todo.length) {
      const file = todo.pop();
      if (seen.has(file)) continue;
      seen.add(file);
      for (const i of outputs[file].imports) if (i.kind === 'import-statement' && !i.external) todo.push(name(i.path));
    }
    return seen;
  };
  const total = (files) => {
    let gzip = 0;
    let bytes = 0;
    for (const f of files) {
      gzip += sizes[f].gzip;
      bytes += sizes[f].bytes;
    }
    return { gzipKb: round(gzip / 1024, 1), minKb: round(bytes / 1024, 1), count: files.size };
  };
  /** Minified bytes per package (or ours) over `files`, largest first. */
  const contributors = (files, top = 6) => {
    const by = {};
    for (const f of files) {
      for (const [input, info] of Object.entries(outputs[f].inputs)) {
        const key = input.includes('node_modules/') ? input.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1') : 'worker/src (ours)';
        by[key] = (by[key] ?? 0) + info.bytesInOutput;
      }
    }
    return Object.entries(by)
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([what, bytes]) => ({ what, minified_kb: round(bytes / 1024, 1) }));
  };

  const main = 'index.mjs';
  const startupFiles = closure([main]);
  const groupFiles = STOREFRONT_GROUP.map((entry) => {
    const file = Object.keys(outputs).find((f) => outputs[f].entryPoint === entry);
    if (!file) throw new Error(`no module of its own for ${entry}: is it still loaded with import() in worker/src/app.ts?`);
    return file;
  });
  const storefrontFiles = closure([main, ...groupFiles]);
  const allFiles = new Set(Object.keys(outputs));
  const startup = total(startupFiles);
  const storefront = total(storefrontFiles);
  const upload = total(allFiles);
  const storefrontOver = storefront.gzipKb > BUDGET_KB;

  writeResults('worker-size', {
    results: [
      {
        what: 'worker startup: main module + the modules it imports statically, minified, gzip (wrangler deploy --dry-run)',
        value: startup.gzipKb,
        unit: 'KB',
        display: `${startup.gzipKb} KB (${startup.minKb} KB minified, ${startup.count} of ${upload.count} modules)`,
        budget: { op: '<=', value: BUDGET_KB, display: `≤ ${BUDGET_KB} KB` },
        ok: startup.gzipKb <= BUDGET_KB,
      },
      {
        what: 'worker, what a storefront request loads: startup + the storefront group and its chunks, minified, gzip',
        value: storefront.gzipKb,
        unit: 'KB',
        display:
          `${storefront.gzipKb} KB (${storefront.minKb} KB minified, ${storefront.count} modules)` +
          (storefrontOver ? `: over ${BUDGET_KB} KB, compiled on an isolate's first storefront request` : ''),
      },
      {
        what: 'worker upload, every module, minified, gzip per module',
        value: upload.gzipKb,
        unit: 'KB',
        display: `${upload.gzipKb} KB (${upload.minKb} KB minified, ${upload.count} modules)`,
      },
    ],
    details: {
      modules: Object.fromEntries(
        Object.entries(sizes)
          .sort((a, b) => b[1].gzip - a[1].gzip)
          .map(([file, s]) => [
            file,
            {
              entry: outputs[file].entryPoint ?? null,
              at_startup: startupFiles.has(file),
              minified_kb: round(s.bytes / 1024, 1),
              gzip_kb: round(s.gzip / 1024, 1),
            },
          ]),
      ),
      largest_minified_inputs_at_startup: contributors(startupFiles),
      largest_minified_inputs_storefront_request: contributors(storefrontFiles),
      largest_minified_inputs_upload: contributors(allFiles),
    },
  });
} finally {
  rmSync(uploadDir, { recursive: true, force: true });
  rmSync(buildDir, { recursive: true, force: true });
}
