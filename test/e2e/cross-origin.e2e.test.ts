// Issue 15, as a merchant adopts it: the widget embedded in a shop on another site (the shop on
// http://localhost:<port>, the worker on http://127.0.0.1:<port>: another host is another site) works
// once the shop's origin is added in the console's Settings page — nothing before it, no SQL. A shopper
// signs up, reloads, and is still signed in (the refresh cookie, a third-party cookie here). Then the
// same where the browser refuses the worker's cookies (partitioned or not: every Set-Cookie of the
// worker is dropped on its way in and no Cookie goes out) and the store runs bearer refresh
// (REFRESH_IN_BODY=true): the widget keeps the refresh token in the shop origin's storage and the
// shopper is still signed in after the reload.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateWorker } from '../../scripts/private-worker.mjs';
import { launch } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch(); // throws with the apt-get hint when Chromium is missing
});
afterAll(async () => {
  await browser?.close();
});

/** A shop theme on its own site: one script tag from the worker and the account portal. */
async function startShop(workerBase: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Elsewhere Shop</title>
<script type="module" src="${workerBase}/widget/storefront-accounts.js"></script></head>
<body><h1>Elsewhere Shop</h1><account-portal></account-portal></body></html>`;
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://localhost:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function newPage(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return { page, errors };
}

/** Adds `origin` to the default storefront in the console's Settings page, as a merchant would. */
async function addOriginInConsole(context: BrowserContext, workerBase: string, origin: string): Promise<void> {
  const { page } = await newPage(context);
  await page.goto(`${workerBase}/admin/#/settings`);
  const storefront = page.getByRole('region', { name: 'Default storefront' });
  await storefront.getByLabel('New storefront origin').fill(origin);
  await storefront.getByRole('button', { name: 'Add origin' }).click();
  await storefront.getByText(`Added ${origin}.`).waitFor();
  await page.close();
}

async function signUp(page: Page, email: string): Promise<void> {
  const portal = page.locator('account-portal');
  await portal.getByRole('link', { name: /create an account|sign up/i }).click();
  const su = page.locator('account-signup');
  await su.locator('[name="form_fields.accept_terms"]').waitFor();
  await su.locator('[name=first_name]').fill('Cora');
  await su.locator('[name=last_name]').fill('Crossorigin');
  await su.locator('[name=email]').fill(email);
  await su.locator('[name=password]').fill('a sturdy cross-site password');
  await su.locator('[name="form_fields.preferred_contact"][value=Email]').check();
  await su.locator('[name="form_fields.accept_terms"]').check();
  await su.getByRole('button', { name: 'Create account' }).click();
  // The code step; this store lets shoppers in before the code ("Later").
  await su.getByRole('button', { name: 'Later' }).click();
  await page.locator('account-profile dl').waitFor();
}

const signedInView = (page: Page) => page.locator('account-profile dl').filter({ hasText: 'Cora' });

describe('the widget on another site, its origin added in the console (issue 15)', () => {
  it('does nothing before the origin is added; after it, sign-up and a reload keep the shopper signed in (third-party cookie)', async () => {
    const worker = await startPrivateWorker({ seed: true, prefix: 'sfa-xo-e2e-' });
    const shop = await startShop(worker.base);
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-US' });
    try {
      // Before: the browser blocks every API answer (no CORS headers for this origin).
      const before = await newPage(context);
      const refused: string[] = [];
      before.page.on('requestfailed', (r) => refused.push(r.url()));
      await before.page.goto(shop.origin);
      await before.page.locator('account-portal account-login').waitFor();
      await before.page
        .locator('account-portal')
        .getByRole('link', { name: /create an account|sign up/i })
        .click();
      await expect.poll(() => refused.some((u) => u.startsWith(`${worker.base}/storefront/`))).toBe(true);
      await before.page.close();

      await addOriginInConsole(context, worker.base, shop.origin);

      const { page, errors } = await newPage(context);
      await page.goto(shop.origin);
      await signUp(page, `cora.${Date.now()}@example.com`);
      await page.reload();
      await signedInView(page).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await shop.close();
      await worker.stop();
    }
  });

  it('with the worker’s cookies refused and bearer refresh on, a reload keeps the shopper signed in', async () => {
    const worker = await startPrivateWorker({ seed: true, prefix: 'sfa-xo-e2e-', vars: { REFRESH_IN_BODY: 'true' } });
    const shop = await startShop(worker.base);
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-US' });
    try {
      await addOriginInConsole(context, worker.base, shop.origin);
      // From here on the browser keeps no cookie of the worker's and sends none: as a browser that
      // refuses third-party cookies, partitioned ones included.
      const setCookies: string[] = [];
      await context.route(`${worker.base}/storefront/**`, async (route) => {
        const headers = { ...route.request().headers() };
        delete headers.cookie;
        const response = await route.fetch({ headers });
        const kept = { ...response.headers() };
        if (kept['set-cookie']) setCookies.push(kept['set-cookie']);
        delete kept['set-cookie'];
        await route.fulfill({ response, headers: kept });
      });
      const { page, errors } = await newPage(context);
      await page.goto(shop.origin);
      await signUp(page, `cora.bearer.${Date.now()}@example.com`);
      expect(setCookies.some((c) => c.includes('sfa_refresh='))).toBe(true); // the worker offered it; it never arrived
      expect((await context.cookies(worker.base)).filter((c) => c.name === 'sfa_refresh')).toEqual([]);
      await page.reload();
      await signedInView(page).waitFor();
      // The refresh token lives in the shop origin's storage only in this mode.
      const stored = await page.evaluate((api) => localStorage.getItem(`storefront-accounts:${api}`), worker.base);
      expect(stored).not.toBe('1');
      expect(stored?.length).toBeGreaterThan(20);
      expect(errors).toEqual([]);
    } finally {
      await context.unrouteAll({ behavior: 'ignoreErrors' });
      await context.close();
      await shop.close();
      await worker.stop();
    }
  });
});
