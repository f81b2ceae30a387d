// Runs SQL against the D1 database through wrangler (local by default, --remote for the deployed one).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const wrangler = path.resolve('node_modules/.bin/wrangler');

export function runWrangler(args, { quiet = false } = {}) {
  const res = spawnSync(wrangler, args, {
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
    encoding: 'utf8',
  });
  if (res.status !== 0) {
    if (quiet) process.stderr.write(`${res.stdout ?? ''}${res.stderr ?? ''}`);
    throw new Error(`wrangler ${args.join(' ')} failed (exit ${res.status})`);
  }
  return res.stdout ?? '';
}

export function executeSql(sql, { remote = false, quiet = true } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sfa-sql-'));
  const file = path.join(dir, 'statements.sql');
  writeFileSync(file, sql);
  try {
    return runWrangler(['d1', 'execute', 'DB', remote ? '--remote' : '--local', '--file', file, '--yes'], { quiet });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function queryJson(sql, { remote = false } = {}) {
  const out = runWrangler(['d1', 'execute', 'DB', remote ? '--remote' : '--local', '--command', sql, '--json'], { quiet: true });
  return JSON.parse(out)[0]?.results ?? [];
}

export const sqlString = (v) => (v === null || v === undefined ? 'NULL' : `'${String(v).replace(/'/g, "''")}'`);
