// Starts the worker as `npm run dev` serves it (API, widget, demo page) on a free port with its own
// fresh persist dir: migrations applied, demo seed loaded. stop() ends the process group and removes the data.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildSeedSql } from '../../demo/seed.mjs';
import { ensureDevVars } from '../../scripts/local-secrets.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const wrangler = path.join(root, 'node_modules/.bin/wrangler');
const env = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' };

function run(args: string[]) {
  const res = spawnSync(wrangler, args, { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  if (res.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed:\n${res.stdout}${res.stderr}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** `vars`: extra worker variables (`wrangler dev --var`), e.g. an OpenID provider's client secret. */
export async function startDevServer(options: { vars?: Record<string, string> } = {}): Promise<{ base: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sfa-e2e-'));
  const persist = path.join(dir, 'state');
  process.chdir(root);
  ensureDevVars(path.join(root, '.dev.vars'));
  run(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist]);
  const seed = path.join(dir, 'seed.sql');
  writeFileSync(seed, buildSeedSql());
  run(['d1', 'execute', 'DB', '--local', '--persist-to', persist, '--file', seed, '--yes']);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const vars = Object.entries(options.vars ?? {}).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  const child: ChildProcess = spawn(wrangler, ['dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', persist, ...vars], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (c) => (output = (output + c).slice(-4000)));
  child.stderr!.on('data', (c) => (output = (output + c).slice(-4000)));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {}
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not start:\n${output}`);
    }
    if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  return { base, stop };
}
