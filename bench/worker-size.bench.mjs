// Worker bundle size (DESIGN §5): what `wrangler deploy` would upload, minified, gzip -9. Budget ≤ 60 KB.
// Also lists the largest contributors (esbuild metafile) so a regression names its cause.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { root, round, writeResults } from './lib/worker.mjs';

const BUDGET_KB = 60;

const dir = mkdtempSync(path.join(os.tmpdir(), 'sfa-size-'));
try {
  const res = spawnSync(path.join(root, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--minify', '--outdir', dir], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
  });
  if (res.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${res.stdout}${res.stderr}`);
  const code = readFileSync(path.join(dir, 'index.js'));
  const gzipKb = round(gzipSync(code, { level: 9 }).length / 1024, 1);

  const meta = await esbuild.build({
    entryPoints: [path.join(root, 'worker/src/index.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    external: ['cloudflare:*', 'node:*'],
    metafile: true,
    write: false,
    logLevel: 'error',
  });
  const by = {};
  for (const [file, info] of Object.entries(Object.values(meta.metafile.outputs)[0].inputs)) {
    const key = file.includes('node_modules/') ? file.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1') : 'worker/src (ours)';
    by[key] = (by[key] ?? 0) + info.bytesInOutput;
  }
  const parts = Object.entries(by)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([what, bytes]) => ({ what, minified_kb: round(bytes / 1024, 1) }));

  writeResults('worker-size', {
    results: [
      {
        what: 'worker bundle, minified, gzip (wrangler deploy --dry-run --minify)',
        value: gzipKb,
        unit: 'KB',
        display: `${gzipKb} KB (${round(code.length / 1024, 1)} KB minified)`,
        budget: { op: '<=', value: BUDGET_KB, display: `≤ ${BUDGET_KB} KB` },
        ok: gzipKb <= BUDGET_KB,
      },
    ],
    details: { largest_minified_inputs: parts },
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
