// The API reference in the demo (demo/docs at /docs/, issue 17 item 2) in real Chromium against the real
// worker: Swagger UI from the worker's own static files renders the storefront and admin documents
// (/openapi/*.json) with no console error (a CSP violation is one) and no request to any other origin
// (no CDN, font, validator badge or telemetry); the admin document comes up already authorized with the
// demo token, "Execute" on GET /v3/customers shows the seeded customers with status 200, and ?api=admin
// opens the admin document first.
// Screenshot: docs/api-reference.png (rewritten when missing or with UPDATE_SCREENSHOTS=1; otherwise
// written to the git-ignored test-results/).
import { describe, expect, it } from 'vitest';
import { DEMO_SHOPPER, DEV_ADMIN_TOKEN } from '../../demo/seed.mjs';
import { shotPath, useChromiumAndDemo } from './browser';

const demo = useChromiumAndDemo();

describe('API reference', () => {
  it('renders both documents from the worker alone and runs GET /v3/customers with the demo token', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));

    // Opens on the storefront document, fetched from this worker.
    await page.goto(`${demo.base}/docs/`);
    await page.locator('.swagger-ui .info .title', { hasText: 'storefront API' }).waitFor();
    expect(requests).toContain(`${demo.base}/openapi/storefront.json`);

    // The top bar's dropdown switches to the admin document.
    const definitions = page.getByLabel('Select a definition');
    expect(await definitions.locator('option').allTextContents()).toEqual(['Storefront API', 'Admin API']);
    await definitions.selectOption('Admin API');
    await page.locator('.swagger-ui .info .title', { hasText: 'admin API' }).waitFor();
    expect(requests).toContain(`${demo.base}/openapi/admin.json`);

    // Served from this machine, the admin API is authorized with the demo token before anyone asks.
    await page.locator('.swagger-ui .auth-wrapper button.authorize.locked').waitFor();

    // The admin document as it opens: its operations by tag, the Authorize button locked.
    await page.setViewportSize({ width: 1280, height: 1100 });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: shotPath('api-reference.png') });

    // GET /v3/customers: open it ("Try it out" is on from the start), Execute.
    const operation = page.locator('.opblock.opblock-get', { has: page.locator('.opblock-summary-path[data-path="/v3/customers"]') });
    await operation.locator('.opblock-summary-control').click();
    await operation.getByRole('button', { name: 'Execute' }).click();

    // The request went to this worker with the token; the answer is the seeded customers, 200.
    const live = operation.locator('.live-responses-table');
    await live.locator('.response-col_status', { hasText: '200' }).waitFor();
    expect(await operation.locator('.request-url').textContent()).toContain(`${demo.base}/v3/customers`);
    expect(await operation.locator('.curl-command').textContent()).toContain(`X-Auth-Token: ${DEV_ADMIN_TOKEN}`);
    const body = live.locator('.response-col_description .microlight, .response-col_description pre').first();
    await expect.poll(() => body.textContent()).toContain(`"email": "${DEMO_SHOPPER.email}"`);
    expect(await body.textContent()).toContain('"pagination"');

    // A link can open the admin document directly.
    await page.goto(`${demo.base}/docs/?api=admin`);
    await page.locator('.swagger-ui .info .title', { hasText: 'admin API' }).waitFor();
    expect(await definitions.inputValue()).toBe('/openapi/admin.json');

    // Nothing came from another origin: no CDN, font, validator badge or telemetry.
    const origin = new URL(demo.base).origin;
    expect(requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
