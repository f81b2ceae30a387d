// A private `wrangler dev` for the benches and the e2e suites: its own temp dir with a fresh local D1
// (--persist-to) and a free port, so it never touches .wrangler/, the developer's .dev.vars or a running
// `npm run dev`. Used by bench/lib/worker.mjs, test/e2e/dev-server.ts and test/e2e/console.e2e.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSeedSql } from '../demo/seed.mjs';
import { buildWorker } from './build-worker.mjs';
import { sqlString } from './d1.mjs';
import { ensureDevVars } from './local-secrets.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wrangler = path.join(root, 'node_modules', '.bin', 'wrangler');
const env = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0' };

/** A TCP port nobody listens on right now (127.0.0.1). */
export function freePort() {
  return /** @type {Promise<number>} */ (
    new Promise((resolve, reject) => {
      const srv = createServer();
      srv.unref();
      srv.on('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
        srv.close(() => resolve(port));
      });
    })
  );
}

/** @param {string[]} args */
function runWrangler(args) {
  const res = spawnSync(wrangler, args, { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
  if (/** @type {NodeJS.ErrnoException | undefined} */ (res.error)?.code === 'ENOENT')
    throw new Error(`${wrangler} not found: run npm install first`);
  if (res.status !== 0) {
    throw new Error(`wrangler ${args.join(' ')} failed (${res.signal ?? `exit ${res.status}`}):\n${res.stdout ?? ''}${res.stderr ?? ''}`);
  }
  return res.stdout;
}

/**
 * The extra vars as .dev.vars lines, single-quoted (literal to dotenv, like TOKEN_SIGNING_KEY).
 * A file rather than `wrangler dev --var`: secrets stay out of the process list.
 * @param {Record<string, string>} vars
 */
function varLines(vars) {
  return Object.entries(vars).map(([key, value]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`startPrivateWorker: bad var name ${JSON.stringify(key)}`);
    if (/['\r\n]/.test(value)) throw new Error(`startPrivateWorker: the value of ${key} may not hold a quote or a line break`);
    return `${key}='${value}'\n`;
  });
}

/**
 * @typedef {object} PrivateWorkerOptions
 * @property {boolean} [seed] load the demo seed (demo/seed.mjs buildSeedSql()) after the migrations
 * @property {string[]} [adminScopes] when given, insert an admin token with these scopes and return it as `token`
 * @property {boolean} [rateLimits] false raises the ratelimit bindings' limits (the binding is still called on every request); default true
 * @property {Record<string, string>} [vars] extra worker vars, written into the private .dev.vars (DEMO=true is added when public/ holds the demo store or console)
 * @property {number} [startTimeoutMs] how long to wait for GET /health; default 90 s
 * @property {boolean} [keep] keep the temp dir (D1, bundle, config) after stop(), e.g. from an env var such as E2E_KEEP
 * @property {string} [prefix] the temp dir's name prefix; default 'sfa-worker-'
 * @property {(line: string) => void} [log] progress lines (building, migrating, starting); default none
 * @property {string} [entry] the worker's entry module instead of worker/src/index.ts (e.g. the round-trip
 *   counting wrapper of bench/lib/round-trips-worker.ts), relative to the repo root
 * @property {boolean} [assets] false: no static assets (wrangler.toml's [assets] left out). With assets,
 *   Miniflare's entry is its assets proxy, which has no scheduled handler: GET /cdn-cgi/handler/scheduled
 *   then answers 500 "exception" instead of running the cron (test/e2e/webhooks.e2e.test.ts); default true
 */

/**
 * @typedef {object} PrivateWorker
 * @property {string} base e.g. http://127.0.0.1:43123
 * @property {string} persistDir the local D1's --persist-to dir
 * @property {string} [token] the admin token (only with `adminScopes`)
 * @property {() => Promise<void>} stop ends wrangler and workerd and removes the temp dir (unless `keep`); also run on exit, SIGINT and SIGTERM
 * @property {() => string} output wrangler dev's last output (ANSI colours removed)
 */

/**
 * Builds a snapshot of the worker, migrates a fresh persist dir (optionally seeds it and adds an admin
 * token), starts `wrangler dev` on a free port and waits for GET /health.
 * @param {PrivateWorkerOptions} [options]
 * @returns {Promise<PrivateWorker>}
 */
export async function startPrivateWorker({
  seed = false,
  adminScopes,
  rateLimits = true,
  vars = {},
  startTimeoutMs = 90_000,
  keep = false,
  prefix = 'sfa-worker-',
  log = () => {},
  entry,
  assets: withAssets = true,
} = {}) {
  const workDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const persistDir = path.join(workDir, 'state');
  const bundleDir = path.join(workDir, 'bundle');
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;
  let output = '';
  let stopped = false;
  const running = () => child?.pid !== undefined && child.exitCode === null && child.signalCode === null;
  /** @param {NodeJS.Signals} signal */
  const killGroup = (signal) => {
    try {
      process.kill(-(/** @type {number} */ (child?.pid)), signal); // the whole group: wrangler and its workerd (a grandchild)
    } catch {}
  };
  // Last resort when the script dies without calling stop(): a synchronous kill of the group.
  const onExit = () => {
    if (running()) killGroup('SIGKILL');
  };
  const onSignal = () => {
    stop().finally(() => process.exit(130));
  };
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (child && running()) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (keep) console.error(`kept ${workDir} (its local D1 in ${persistDir})`);
    else rmSync(workDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    // A snapshot of the worker: `wrangler dev` on the sources would rebuild and restart the worker
    // mid-run whenever a file under worker/ changes (a 503 "worker restarted mid-request").
    // The same build as wrangler.toml's [build] command (main module + chunks), of `entry` when given.
    log(`building the worker into ${bundleDir}`);
    await buildWorker({ entry, outdir: bundleDir });
    log(`applying migrations to ${persistDir}`);
    runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistDir]);
    if (seed) {
      const seedFile = path.join(workDir, 'seed.sql');
      writeFileSync(seedFile, buildSeedSql());
      runWrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persistDir, '--file', seedFile, '--yes']);
    }
    /** @type {string | undefined} */
    let token;
    if (adminScopes) {
      token = `sfa_private_${randomBytes(24).toString('base64url')}`;
      const hash = createHash('sha256').update(token).digest('hex');
      const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      runWrangler([
        'd1',
        'execute',
        'DB',
        '--local',
        '--persist-to',
        persistDir,
        '--command',
        `INSERT INTO admin_tokens (name, token_hash, scopes, date_created) VALUES ('private-worker', ${sqlString(hash)}, ${sqlString(JSON.stringify(adminScopes))}, ${sqlString(now)})`,
      ]);
    }

    // A copy of wrangler.toml, so its .dev.vars (beside it) is ours: fresh secrets and the extra vars,
    // never the developer's .dev.vars.
    let toml = readFileSync(path.join(root, 'wrangler.toml'), 'utf8');
    // Without its [build] command: it would rebuild dist/worker and restart the snapshot whenever worker/src changes.
    toml = toml.replace(/^\[build\]\n(?:(?!\[).*\n)*/m, '');
    if (!rateLimits) toml = toml.replace(/simple = \{ limit = \d+/g, 'simple = { limit = 1000000');
    // A snapshot of the static assets too: wrangler dev reloads when its assets change, e.g. while a
    // widget build runs. The copy's relative `directory` resolves beside the copy.
    if (!withAssets) toml = toml.replace(/^\[assets\]\n(?:(?!\[).*\n)*/m, '');
    const assetsArgs = [];
    const assetsAt = toml.search(/^\[assets\]/m);
    const dirPattern = /^(\s*directory\s*=\s*)(["'])(.+?)\2/m;
    const assetsDir = assetsAt >= 0 ? (dirPattern.exec(toml.slice(assetsAt))?.[3] ?? 'public') : 'public';
    const assets = path.resolve(root, assetsDir);
    const assetsCopy = path.join(workDir, 'public');
    if (withAssets && existsSync(assets)) cpSync(assets, assetsCopy, { recursive: true });
    else mkdirSync(assetsCopy, { recursive: true });
    if (assetsAt >= 0) toml = toml.slice(0, assetsAt) + toml.slice(assetsAt).replace(dirPattern, (_, key, quote) => `${key}${quote}public${quote}`);
    else if (withAssets) assetsArgs.push('--assets', assetsCopy);
    const config = path.join(workDir, 'wrangler.toml');
    writeFileSync(config, toml);
    // The worker trusts its own origin by CORS only when it serves the demo store or console (DEMO=true),
    // as a DEPLOY_DEMO deploy does: so when this snapshot of public/ holds them (built with --demo).
    const servesDemo = existsSync(path.join(assetsCopy, 'index.html')) || existsSync(path.join(assetsCopy, 'admin', 'index.html'));
    const devVars = path.join(workDir, '.dev.vars');
    writeFileSync(devVars, varLines({ ...(servesDemo ? { DEMO: 'true' } : {}), ...vars }).join(''));
    ensureDevVars(devVars);

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    log(`starting wrangler dev on ${base}`);
    // The script is explicit: the copy's `main` would resolve beside the copy, not to this snapshot.
    const args = [
      'dev',
      path.join(bundleDir, 'index.mjs'),
      '--no-bundle',
      '--config',
      config,
      '--port',
      String(port),
      '--ip',
      '127.0.0.1',
      '--persist-to',
      persistDir,
      // The cron trigger (webhooks, wrangler.toml [triggers]) is not run here by itself: --test-scheduled's
      // GET /__scheduled is a bundling middleware, absent with --no-bundle; Miniflare's GET
      // /cdn-cgi/handler/scheduled runs it, but only without assets (the `assets` option). POST
      // /dev/webhooks/sweep does what the cron does.
      ...assetsArgs,
    ];
    const proc = spawn(wrangler, args, {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so stop() reaches workerd (a grandchild) too
    });
    child = proc;
    /** @param {Buffer | string} chunk */
    const keepOutput = (chunk) => {
      output = (output + String(chunk).replace(/\x1b\[[0-9;]*m/g, '')).slice(-65536);
    };
    proc.stdout.on('data', keepOutput);
    proc.stderr.on('data', keepOutput);
    /** @type {string | null} */
    let exitInfo = null;
    proc.once('exit', (code, signal) => (exitInfo = signal ?? `exit ${code}`));
    proc.once('error', (err) => (exitInfo = err.message));

    const deadline = Date.now() + startTimeoutMs;
    for (;;) {
      if (exitInfo) throw new Error(`wrangler dev exited (${exitInfo}) before GET /health answered. Its last output:\n${output}`);
      if (Date.now() > deadline) {
        throw new Error(`wrangler dev did not answer GET ${base}/health within ${startTimeoutMs / 1000} s. Its last output:\n${output}`);
      }
      if (
        await fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 250));
    }
    log('worker is up');
    return { base, persistDir, token, stop, output: () => output };
  } catch (err) {
    await stop();
    throw err;
  }
}
