// End-to-end test of the merchant console (/admin/) in real Chromium against a private worker:
// builds the console, migrates and seeds a fresh local D1 (its own --persist-to dir and port, so it
// never touches .wrangler/ or a running `npm run dev`), starts `wrangler dev` with fresh secrets, then
// drives the console: find a customer, edit the internal comment and see it on the timeline, link a
// guest order and see it in the shopper's order history (admin list and the storefront API after a
// log-in), unlink an order, add a sign-up field and see it in GET /storefront/form-fields (and in the
// widget's sign-up form when the widget is built), and run axe-core on every view.
//
//   node --test test/e2e/console.e2e.mjs
//
// Needs Chromium at /usr/bin/chromium (CHROMIUM_PATH overrides). E2E_KEEP=1 keeps the temp dir.
// Screenshots: docs/console-overview.png and docs/console-customer.png (rewritten when missing or with
// UPDATE_SCREENSHOTS=1; otherwise written to the git-ignored test-results/).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build as buildConsole } from '../../scripts/build-console.mjs';
import { startPrivateWorker } from '../../scripts/private-worker.mjs';
import { DEMO_SHOPPER, DEV_ADMIN_TOKEN } from '../../demo/seed.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const axeSource = path.join(root, 'node_modules', 'axe-core', 'axe.min.js');
const widgetBundle = path.join(root, 'public', 'widget', 'storefront-accounts.js');

/**
 * docs/<name> when it is missing or UPDATE_SCREENSHOTS=1 (README images); otherwise the git-ignored
 * test-results/, so a test run does not leave the tracked images changed (their dates differ per run).
 */
function screenshotPath(name) {
  const doc = path.join(root, 'docs', name);
  return process.env.UPDATE_SCREENSHOTS || !existsSync(doc) ? doc : path.join(root, 'test-results', name);
}

/**
 * A private worker (scripts/private-worker.mjs: a snapshot of the worker and of public/, a fresh
 * migrated and seeded D1, fresh secrets) that also serves the console's static assets.
 */
async function startWorker() {
  const worker = await startPrivateWorker({ seed: true, keep: Boolean(process.env.E2E_KEEP), prefix: 'sfa-console-e2e-' });
  try {
    // The console itself must be served (the static assets), not only the API.
    const page = await fetch(`${worker.base}/admin/`);
    if (!page.ok || !(await page.text()).includes('merchant-console')) {
      throw new Error(
        `GET ${worker.base}/admin/ did not serve the console (${page.status}). Is public/ the assets directory? Last output:\n${worker.output()}`,
      );
    }
    return worker;
  } catch (err) {
    await worker.stop();
    throw err;
  }
}

