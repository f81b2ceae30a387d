// Issue 11, item 5, in real Chromium against the real worker, counting requests: a guest's page view
// sends no session request and logs nothing in the console (the demo store, and a shop page of another
// origin that embeds the widget with one script tag), and the store configuration it reads (form fields,
// OpenID Connect providers) carries a shared-cacheable Cache-Control; a signed-in reload sends exactly one
// session request (the refresh, which answers the profile) before the profile shows; signed out, the next
// page view is a guest's again.
import type { BrowserContext, Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_SHOPPER } from '../../demo/seed.mjs';
import { useChromiumAndDemo } from './browser';

// Another origin: one of the demo channel's storefront origins (demo/seed.mjs), so CORS lets it call the
// worker. Nothing listens there: the test answers the page itself (context.route), whatever runs locally.
const SHOP = 'http://localhost:8787';

const demo = useChromiumAndDemo();

interface Watched {
  page: Page;
  context: BrowserContext;
  /** Every request so far, `METHOD path` on the worker (other hosts by full URL). */
  requests: string[];
  /** Answers of configuration reads (GET /storefront/form-fields, /storefront/oidc/providers). */
  configReads: Response[];
  /** Console errors and uncaught exceptions, unfiltered: a 401 logged by the browser counts too. */
  errors: string[];
}

