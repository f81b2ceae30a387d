// Issue 12 acceptance in real Chromium on the demo store (demo/index.html) against the real worker: sign up
// → the code from /dev/outbox → verified; sign in with an emailed code; change the email with a code sent
// to the new address; claim a guest order from <account-orders>; guest newsletter → confirmation link →
// a subscriber row (admin API, dev token). Codes and links are read from the dev outbox.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEV_ADMIN_TOKEN } from '../../demo/seed.mjs';
import { useChromiumAndDemo } from './browser';

const demo = useChromiumAndDemo();

const unique = (name: string) => `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;

/** The newest outbox mail to `to` (waits for it: mails may be sent after the response). */
async function mailTo(to: string, after = 0): Promise<{ text: string; kind: string }> {
  for (let i = 0; i < 50; i++) {
    const { data } = (await (await fetch(`${demo.base}/dev/outbox`)).json()) as { data: { to: string; kind: string; text: string }[] };
    const mails = data.filter((m) => m.to === to);
    if (mails.length > after) return mails[0]!;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${to}`);
}
const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)![1]!;
const mailCount = async (to: string) =>
  ((await (await fetch(`${demo.base}/dev/outbox`)).json()) as { data: { to: string }[] }).data.filter((m) => m.to === to).length;

async function open(): Promise<Page> {
  const context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

async function signUp(page: Page, email: string) {
  await page.goto(`${demo.base}/#signup`);
  const form = page.locator('account-signup form');
  await form.locator('[name=first_name]').fill('Vera');
  await form.locator('[name=last_name]').fill('Verified');
  await form.locator('[name=email]').fill(email);
  await form.locator('[name=password]').fill('a long enough password');
  // The demo store's required custom fields (demo/seed.mjs): without them the form does not submit.
  await form.locator('[name="form_fields.preferred_contact"][value=Email]').check();
  await form.locator('[name="form_fields.accept_terms"]').check();
  // "Create account" (the demo store also offers "Sign up with a passkey", a second submit button).
  await form.getByRole('button', { name: 'Create account' }).click();
  await page.locator('account-signup input[autocomplete=one-time-code]').waitFor();
}

async function enterCode(page: Page, host: string, code: string) {
  await page.locator(`${host} input[autocomplete=one-time-code]`).fill(code);
  await page.locator(`${host} button[type=submit]`).click();
}

describe('proven email ownership (issue 12)', () => {
  it('signs up, confirms the emailed code and shows the email as confirmed', async () => {
    const page = await open();
    const email = unique('signup');
    await signUp(page, email);
    await enterCode(page, 'account-signup', codeIn((await mailTo(email)).text));
    await page.locator('account-profile .sfa-badge', { hasText: 'confirmed' }).waitFor();
    expect(await page.locator('account-profile').textContent()).toContain(email);
  });

  it('signs in with an emailed code', async () => {
    const page = await open();
    const email = unique('code');
    await signUp(page, email);
    await page.locator('account-signup button', { hasText: 'Later' }).click();
    await page.locator('account-portal nav').waitFor();
    await page.locator('account-profile button', { hasText: 'Sign out' }).first().click();
    await page.locator('account-login form').waitFor();
    const before = await mailCount(email);
    await page.locator('account-login input[autocomplete~=username]').fill(email);
    await page.locator('account-login button', { hasText: 'Email me a code' }).click();
    await page.locator('account-login button', { hasText: 'Send code' }).click();
    await page.locator('account-login input[autocomplete=one-time-code]').waitFor();
    await enterCode(page, 'account-login', codeIn((await mailTo(email, before)).text));
    await page.locator('account-portal nav').waitFor();
    await page.locator('account-profile .sfa-badge', { hasText: 'confirmed' }).waitFor();
  });

  it('changes the email with a code sent to the new address', async () => {
    const page = await open();
    const email = unique('old');
    const next = unique('new');
    await signUp(page, email);
    await enterCode(page, 'account-signup', codeIn((await mailTo(email)).text));
    await page.locator('account-profile button', { hasText: 'Change email' }).click();
    await page.locator('account-profile input[name=email]').fill(next);
    await page.locator('account-profile input[name=current_password]').fill('a long enough password');
    await page.locator('account-profile button[type=submit]').click();
    await page.locator('account-profile input[autocomplete=one-time-code]').waitFor();
    expect(await page.locator('account-profile').textContent()).toContain(next);
    await enterCode(page, 'account-profile', codeIn((await mailTo(next)).text));
    await page.locator('account-profile [part=status], account-profile').filter({ hasText: next }).first().waitFor();
    await page.locator('account-profile dd', { hasText: next }).waitFor();
  });

  it('claims a guest order from account-orders', async () => {
    const page = await open();
    const email = unique('claim');
    const res = await fetch(`${demo.base}/dev/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, items: [{ name: 'Canvas tote', quantity: 1, price: '24.00' }] }),
    });
    expect(res.status).toBe(201);
    await signUp(page, email);
    await enterCode(page, 'account-signup', codeIn((await mailTo(email)).text));
    await page.locator('account-portal nav').waitFor();
    await page.evaluate(() => (location.hash = 'orders'));
    await page.locator('account-orders button', { hasText: 'Add to my account' }).click();
    await page.locator('account-orders .sfa-list li').first().waitFor();
    expect(await page.locator('account-orders .sfa-list li').count()).toBe(1);
  });

  it('confirms a guest newsletter sign-up through the mailed link, then the subscriber row exists', async () => {
    const page = await open();
    const email = unique('news');
    await page.goto(`${demo.base}/`);
    const footer = page.locator('.site-footer account-newsletter');
    await footer.locator('input[name=email]').fill(email);
    await footer.locator('button[type=submit]').click();
    await footer.getByText('open the link').waitFor();
    const admin = async () =>
      (await (
        await fetch(`${demo.base}/v3/customers/subscribers?email=${encodeURIComponent(email)}`, { headers: { 'X-Auth-Token': DEV_ADMIN_TOKEN } })
      ).json()) as {
        data: unknown[];
      };
    expect((await admin()).data).toEqual([]); // double opt-in: no row before the link
    const link = /https?:\/\/\S*#confirm-subscription=[\w.~-]+/.exec((await mailTo(email)).text)![0];
    // The mail client opens the link in a new tab: a fresh page load of the store.
    const tab = await page.context().newPage();
    await tab.goto(`${demo.base}/${link.slice(link.indexOf('#'))}`);
    await tab.locator('account-newsletter').getByText('subscription is confirmed').first().waitFor();
    expect((await admin()).data).toHaveLength(1);
  });
});
