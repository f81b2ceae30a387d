// docs/embedding.md's element reference is rendered from custom-elements.json by scripts/element-docs.mjs:
// a changed element (an attribute, an event, a CSS part) whose table was not regenerated fails here, so
// the reference an integrator reads is the one the code has.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const script = path.join(root, 'scripts/element-docs.mjs');
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs the script; its exit code and what it printed. */
function run(...args: string[]): { status: number; output: string } {
  try {
    const output = execFileSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    return { status: 0, output };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, output: e.stdout + e.stderr };
  }
}

describe('docs/embedding.md element reference', () => {
  it('matches custom-elements.json (run `node scripts/element-docs.mjs` when it does not)', () => {
    const { status, output } = run('--check');
    expect(output).toContain('matches custom-elements.json');
    expect(status).toBe(0);
  });

  it('lists every element with its attributes and events', () => {
    const doc = readFileSync(path.join(root, 'docs/embedding.md'), 'utf8');
    for (const tag of [
      'account-login',
      'account-signup',
      'account-profile',
      'account-addresses',
      'account-orders',
      'account-newsletter',
      'account-portal',
      'account-menu',
    ])
      expect(doc, tag).toContain(`### \`<${tag}>\``);
    expect(doc).toContain('| `page-size` | `pageSize` | `number` | `10` |');
    expect(doc).toContain('| `::part(status)` |');
  });

  it('fails the check with a clear message when the committed tables are stale', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sfa-element-docs-'));
    dirs.push(dir);
    const doc = path.join(dir, 'embedding.md');
    writeFileSync(doc, '# Embed\n\n<!-- elements:start -->\n\n### `<account-login>`\n\nan old table\n\n<!-- elements:end -->\n');
    const stale = run('--check', `--doc=${doc}`);
    expect(stale.status).toBe(1);
    expect(stale.output).toContain('differs from custom-elements.json');
    expect(run(`--doc=${doc}`).status).toBe(0);
    expect(run('--check', `--doc=${doc}`).status).toBe(0);
  });
});