/** A fresh browser context (no cookies, empty localStorage) whose page records requests and console errors. */
async function open(): Promise<Watched> {
  const context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const w: Watched = { page, context, requests: [], configReads: [], errors: [] };
  page.on('request', (r) => {
    const url = new URL(r.url());
    w.requests.push(url.origin === demo.base ? `${r.method()} ${url.pathname}` : `${r.method()} ${r.url()}`);
  });
  page.on('response', (r) => {
    if (r.request().method() === 'GET' && /^\/storefront\/(form-fields|oidc\/providers)$/.test(new URL(r.url()).pathname)) w.configReads.push(r);
  });
  page.on('pageerror', (err) => w.errors.push(`page error: ${err.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') w.errors.push(`${m.text()} (${m.location().url})`);
  });
  return w;
}

const sessionRequests = (w: Watched) => w.requests.filter((r) => / \/storefront\/session/.test(r));

/** max-age of a `public` Cache-Control without private/no-store/no-cache; null otherwise. */
function sharedMaxAge(header: string | undefined): number | null {
  const directives = (header ?? '').split(',').map((d) => d.trim().toLowerCase());
  if (!directives.includes('public') || directives.some((d) => ['private', 'no-store', 'no-cache'].includes(d))) return null;
  const maxAge = directives.find((d) => d.startsWith('max-age='));
  return maxAge ? Number(maxAge.slice('max-age='.length)) : null;
}

/** Every configuration read of the view answered 200 with `public, max-age` ≥ 60; returns their paths. */
async function expectSharedCacheable(w: Watched): Promise<string[]> {
  const paths: string[] = [];
  for (const r of w.configReads) {
    const path = new URL(r.url()).pathname;
    paths.push(path);
    expect(r.status(), path).toBe(200);
    const cacheControl = await r.headerValue('cache-control');
    expect(sharedMaxAge(cacheControl ?? undefined), `${path}: Cache-Control ${cacheControl}`).toBeGreaterThanOrEqual(60);
    expect((await r.headerValue('vary')) ?? '', path).toMatch(/\bOrigin\b/i);
  }
  return paths.sort();
}

/** Waits until the page has sent nothing for 500 ms (the widget's start-up and lazy reads are done). */
const settled = (page: Page) => page.waitForLoadState('networkidle');

async function logIn(page: Page) {
  await page.goto(`${demo.base}/#login`);
  await page.locator('account-login input[autocomplete~=username]').fill(DEMO_SHOPPER.email);
  await page.locator('account-login input[autocomplete=current-password]').fill(DEMO_SHOPPER.password);
  await page.locator('account-login button[type=submit]').click();
  await page.locator('account-profile dl').waitFor();
  await page.locator('account-menu button[aria-expanded]').waitFor();
}

/** A shop page on another origin: the one script tag from the worker, the menu and the portal. */
const shopPage = (base: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Another shop</title>
    <script type="module" src="${base}/widget/storefront-accounts.js"></script>
  </head>
  <body>
    <header><account-menu href="/account"></account-menu></header>
    <main><account-portal></account-portal></main>
  </body>
</html>`;

describe('session requests (issue 11)', () => {
  it('a guest view of the demo store sends no session request, logs no console error, and its configuration reads are shared-cacheable', async () => {
    for (const hash of ['', '#signup']) {
      const w = await open();
      await w.page.goto(`${demo.base}/${hash}`);
      await w.page.locator(hash ? 'account-signup form' : 'account-login form').waitFor();
      await w.page.locator('.site-footer account-newsletter form').waitFor();
      await w.page.locator('account-menu a.sfa-menu-signin').waitFor();
      if (hash) await w.page.locator('account-signup [name="form_fields.accept_terms"]').waitFor(); // the form fields arrived
      await settled(w.page);
      expect(sessionRequests(w), hash).toEqual([]);
      expect(w.requests, hash).not.toContain('GET /storefront/customer');
      expect(w.errors, hash).toEqual([]);
      const reads = await expectSharedCacheable(w);
      expect(reads, hash).toEqual(hash ? ['/storefront/form-fields', '/storefront/oidc/providers'] : ['/storefront/oidc/providers']);
      await w.context.close();
    }
  });

  it('a guest view of a shop page on another origin sends no session request and logs no console error', async () => {
    for (const hash of ['', '#signup']) {
      const w = await open();
      await w.context.route(`${SHOP}/**`, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: shopPage(demo.base) }),
      );
      // A page the test answers has no address, so Chromium's Local Network Access counts it as public and
      // would ask before it reaches the worker on loopback (a real shop and worker are both public).
      await w.context.grantPermissions(['local-network-access'], { origin: SHOP });
      await w.page.goto(`${SHOP}/account${hash}`);
      expect(await w.page.evaluate(() => location.origin)).toBe(SHOP);
      await w.page.locator(hash ? 'account-signup form' : 'account-login form').waitFor();
      await w.page.locator('account-menu a.sfa-menu-signin').waitFor();
      if (hash) await w.page.locator('account-signup [name="form_fields.accept_terms"]').waitFor();
      await settled(w.page);
      expect(w.requests.some((r) => r.startsWith('GET /widget/'))).toBe(true); // the widget did come from the worker
      expect(sessionRequests(w), hash).toEqual([]);
      expect(w.errors, hash).toEqual([]);
      const reads = await expectSharedCacheable(w);
      expect(reads, hash).toEqual(hash ? ['/storefront/form-fields', '/storefront/oidc/providers'] : ['/storefront/oidc/providers']);
      // Cross-origin and credentialed: the CORS answer names this origin.
      for (const r of w.configReads) expect(await r.headerValue('access-control-allow-origin')).toBe(SHOP);
      await w.context.close();
    }
  });

  it('a signed-in reload sends exactly one session request, the refresh, before the profile shows; signed out, none', async () => {
    const w = await open();
    await logIn(w.page);
    await settled(w.page);
    w.requests.length = 0;
    w.errors.length = 0;

    await w.page.reload();
    await w.page.locator('account-profile dl').waitFor();
    await w.page.locator('account-menu button[aria-expanded]').waitFor();
    const beforeProfile = [...w.requests];
    expect(sessionRequests({ ...w, requests: beforeProfile })).toEqual(['POST /storefront/session/refresh']);
    expect(beforeProfile).not.toContain('GET /storefront/customer');
    expect(await w.page.locator('account-profile dl').textContent()).toContain(DEMO_SHOPPER.email);
    await settled(w.page);
    expect(sessionRequests(w)).toEqual(['POST /storefront/session/refresh']); // and none after it
    expect(w.requests).not.toContain('GET /storefront/customer');
    expect(w.errors).toEqual([]);

    // Signing out clears the hint: the next view is a guest's, without a request.
    await w.page.locator('account-profile button', { hasText: /^Sign out$/ }).click();
    await w.page.locator('account-login form').waitFor();
    await settled(w.page);
    w.requests.length = 0;
    await w.page.reload();
    await w.page.locator('account-login form').waitFor();
    await settled(w.page);
    expect(sessionRequests(w)).toEqual([]);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });
});