const admin = (base) => async (method, route, body) => {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { 'X-Auth-Token': DEV_ADMIN_TOKEN, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
};

/** Injects axe-core and fails on serious or critical violations, naming them and their elements. */
async function expectAccessible(page, label) {
  // Evaluated, not a <script> tag: the console's CSP (script-src 'self') refuses inline scripts.
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(readFileSync(axeSource, 'utf8'));
  const results = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  const bad = results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (process.env.E2E_VERBOSE && results.length) console.error(`${label}: minor/moderate axe findings`, JSON.stringify(results, null, 1));
  assert.deepEqual(bad, [], `${label}: axe-core found serious/critical violations:\n${JSON.stringify(bad, null, 2)}`);
  return results;
}

describe('merchant console', { timeout: 420_000 }, () => {
  let worker;
  let browser;
  let context;
  let page;
  let api;
  const pageErrors = [];

  before(async () => {
    if (!existsSync(chromiumPath)) {
      throw new Error(`Chromium not found at ${chromiumPath}. Install it with: apt-get install -y chromium (or set CHROMIUM_PATH).`);
    }
    await buildConsole();
    // The widget (for the sign-up form check) when it was not built yet, e.g. on a fresh clone.
    const buildAssets = path.join(root, 'scripts', 'build-assets.mjs');
    if (!existsSync(widgetBundle) && existsSync(buildAssets)) await (await import(buildAssets)).buildAssets();
    mkdirSync(path.join(root, 'docs'), { recursive: true });
    mkdirSync(path.join(root, 'test-results'), { recursive: true });
    worker = await startWorker();
    api = admin(worker.base);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => pageErrors.push(err.message));
  });

  after(async () => {
    await browser?.close();
    await worker?.stop();
  });

  const open = async (hash) => {
    await page.goto(`${worker.base}/admin/${hash}`);
    await page.locator('main h1').waitFor();
  };

  test('finds a customer by name and opens their page', async () => {
    await open('#/customers');
    assert.match(await page.locator('.notice').innerText(), /local demo console/i);
    assert.equal(await page.getByLabel('Admin API token').inputValue(), DEV_ADMIN_TOKEN);
    await page.getByLabel('Search by name or email').fill('Dana Demo');
    await page.getByRole('button', { name: 'Search' }).click();
    const rows = page.locator('table.list tbody tr');
    await page.getByText('results for “Dana Demo”').waitFor();
    // The registered customer and the guest order under the same name, each with its badge.
    await rows.filter({ hasText: 'Registered' }).filter({ hasText: 'shopper@example.com' }).first().waitFor();
    await rows.filter({ hasText: 'Not registered' }).filter({ hasText: 'shopper@example.com' }).first().waitFor();
    assert.match(page.url(), /#\/customers\?q=Dana(\+|%20)Demo/);

    await page.locator('a[href^="#/customers/"]', { hasText: 'Dana Demo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dana Demo' }).waitFor();
    await page.getByRole('heading', { name: 'Order history' }).waitFor();
    await page.locator('.stats').getByText('Average order value').waitFor();
    await page.getByRole('link', { name: /^All \d+ orders of this customer$/ }).waitFor();
    assert.equal(await page.getByLabel('Email').inputValue(), DEMO_SHOPPER.email);
  });

  test('shows an empty state when nothing matches', async () => {
    await open('#/customers?q=no-such-person-xyz');
    await page.getByText('No customer or guest order matches').waitFor();
    await page.getByRole('button', { name: 'Clear the search' }).click();
    await page.locator('table.list tbody tr').first().waitFor();
  });

  test('edits the internal comment and sees it on the timeline', async () => {
    const [shopper] = (await api('GET', `/v3/customers?email:in=${DEMO_SHOPPER.email}`)).data;
    await open(`#/customers/${shopper.id}`);
    const comment = 'Prefers afternoon delivery; called on 3 March about a late parcel.';
    await page.getByLabel('Comment for staff').fill(comment);
    await page.getByRole('button', { name: 'Save comment' }).click();
    await page.getByText('Comment saved.').waitFor();
    const event = page.locator('.timeline li', { hasText: 'Internal comment changed' }).filter({ hasText: comment });
    await event.waitFor();
    assert.match(await event.innerText(), /by staff \(Local dev token\)/);
    assert.equal(await event.locator('time').count(), 1);
    assert.equal((await api('GET', `/v3/customers?id:in=${shopper.id}`)).data[0].notes, comment);

    await page.evaluate(() => document.activeElement?.blur());
    await page.mouse.move(0, 0);
    await page.screenshot({ path: screenshotPath('console-customer.png'), fullPage: true });
  });

  test('edits details and an address; API errors are shown in plain language', async () => {
    const [customer] = (await api('GET', '/v3/customers?limit=1&page=3')).data;
    await open(`#/customers/${customer.id}`);
    await page.getByLabel('Company').fill('Acme Goods');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByText('Details saved.').waitFor();
    await page.locator('.timeline li', { hasText: 'Profile updated' }).filter({ hasText: 'company' }).waitFor();

    // An email another customer has: the API's 409 becomes a message on the field.
    await page.getByLabel('Email', { exact: false }).first().fill(DEMO_SHOPPER.email);
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.locator('#details-form .problem').getByText('already in use').waitFor();
    await page.locator('#details-form .error', { hasText: 'already exists' }).waitFor();

    await page.getByRole('button', { name: 'Add an address' }).click();
    const form = page.locator('.address-form');
    await form.getByLabel('Label').fill('Office');
    await form.getByLabel('First name').fill(customer.first_name);
    await form.getByLabel('Last name').fill(customer.last_name);
    await form.getByLabel('Address line 1').fill('5 Canal Street');
    await form.getByLabel('City').fill('Leeds');
    await form.getByLabel('Postal code').fill('LS1 4AP');
    await form.getByLabel('Country').selectOption('GB');
    await form.getByRole('button', { name: 'Add address' }).click();
    await page.getByText('Address added.').waitFor();
    await page.locator('li.address', { hasText: '5 Canal Street' }).waitFor();
    await page.locator('.timeline li', { hasText: 'Address added' }).waitFor();
    await expectAccessible(page, 'customer detail after edits');
  });

  test('links a guest order to the customer; it shows in their order history and the storefront', async () => {
    const [shopper] = (await api('GET', `/v3/customers?email:in=${DEMO_SHOPPER.email}`)).data;
    const guest = (await api('GET', `/v3/orders?is_guest=true&email:in=${DEMO_SHOPPER.email}`)).data[0];
    assert.ok(guest, "the seed has a guest order under the demo shopper's email");

    await open('#/guest-orders');
    await page.getByRole('link', { name: `Order #${guest.id}`, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Order #${guest.id}` }).waitFor();
    await page.getByText('not linked to any account').waitFor();
    await page.getByRole('button', { name: 'Link to customer account' }).click();
    assert.equal(await page.getByLabel('Customer name or email').inputValue(), DEMO_SHOPPER.email);
    await page.getByRole('button', { name: 'Find customer' }).click();
    await page.getByRole('button', { name: `Choose Dana Demo (${DEMO_SHOPPER.email})` }).click();
    await page.getByText('step 2 of 2: confirm').waitFor();
    await expectAccessible(page, 'link flow, confirm step');
    await page.getByRole('button', { name: 'Link order' }).click();
    await page.getByText(`order #${guest.id} is now linked to Dana Demo`).waitFor();
    await page.getByRole('button', { name: 'Unlink from customer' }).waitFor();

    // The customer's order list in the console.
    await page.getByRole('link', { name: 'Open Dana Demo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dana Demo' }).waitFor();
    await page
      .locator('.timeline li', { hasText: 'Guest order linked' })
      .filter({ hasText: `order #${guest.id}` })
      .waitFor();
    await page.getByRole('link', { name: /^All \d+ orders of this customer$/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Orders of Dana Demo' }).waitFor();
    await page.getByRole('link', { name: `Order #${guest.id}`, exact: true }).waitFor();
    assert.equal((await api('GET', `/v3/orders/${guest.id}`)).data.customer_id, shopper.id);

    // The shopper's own order history (what the widget's account-orders shows).
    const login = await fetch(`${worker.base}/storefront/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ email: DEMO_SHOPPER.email, password: DEMO_SHOPPER.password }),
    });
    assert.equal(login.status, 200, await login.clone().text());
    const { access_token } = await login.json();
    const history = await fetch(`${worker.base}/storefront/customer/orders?limit=50`, {
      headers: { Authorization: `Bearer ${access_token}`, Accept: 'application/json' },
    });
    assert.equal(history.status, 200);
    const ids = (await history.json()).data.map((o) => o.id);
    assert.ok(ids.includes(guest.id), `GET /storefront/customer/orders lists order ${guest.id}: ${ids.join(', ')}`);
  });

  test('links a guest order from the customer page (guest orders under their email)', async () => {
    const guests = (await api('GET', '/v3/orders?is_guest=true&limit=100')).data.filter((o) => o.email !== DEMO_SHOPPER.email);
    const owners = (await api('GET', `/v3/customers?email:in=${guests.map((o) => o.email).join(',')}`)).data;
    const owner = owners[0];
    assert.ok(owner, "the seed has guest orders under registered customers' emails");
    const order = guests.find((o) => o.email.toLowerCase() === owner.email.toLowerCase());

    await open(`#/customers/${owner.id}`);
    await page.getByRole('heading', { name: 'Guest orders with this email' }).waitFor();
    await page.getByRole('button', { name: `Link order #${order.id} to this customer` }).click();
    await page
      .getByRole('group', { name: `Confirm linking order #${order.id}` })
      .getByRole('button', { name: 'Link order' })
      .click();
    await page.getByText(`Order #${order.id} is now linked to this customer.`).waitFor();
    await page
      .locator('.timeline li', { hasText: 'Guest order linked' })
      .filter({ hasText: `order #${order.id}` })
      .waitFor();
    const linked = (await api('GET', `/v3/orders/${order.id}`)).data;
    assert.equal(linked.customer_id, owner.id);
  });

  test('unlinks a linked order', async () => {
    const guests = (await api('GET', '/v3/orders?is_guest=true&limit=50')).data;
    const order = guests.find((o) => o.email !== DEMO_SHOPPER.email);
    const [someone] = (await api('GET', '/v3/customers?limit=1&page=5')).data;
    await api('PUT', `/v3/orders/${order.id}/customer`, { customer_id: someone.id });

    await open(`#/orders/${order.id}`);
    await page
      .getByRole('region', { name: 'Customer account' })
      .getByRole('link', { name: `${someone.first_name} ${someone.last_name}` })
      .waitFor();
    await page.getByRole('button', { name: 'Unlink from customer' }).click();
    await page.getByRole('button', { name: 'Unlink order' }).click();
    await page.getByText(`Order #${order.id} is no longer linked`).waitFor();
    await page.getByRole('button', { name: 'Link to customer account' }).waitFor();
    assert.equal((await api('GET', `/v3/orders/${order.id}`)).data.is_guest, true);
  });

  test('customer groups: add, rename, delete; subscribers with consents', async () => {
    await open('#/groups');
    await page.getByLabel('Group name').fill('Trade');
    await page.getByRole('button', { name: 'Add group' }).click();
    await page.getByText('Group “Trade” added.').waitFor();
    await page.getByRole('button', { name: 'Edit group Trade' }).click();
    await page.locator('#group-name').waitFor(); // the add form is still there
    const row = page.locator('tr', { has: page.getByRole('button', { name: 'Save group' }) });
    await row.getByLabel('Group name').fill('Trade partners');
    await row.getByRole('button', { name: 'Save group' }).click();
    await page.getByText('Group “Trade partners” saved.').waitFor();
    // A duplicate name: the API's 409 in words.
    await page.locator('#group-name').fill('vip');
    await page.getByRole('button', { name: 'Add group' }).click();
    await page.locator('.problem', { hasText: 'already in use' }).waitFor();
    await page.getByRole('button', { name: 'Delete group Trade partners' }).click();
    await page.getByRole('button', { name: 'Delete group', exact: true }).click();
    await page.getByText('Group “Trade partners” deleted').waitFor();
    const names = (await api('GET', '/v2/customer_groups')).map((g) => g.name);
    assert.ok(!names.includes('Trade partners') && names.includes('VIP'), names.join(', '));

    await open('#/subscribers');
    const first = page.locator('table.list tbody tr').first();
    await first.waitFor();
    assert.match(await page.locator('table.list').innerText(), /Newsletter/);
    assert.match(await page.locator('table.list').innerText(), /Abandoned-cart emails/);
  });

  test('adds a sign-up field; the storefront lists it', async () => {
    await open('#/form-fields');
    await page.getByLabel('Label').fill('Favourite colour');
    assert.equal(await page.getByLabel('Name', { exact: false }).first().inputValue(), 'favourite_colour');
    await page.getByLabel('Type').selectOption('picklist');
    await page.getByLabel('Options').fill('Red\nGreen\nBlue');
    await expectAccessible(page, 'add a field form');
    await page.getByRole('button', { name: 'Add field' }).click();
    await page.getByText('Added “Favourite colour” to the sign-up form.').waitFor();
    await page.getByText('The storefront sign-up form shows it now').waitFor();
    await page.getByRole('row', { name: /Favourite colour/ }).waitFor();

    const res = await fetch(`${worker.base}/storefront/form-fields`, { headers: { Accept: 'application/json' } });
    const fields = await res.json();
    const added = fields.customer.find((f) => f.name === 'favourite_colour');
    assert.ok(added, 'GET /storefront/form-fields lists the new field');
    assert.deepEqual(added.options, ['Red', 'Green', 'Blue']);
    assert.equal(added.type, 'picklist');

    // A choice type without options: the API's 422 becomes a message on the options field.
    await page.getByLabel('Label').fill('Shoe size');
    await page.getByLabel('Type').selectOption('radio');
    await page.getByRole('button', { name: 'Add field' }).click();
    await page.locator('#add-field-form .problem').getByText('Some values need fixing').waitFor();
    await page.locator('#add-field-form .error', { hasText: 'Required for radio fields' }).waitFor();
  });

  test("the new field appears in the widget's sign-up form", async (t) => {
    if (!existsSync(widgetBundle)) {
      t.skip('the widget is not built (public/widget/storefront-accounts.js); build it to check the sign-up form too');
      return;
    }
    const fields = (await api('GET', '/v3/customers/form-fields?name:in=favourite_colour')).data;
    if (!fields.length)
      await api('POST', '/v3/customers/form-fields', [
        { name: 'favourite_colour', label: 'Favourite colour', type: 'picklist', options: ['Red', 'Green', 'Blue'], applies_to: 'customer' },
      ]);
    // A page on the worker's own origin (CORS allows it) with just the sign-up element.
    const shop = await browser.newContext({ viewport: { width: 900, height: 900 } });
    try {
      const p = await shop.newPage();
      await p.route(`${worker.base}/e2e-signup.html`, (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: '<!doctype html><html lang="en"><head><title>Sign up</title><script type="module" src="/widget/storefront-accounts.js"></script></head><body><main><account-signup></account-signup></main></body></html>',
        }),
      );
      await p.goto(`${worker.base}/e2e-signup.html`);
      await p.locator('account-signup').getByText('Favourite colour').first().waitFor({ timeout: 15_000 });
    } finally {
      await shop.close();
    }
  });

  test('every console view has no serious or critical axe-core violation', async () => {
    const [shopper] = (await api('GET', `/v3/customers?email:in=${DEMO_SHOPPER.email}`)).data;
    const order = (await api('GET', '/v3/orders?is_guest=true&limit=1')).data[0];
    const views = [
      ['#/customers', 'table.list tbody tr'],
      ['#/customers?q=no-such-person-xyz', '.empty'],
      [`#/customers/${shopper.id}`, '.timeline li'],
      [`#/customers/${shopper.id}/orders`, 'table.list tbody tr'],
      [`#/orders/${order.id}`, '.order-actions button'],
      ['#/guest-orders', 'table.list tbody tr'],
      ['#/subscribers', 'table.list tbody tr'],
      ['#/groups', 'table.list tbody tr'],
      ['#/form-fields', 'table.list tbody tr'],
      ['#/nowhere', 'main h1'],
    ];
    for (const [hash, ready] of views) {
      await open(hash);
      await page.locator(ready).first().waitFor();
      await page.locator('.loading').waitFor({ state: 'detached' });
      await expectAccessible(page, hash);
      if (hash === '#/customers') {
        await page.evaluate(() => document.activeElement?.blur());
        await page.mouse.move(0, 0);
        await page.screenshot({ path: screenshotPath('console-overview.png') });
      }
    }
    // Interactive states: the link search results, the address form, group edit, a wrong token.
    await open(`#/orders/${order.id}`);
    await page.getByRole('button', { name: 'Link to customer account' }).click();
    await page.getByLabel('Customer name or email').fill('a');
    await page.getByRole('button', { name: 'Find customer' }).click();
    await page.locator('.choices li').first().waitFor();
    await expectAccessible(page, 'link flow, search results');
    await open(`#/customers/${shopper.id}`);
    await page.getByRole('button', { name: 'Add an address' }).click();
    await page.locator('.address-form').waitFor();
    await expectAccessible(page, 'address form');
    await open('#/groups');
    await page.getByRole('button', { name: 'Edit group VIP' }).click();
    await expectAccessible(page, 'group edit');
    await page.getByLabel('Admin API token').fill('not-a-token');
    await page.getByRole('button', { name: 'Use token' }).click();
    await page.locator('.problem', { hasText: 'did not accept the token' }).waitFor();
    await expectAccessible(page, 'wrong token');
    await page.getByLabel('Admin API token').fill(DEV_ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Use token' }).click();
    await page.locator('table.list tbody tr').first().waitFor();
  });

  test('no script errors on the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
