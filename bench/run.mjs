// npm run bench [-- [--strict] [name ...]]
// Runs every bench/*.bench.mjs in name order (or only the named ones), each in its own node process.
// A bench script writes bench/results/<name>.json:
//   { name, date, machine: {...}, results: [{ what, value, unit, display, budget: {op, value, display}, ok }] }
// and this runner prints one markdown table (what | result | budget | ok?) over all of them.
// Exit status: 1 when a bench script fails (crash, server did not start); a missed budget is marked
// in the table but only fails the run with --strict.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, '..');
const resultsDir = path.join(benchDir, 'results');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { strict: { type: 'boolean', default: false } },
});

const all = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .sort()
  .map((f) => f.slice(0, -'.bench.mjs'.length));
const unknown = positionals.filter((p) => !all.includes(p));
if (unknown.length) {
  console.error(`unknown bench(es): ${unknown.join(', ')}; available: ${all.join(', ')}`);
  process.exit(2);
}
const selected = positionals.length ? all.filter((n) => positionals.includes(n)) : all;
mkdirSync(resultsDir, { recursive: true });

const rows = [];
const failed = [];
for (const name of selected) {
  const resultFile = path.join(resultsDir, `${name}.json`);
  rmSync(resultFile, { force: true }); // never report a previous run's figures as this one's
  console.error(`\n== bench ${name} ==`);
  const started = Date.now();
  const res = spawnSync(process.execPath, [path.join(benchDir, `${name}.bench.mjs`)], { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (res.status !== 0 || !existsSync(resultFile)) {
    const why = res.signal ? `killed by ${res.signal}` : res.status !== 0 ? `exit ${res.status}` : 'wrote no results';
    console.error(`== bench ${name} FAILED (${why}) after ${seconds}s ==`);
    failed.push(name);
    rows.push({ what: `${name}: **bench failed** (${why})`, result: '—', budget: '—', ok: '**FAILED**' });
    continue;
  }
  console.error(`== bench ${name} done in ${seconds}s ==`);
  const report = JSON.parse(readFileSync(resultFile, 'utf8'));
  for (const r of report.results) {
    rows.push({
      what: r.what,
      result: r.display ?? `${r.value} ${r.unit ?? ''}`.trim(),
      budget: r.budget?.display ?? (r.budget ? `${r.budget.op} ${r.budget.value}` : '—'),
      ok: r.ok === undefined || r.ok === null ? '—' : r.ok ? 'yes' : '**NO — MISSED**',
      missed: r.ok === false,
    });
  }
  if (report.machine) {
    const m = report.machine;
    rows.machine ??= `${m.cores} cores (${m.cpu}), ${m.memory_gb} GB, Node ${m.node}, ${m.platform}`;
  }
}

const misses = rows.filter((r) => r.missed);
console.log('');
if (rows.machine) console.log(`Machine: ${rows.machine}\n`);
console.log('| what | result | budget | ok? |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.what} | ${r.result} | ${r.budget} | ${r.ok} |`);
console.log('');
if (misses.length) console.log(`${misses.length} budget(s) MISSED: ${misses.map((r) => r.what).join('; ')}`);
if (failed.length) console.log(`${failed.length} bench(es) FAILED: ${failed.join(', ')}`);
if (!misses.length && !failed.length) console.log('Every budget met.');

if (failed.length || (values.strict && misses.length)) process.exit(1);
