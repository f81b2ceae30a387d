// The demo store, the merchant console, the element gallery and the API reference (/docs/) are not
// deployed by default (issue 13, item 10; issue 17): the asset build of `npm run build`
// (scripts/build-assets.mjs) without DEPLOY_DEMO leaves them out of public/,
// even when an earlier demo build left them there; with DEPLOY_DEMO=true they are built and get a strict
// CSP (default-src 'self', no inline script) and frame-ancestors 'none' through public/_headers.
// Builds into a temp dir (ASSETS_DIR), never into the public/ other suites serve.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function buildInto(extraEnv: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sfa-assets-'));
  dirs.push(dir);
  // What an earlier demo build (npm run dev) leaves behind.
  mkdirSync(path.join(dir, 'admin'), { recursive: true });
  mkdirSync(path.join(dir, 'gallery'), { recursive: true });
  mkdirSync(path.join(dir, 'docs'), { recursive: true });
  for (const f of [
    'index.html',
    'store.js',
    'theme.js',
    'demo.css',
    'favicon.svg',
    'admin/index.html',
    'admin/console.js',
    'gallery/index.html',
    'docs/index.html',
    'docs/swagger-ui-bundle.js',
  ])
    writeFileSync(path.join(dir, f), 'stale');
  const env: NodeJS.ProcessEnv = { ...process.env, ASSETS_DIR: dir, ...extraEnv };
  if (!('DEPLOY_DEMO' in extraEnv)) delete env.DEPLOY_DEMO;
  execFileSync(process.execPath, [path.join(root, 'scripts/build-assets.mjs')], { cwd: root, env, stdio: 'pipe', timeout: 120_000 });
  return dir;
}

describe('npm run build', () => {
  it('runs the asset build without asking for the demo', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.build).toMatch(/^node scripts\/build-assets\.mjs && /);
    expect(pkg.scripts.build).not.toMatch(/--demo|DEPLOY_DEMO/);
  });

  it('without DEPLOY_DEMO leaves no demo store or console files in public/', () => {
    const dir = buildInto({});
    expect(existsSync(path.join(dir, 'widget/storefront-accounts.js'))).toBe(true);
    for (const f of ['index.html', 'store.js', 'theme.js', 'demo.css', 'favicon.svg', 'admin', 'gallery', 'docs'])
      expect(existsSync(path.join(dir, f)), f).toBe(false);
  }, 120_000);

  it('with DEPLOY_DEMO=true builds them, with a strict CSP and frame-ancestors none for every static file', () => {
    const dir = buildInto({ DEPLOY_DEMO: 'true' });
    for (const f of [
      'index.html',
      'store.js',
      'admin/index.html',
      'admin/console.js',
      'gallery/index.html',
      'gallery/gallery.js',
      'gallery/custom-elements.json',
      'docs/index.html',
      'docs/docs.js',
      'docs/swagger-ui-bundle.js',
      'docs/swagger-ui.css',
    ]) {
      expect(existsSync(path.join(dir, f)), f).toBe(true);
      expect(readFileSync(path.join(dir, f), 'utf8')).not.toBe('stale');
    }
    const headers = readFileSync(path.join(dir, '_headers'), 'utf8');
    const rule = /^\/\*\n((?:[ \t]+.+\n?)+)/m.exec(headers)?.[1] ?? '';
    const csp = /Content-Security-Policy:\s*(.+)/.exec(rule)?.[1] ?? '';
    expect(csp).toMatch(/(^|;\s*)default-src 'self'(;|$)/);
    expect(csp).toMatch(/(^|;\s*)frame-ancestors 'none'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
    expect(rule).toMatch(/X-Frame-Options:\s*DENY/);
    // The pages really run under that policy: no inline script or event handler attribute.
    for (const page of ['index.html', 'admin/index.html', 'gallery/index.html', 'docs/index.html']) {
      const html = readFileSync(path.join(dir, page), 'utf8');
      for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? [])
        expect(tag, page).toMatch(/^<script\b[^>]*\bsrc=[^>]*>\s*<\/script>$/i);
      expect(html, page).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html, page).not.toMatch(/<style\b|\sstyle\s*=/i);
    }
  }, 120_000);
});
