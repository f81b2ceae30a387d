// Issue 14, in real Chromium against the real worker, with a CDP virtual authenticator (internal
// transport, resident keys, user verification): on the demo store a new shopper signs up, adds a passkey
// in the profile, signs out, signs in with "Sign in with a passkey", signs out, signs in through passkey
// autofill (the email field's conditional request), and removes the passkey (the account has a password,
// so it is not the last way in). Then, the store allowing it (PASSKEY_SIGNUP, on in the demo), a shopper
// signs up with no password: the form, the emailed code, the passkey dialog. Screenshot: docs/passkeys.png, the profile's passkey list (rewritten when
// missing or with UPDATE_SCREENSHOTS=1; otherwise written to the git-ignored test-results/).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, shotPath } from './browser';
import { startDevServer } from './dev-server';

let browser: Browser;
let server: { base: string; stop: () => Promise<void> };
/** The store on `localhost`: a WebAuthn relying party id is a domain, never an IP address (127.0.0.1). */
let base: string;

beforeAll(async () => {
  browser = await launch(); // throws with the apt-get hint when Chromium is missing
  server = await startDevServer();
  base = server.base.replace('//127.0.0.1:', '//localhost:');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A fresh context whose page has a virtual platform authenticator; returns the page and what it logged. */
async function openWithAuthenticator() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/storefront/')) requests.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  const credentials = async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
  return { page, context, errors, credentials, requests };
}

async function codeFor(email: string): Promise<string> {
  let code = '';
  await expect
    .poll(async () => {
      const { data } = (await (await fetch(`${server.base}/dev/outbox`)).json()) as { data: { to: string; kind: string; text: string }[] };
      code = /\b(\d{6})\b/.exec(data.find((m) => m.to === email && m.kind === 'email_code_verify')?.text ?? '')?.[1] ?? '';
      return code;
    })
    .not.toBe('');
  return code;
}

/** Signs up on the demo store: with a password, or (`passkey`) with "Sign up with a passkey" and none. */
async function signUp(page: Page, email: string, { passkey = false } = {}) {
  await page.goto(`${base}/#signup`);
  const su = page.locator('account-signup');
  await su.locator('[name="form_fields.accept_terms"]').waitFor();
  await su.locator('[name=first_name]').fill('Pia');
  await su.locator('[name=last_name]').fill('Passkey');
  await su.locator('[name=email]').fill(email);
  if (!passkey) await su.locator('[name=password]').fill('a sturdy passkey e2e password');
  await su.locator('[name="form_fields.preferred_contact"][value=Email]').check();
  await su.locator('[name="form_fields.accept_terms"]').check();
  await (passkey ? su.getByRole('button', { name: 'Sign up with a passkey' }) : su.getByRole('button', { name: 'Create account' })).click();
  await su.locator('input[autocomplete=one-time-code]').waitFor();
  await su.locator('input[autocomplete=one-time-code]').fill(await codeFor(email));
  await su.locator('button[type=submit]').click();
  await page.locator('account-profile dl').waitFor();
}

const signedInAs = (page: Page) => page.locator('account-menu button[aria-expanded]').filter({ hasText: 'Pia' }).waitFor();

/**
 * Signs out with the keyboard, the mouse out of the way: the log-in form appears where the profile was,
 * and a pointer over its email field would start passkey autofill, which the virtual authenticator
 * answers at once (a real browser waits for the shopper to pick the passkey).
 */
async function signOut(page: Page) {
  await page.evaluate(() => (location.hash = '#profile'));
  await page.mouse.move(0, 0);
  await page.locator('account-profile button', { hasText: /^Sign out$/ }).focus();
  await page.keyboard.press('Enter');
  await page.locator('account-login form').waitFor();
}

describe('passkeys (issue 14)', () => {
  it('signs up, adds a passkey, signs in with the button and through autofill, removes it', async () => {
    const { page, context, errors, credentials, requests } = await openWithAuthenticator();
    const email = `pia.${Date.now()}@example.com`;
    await signUp(page, email);

    // The profile: no passkeys yet; "Add a passkey" creates one on the virtual authenticator (just signed
    // up: a recent sign-in, no password asked).
    const profile = page.locator('account-profile');
    const section = profile.locator('section', { has: page.locator('h3', { hasText: 'Passkeys' }) });
    await section.waitFor();
    await section.getByRole('button', { name: 'Add a passkey' }).click();
    await section.locator('li').first().waitFor();
    expect(await section.locator('li').count()).toBe(1);
    expect(await section.locator('li').first().textContent()).toMatch(/Passkey[\s\S]*Created[\s\S]*never used/);
    expect(await credentials()).toHaveLength(1);
    expect(await profile.locator('[part=status]').textContent()).toContain('Your passkey is ready.');

    // Rename it.
    await section.getByRole('button', { name: 'Rename Passkey' }).click();
    await section.locator('input[name=passkey_name]').fill('Work laptop');
    await section.getByRole('button', { name: 'Save' }).click();
    await section.locator('li', { hasText: 'Work laptop' }).waitFor();

    // Signed out, "Sign in with a passkey": the authenticator answers, the session is a normal one.
    await signOut(page);
    const login = page.locator('account-login');
    await login.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await signedInAs(page);
    await page.locator('account-profile dl').waitFor();
    expect(await page.locator('account-profile section li').first().textContent()).toMatch(/last used/);

    // Signed out again, passkey autofill: the email field carries the webauthn token, and focusing it
    // starts the conditional request, which the virtual authenticator answers.
    await signOut(page);
    const emailField = login.locator('input[name=email]');
    await expect.poll(() => emailField.getAttribute('autocomplete')).toBe('username webauthn');
    requests.length = 0;
    await emailField.focus();
    await signedInAs(page);
    // One conditional request, answered: nothing was clicked.
    expect(requests.filter((r) => r.includes('/session/passkey'))).toEqual([
      'POST /storefront/session/passkey/options',
      'POST /storefront/session/passkey',
    ]);

    // Remove it: the account has a password, so the passkey is not the last way in.
    await page.evaluate(() => (location.hash = '#profile'));
    await section.locator('li', { hasText: 'last used' }).waitFor();
    await page.evaluate(() => document.fonts.ready);
    const box = (await section.boundingBox())!;
    const scroll = await page.evaluate(() => ({ x: scrollX, y: scrollY }));
    await page.screenshot({
      path: shotPath('passkeys.png'),
      fullPage: true,
      clip: { x: Math.max(0, box.x + scroll.x - 16), y: Math.max(0, box.y + scroll.y - 16), width: box.width + 32, height: box.height + 32 },
    });
    await section.getByRole('button', { name: 'Remove Work laptop' }).click();
    await section.getByText('A passkey lets you sign in').waitFor();
    expect(await section.locator('li').count()).toBe(0);
    expect(await credentials()).toHaveLength(1); // the authenticator keeps it; the store no longer knows it

    // A password sign-in on this device (it has a platform authenticator; the shopper has no passkey now)
    // offers to create one, in the profile that replaces the log-in form; "Not now" is remembered.
    await signOut(page);
    await login.locator('input[name=email]').fill(email);
    await login.locator('input[name=password]').fill('a sturdy passkey e2e password');
    await login.locator('button[type=submit]').click();
    await signedInAs(page);
    await section.getByText('Sign in faster next time').waitFor();
    await section.getByRole('button', { name: 'Not now' }).click();
    await section.getByText('A passkey lets you sign in').waitFor();
    expect(await page.evaluate((api) => localStorage.getItem(`storefront-accounts:passkey-offer:${api}`), base)).toBe('1');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('signs up without a password: the emailed code, then the passkey; it signs in and is the last way in', async () => {
    const { page, context, errors, credentials } = await openWithAuthenticator();
    const email = `pia.nopw.${Date.now()}@example.com`;
    await signUp(page, email, { passkey: true });
    const section = page.locator('account-profile section', { has: page.locator('h3', { hasText: 'Passkeys' }) });
    await section.locator('li').first().waitFor();
    expect(await credentials()).toHaveLength(1);
    expect(await page.evaluate(() => (document.querySelector('account-profile') as any).session.customer.has_password)).toBe(false);

    await signOut(page);
    await page.locator('account-login').getByRole('button', { name: 'Sign in with a passkey' }).click();
    await signedInAs(page);

    // No password, one passkey: removing it would leave only the emailed code; the store refuses and says why.
    await page.evaluate(() => (location.hash = '#profile'));
    await section.getByRole('button', { name: /^Remove / }).click();
    await page.locator('account-profile').getByText('This passkey is your only way to sign in').waitFor();
    expect(await section.locator('li').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
