// Shared by the bench scripts: a private `wrangler dev` on a fresh local D1 (its own persist dir and
// port, so it never touches .wrangler/ or a running `npm run dev`), an admin token, timing helpers,
// and the results file bench/run.mjs reads. BENCH_KEEP_DB=1 keeps the persist dir for inspection.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDevVars } from '../../scripts/local-secrets.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const wrangler = path.join(root, 'node_modules', '.bin', 'wrangler');
const env = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0' };

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

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function runWrangler(args) {
  const res = spawnSync(wrangler, args, { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  if (res.error?.code === 'ENOENT') throw new Error(`${wrangler} not found: run npm install first`);
  if (res.status !== 0) {
    throw new Error(`wrangler ${args.join(' ')} failed (${res.signal ?? `exit ${res.status}`}):\n${res.stdout ?? ''}${res.stderr ?? ''}`);
  }
  return res.stdout;
}

const sqlString = (v) => `'${String(v).replace(/'/g, "''")}'`;

/**
 * Builds the worker (a snapshot of the sources), migrates a fresh persist dir, adds an admin token, starts `wrangler dev` on a free port and waits
 * for GET /health. Returns { base, token, persistDir, stop() }; stop() is also run on process exit.
 */
/**
 * Starts a private worker. Its config is a copy of wrangler.toml beside fresh local secrets (its own
 * .dev.vars: a new token signing key), so a bench never depends on a developer's .dev.vars;
 * `rateLimits: false` raises the ratelimit bindings' limits so a latency bench measures the route,
 * not the 429 (the binding is still called on every request).
 */
export async function startWorker({ scopes = ['store_v2_customers'], startTimeoutMs = 90_000, rateLimits = true } = {}) {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'sfa-bench-'));
  const persistDir = path.join(workDir, 'state');
  const bundleDir = path.join(workDir, 'bundle');
  let child;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(-child.pid, 'SIGTERM'); // the whole group: wrangler and its workerd
      } catch {}
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {}
      }, 5000);
      await exited;
      clearTimeout(timer);
    }
    if (process.env.BENCH_KEEP_DB) console.error(`kept the local D1 in ${persistDir} (BENCH_KEEP_DB)`);
    else rmSync(workDir, { recursive: true, force: true });
  };
  // Last resort when the script dies without calling stop(): synchronous kill of the group.
  process.once('exit', () => {
    if (child && child.exitCode === null && !stopped) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      stop().finally(() => process.exit(130));
    });
  }

  try {
    // A snapshot of the worker: `wrangler dev` on the sources would rebuild and restart the worker
    // mid-run whenever a file under worker/ changes (a 503 "worker restarted mid-request").
    console.error(`building the worker into ${bundleDir}`);
    runWrangler(['deploy', '--dry-run', '--outdir', bundleDir]);
    console.error(`applying migrations to ${persistDir}`);
    runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistDir]);
    const token = `sfa_bench_${randomBytes(24).toString('base64url')}`;
    const hash = createHash('sha256').update(token).digest('hex');
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    runWrangler([
      'd1', 'execute', 'DB', '--local', '--persist-to', persistDir, '--command',
      `INSERT INTO admin_tokens (name, token_hash, scopes, date_created) VALUES ('bench', ${sqlString(hash)}, ${sqlString(JSON.stringify(scopes))}, ${sqlString(now)})`,
    ]);

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    console.error(`starting wrangler dev on ${base}`);
    // explicit: given a script, wrangler would not find it. A copy, so its .dev.vars is ours.
    const config = path.join(workDir, 'wrangler.toml');
    let toml = readFileSync(path.join(root, 'wrangler.toml'), 'utf8');
    if (!rateLimits) toml = toml.replace(/simple = \{ limit = \d+/g, 'simple = { limit = 1000000');
    // A snapshot of the static assets too (the config's relative `directory` resolves beside the copy):
    // wrangler dev reloads when its assets change, e.g. while a widget build runs.
    const assets = path.join(root, 'public');
    if (existsSync(assets)) cpSync(assets, path.join(workDir, 'public'), { recursive: true });
    else mkdirSync(path.join(workDir, 'public'), { recursive: true });
    writeFileSync(config, toml);
    ensureDevVars(path.join(workDir, '.dev.vars'));
    const args = ['dev', path.join(bundleDir, 'index.js'), '--no-bundle', '--config', config, '--port', String(port), '--ip', '127.0.0.1', '--persist-to', persistDir];
    child = spawn(wrangler, args, {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group, so stop() reaches workerd too
    });
    let output = '';
    const keep = (chunk) => {
      // eslint-disable-next-line no-control-regex
      output = (output + String(chunk).replace(/\x1b\[[0-9;]*m/g, '')).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let exitInfo = null;
    child.once('exit', (code, signal) => {
      exitInfo = signal ?? `exit ${code}`;
    });
    const spawnError = new Promise((_, reject) => child.once('error', reject));
    spawnError.catch(() => {}); // surfaced through the race below

    const deadline = Date.now() + startTimeoutMs;
    for (;;) {
      if (exitInfo) throw new Error(`wrangler dev exited (${exitInfo}) before GET /health answered. Its last output:\n${output}`);
      if (Date.now() > deadline) {
        throw new Error(`wrangler dev did not answer GET ${base}/health within ${startTimeoutMs / 1000}s. Its last output:\n${output}`);
      }
      const ok = await Promise.race([
        fetch(`${base}/health`).then((r) => r.ok, () => false),
        spawnError,
      ]);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    console.error('worker is up');
    return { base, token, persistDir, stop, output: () => output };
  } catch (err) {
    await stop();
    throw err;
  }
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
