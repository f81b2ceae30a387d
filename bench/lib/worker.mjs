// Shared by the bench scripts: a private `wrangler dev` on a fresh local D1 (scripts/private-worker.mjs:
// its own persist dir and port, so it never touches .wrangler/ or a running `npm run dev`) with an
// admin token, timing helpers, and the results file bench/run.mjs reads. BENCH_KEEP_DB=1 keeps the
// persist dir for inspection.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, startPrivateWorker } from '../../scripts/private-worker.mjs';

export { root };

export function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadavg_1m: Math.round(os.loadavg()[0] * 100) / 100, // other work on the machine skews latencies
  };
}

/**
 * Starts a private worker (scripts/private-worker.mjs: a snapshot build, a fresh migrated D1, fresh
 * secrets, a free port) with an admin token of `scopes`. Returns { base, token, persistDir, stop(), output() }.
 * `vars` are extra worker vars; `entry` another entry module (scripts/private-worker.mjs).
 * `rateLimits: false` raises the ratelimit bindings' limits so a latency bench measures the route,
 * not the 429 (the binding is still called on every request).
 */
export function startWorker({ scopes = ['store_v2_customers'], startTimeoutMs = 90_000, rateLimits = true, vars = {}, entry } = {}) {
  return startPrivateWorker({
    adminScopes: scopes,
    startTimeoutMs,
    rateLimits,
    vars,
    entry,
    keep: Boolean(process.env.BENCH_KEEP_DB),
    prefix: 'sfa-bench-',
    log: (line) => console.error(line),
  });
}

export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export const round = (n, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Writes bench/results/<name>.json for bench/run.mjs. */
export function writeResults(name, report) {
  const dir = path.join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify({ name, date: new Date().toISOString(), machine: machine(), ...report }, null, 2)}\n`);
  console.error(`wrote ${path.relative(root, file)}`);
}
