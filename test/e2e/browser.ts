// Launches the system Chromium (the suite fails, never skips, when it is missing); where screenshots go;
// Chromium and a demo worker for one test file.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startDevServer } from './dev-server';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Where a screenshot goes: `docs/<dir>/<name>` when it is missing there or UPDATE_SCREENSHOTS is set, else
 * the git-ignored `test-results/<dir>/<name>`, so a test run leaves the tree clean.
 */
export function shotPath(name: string, dir = ''): string {
  const doc = path.join(root, 'docs', dir, name);
  if (process.env.UPDATE_SCREENSHOTS || !existsSync(doc)) return doc;
  mkdirSync(path.join(root, 'test-results', dir), { recursive: true });
  return path.join(root, 'test-results', dir, name);
}

/**
 * Chromium and a demo worker (`startDevServer`) for the tests of one file: started before them, stopped
 * after. Read `browser` and `base` inside the tests.
 */
export function useChromiumAndDemo(): { readonly browser: Browser; readonly base: string } {
  let browser: Browser | undefined;
  let server: { base: string; stop: () => Promise<void> } | undefined;
  beforeAll(async () => {
    browser = await launch(); // throws with the apt-get hint when Chromium is missing
    server = await startDevServer();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get browser() {
      if (!browser) throw new Error('Chromium is not running: read `browser` inside a test');
      return browser;
    },
    get base() {
      if (!server) throw new Error('the demo worker is not running: read `base` inside a test');
      return server.base;
    },
  };
}
