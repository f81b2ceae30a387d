// "Continue with …" end to end: a real OpenID provider (a Node HTTP server started here, see
// oidc-provider.ts) registered through the admin API, the worker under wrangler dev holding its client
// secret, and Chromium clicking the button in <account-login>: to the provider and back, signed in.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DEMO_SHOPPER, DEV_ADMIN_TOKEN } from '../../demo/seed.mjs';
import { launch } from './browser';
import { startDevServer } from './dev-server';
import { startOidcProvider, type E2eProvider } from './oidc-provider';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SLUG = 'e2e-idp';
const NAME = 'Fernhill ID';

let browser: Browser;
let idp: E2eProvider;
let server: { base: string; stop: () => Promise<void> };

beforeAll(async () => {
  browser = await launch();
  idp = await startOidcProvider();
  // The worker reads the secret from OIDC_<SLUG>_CLIENT_SECRET; .dev.vars has ENVIRONMENT=local, so an http issuer is allowed.
  server = await startDevServer({ vars: { OIDC_E2E_IDP_CLIENT_SECRET: idp.clientSecret } });
  const res = await fetch(`${server.base}/v3/oidc-providers`, {
    method: 'POST',
    headers: { 'X-Auth-Token': DEV_ADMIN_TOKEN, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ slug: SLUG, name: NAME, issuer: idp.issuer, client_id: idp.clientId }),
  });
  const body = await res.json();
  if (res.status !== 201) throw new Error(`provider not created: ${res.status} ${JSON.stringify(body)}`);
  expect(body.data).toMatchObject({ slug: SLUG, client_secret_env: 'OIDC_E2E_IDP_CLIENT_SECRET', client_secret_configured: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await idp?.close();
});

async function newPage(): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1024, height: 900 } })).newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  return page;
}

/** Serious or critical axe-core violations inside `selector`. */
async function axe(page: Page, selector: string) {
  await page.evaluate(axeSource);
  const found = await page.evaluate(async (sel) => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(sel, { resultTypes: ['violations'] });
    return r.violations.map((v: { id: string; impact: string }) => ({ id: v.id, impact: v.impact }));
  }, selector);
  return found.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical');
}

describe('sign in with OpenID Connect', () => {
  it('clicks "Continue with …" in account-login, goes through the provider and lands signed in', async () => {
    const page = await newPage();
    await page.goto(`${server.base}/#login`);
    const button = page.locator('account-portal account-login').getByRole('button', { name: `Continue with ${NAME}` });
    await button.waitFor();
    expect(await axe(page, 'account-portal')).toEqual([]);
    await button.click();
    // provider → /storefront/oidc/e2e-idp/callback → back to this page, where the refresh at load finds the session
    await page.locator('account-portal nav').waitFor();
    await page.locator('account-profile dl').waitFor();
    expect(await page.locator('account-profile dl').innerText()).toContain(idp.user.email);
    expect(await page.locator('account-profile dl').innerText()).toContain('Olive');
    expect(new URL(page.url()).origin).toBe(server.base);
    expect(idp.tokenRequests).toEqual([{ ok: true }]);
    // The profile lists the provider it signed in with.
    const methods = page.locator('account-profile section', { hasText: 'Sign-in methods' });
    await methods.waitFor();
    expect(await methods.innerText()).toContain(NAME);
    expect(await axe(page, 'account-portal')).toEqual([]);

    // Signed out and in again: the same account (matched by the provider's subject), not a new one.
    await page.locator('account-profile').getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.locator('account-portal account-login form').waitFor();
    await page
      .locator('account-portal account-login')
      .getByRole('button', { name: `Continue with ${NAME}` })
      .click();
    await page.locator('account-profile dl').waitFor();
    expect(await page.locator('account-profile dl').innerText()).toContain(idp.user.email);
    expect(idp.tokenRequests).toEqual([{ ok: true }, { ok: true }]);
    await page.context().close();
  });

  it('links the provider to a password account from the profile, then unlinks it', async () => {
    idp.user = { sub: randomUUID(), email: 'someone-else@example.com', given_name: 'Dana', family_name: 'Demo' };
    const page = await newPage();
    await page.goto(`${server.base}/#login`);
    await page.locator('account-login input[autocomplete~=username]').fill(DEMO_SHOPPER.email);
    await page.locator('account-login input[autocomplete=current-password]').fill(DEMO_SHOPPER.password);
    await page.locator('account-login button[type=submit]').click();
    const profile = page.locator('account-profile');
    // Linking adds a way in: the password account confirms it with its password.
    await profile.locator('input[name=oidc_current_password]').fill(DEMO_SHOPPER.password);
    // exact: "Unlink Fernhill ID" contains "link Fernhill ID"
    await profile.getByRole('button', { name: `Link ${NAME}`, exact: true }).click();
    // to the provider and back to the profile with #oidc-linked=e2e-idp, announced and taken out of the URL
    await profile.getByRole('button', { name: `Unlink ${NAME}` }).waitFor();
    expect(await profile.locator('[part=status]').innerText()).toBe(`${NAME} is linked to your account.`);
    expect(new URL(page.url()).hash).toBe('');
    await profile.getByRole('button', { name: `Unlink ${NAME}` }).click();
    await profile.getByRole('button', { name: `Link ${NAME}`, exact: true }).waitFor();
    expect(await profile.locator('[part=status]').innerText()).toBe(`${NAME} is no longer linked.`);
    await page.context().close();
  });

  it('brings the shopper back with a plain message when the attempt is not valid', async () => {
    const page = await newPage();
    // A callback this browser did not start (no state cookie, unknown state): the worker sends it to / with #oidc-error=invalid_state.
    await page.goto(`${server.base}/storefront/oidc/${SLUG}/callback?code=forged&state=not-from-this-browser`);
    const alert = page.locator('account-login [role=alert]');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('The sign-in took too long or was interrupted. Please try again.');
    expect(new URL(page.url()).hash).toBe('');
    await page.context().close();
  });

  it('signs a new shopper in at a provider that puts the claims in UserInfo only (oidc-provider defaults)', async () => {
    idp.claimsIn = 'userinfo';
    idp.user = { sub: randomUUID(), email: `userinfo-${randomUUID().slice(0, 8)}@example.com`, given_name: 'Uma', family_name: 'Info' };
    try {
      const page = await newPage();
      await page.goto(`${server.base}/#login`);
      await page
        .locator('account-portal account-login')
        .getByRole('button', { name: `Continue with ${NAME}` })
        .click();
      await page.locator('account-profile dl').waitFor();
      expect(await page.locator('account-profile dl').innerText()).toContain(idp.user.email);
      expect(await page.locator('account-profile dl').innerText()).toContain('Uma');
      expect(idp.userInfoRequests).toBeGreaterThan(0);
      await page.context().close();
    } finally {
      idp.claimsIn = 'id_token';
    }
  });
});
