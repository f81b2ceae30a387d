// The widget in real Chromium against the real worker: sign-up with custom fields, log-in (also by
// keyboard only and as a password manager fills it), staying signed in across a reload, the account
// sections, forgot password through the dev outbox, sign-out, axe-core, and a strict CSP page.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SHOPPER } from '../../demo/seed.mjs';
import { launch } from './browser';
import { startDevServer } from './dev-server';

const root = path.resolve(import.meta.dirname, '../..');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const shots = path.join(root, 'docs');

let browser: Browser;
let server: { base: string; stop: () => Promise<void> };

beforeAll(async () => {
  browser = await launch(); // throws with the apt-get hint when Chromium is missing
  server = await startDevServer();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(width = 1024): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  return page;
}

async function axe(page: Page, selector: string) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async (sel) => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(sel, { resultTypes: ['violations'] });
    return r.violations.map((v: { id: string; impact: string; nodes: { target: string[] }[] }) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, selector);
  return result.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical');
}

async function logIn(page: Page, email: string, password: string) {
  await page.goto(`${server.base}/#login`);
  await page.locator('account-login input[autocomplete~=username]').fill(email);
  await page.locator('account-login input[autocomplete=current-password]').fill(password);
  await page.locator('account-login button[type=submit]').click();
  await page.locator('account-portal nav').waitFor();
}

describe('widget end to end', () => {
  it('log-in inputs are in the light DOM with the autocomplete tokens password managers use', async () => {
    const page = await newPage();
    await page.goto(`${server.base}/`);
    await page.locator('account-login form').waitFor();
    // document.querySelector does not pierce shadow roots: a password manager sees what this sees.
    const found = await page.evaluate(() => {
      const form = document.querySelector('account-login form');
      const user = form?.querySelector('input[autocomplete~=username]') as HTMLInputElement | null;
      const pass = form?.querySelector('input[autocomplete=current-password]') as HTMLInputElement | null;
      return { form: !!form, user: user?.type, pass: pass?.type, sameForm: user?.form === pass?.form };
    });
    expect(found).toEqual({ form: true, user: 'email', pass: 'password', sameForm: true });
    expect(await axe(page, 'account-portal')).toEqual([]);
    // Committed screenshots are rewritten only on request, so a test run leaves the tree clean.
    const shot = path.join(shots, 'widget.png');
    mkdirSync(path.join(root, 'test-results'), { recursive: true });
    await page.screenshot({
      path: existsSync(shot) && !process.env.UPDATE_SCREENSHOTS ? path.join(root, 'test-results', 'widget.png') : shot,
      fullPage: true,
    });
    await page.context().close();
  });

  it('signs up with custom fields, stays signed in across a reload, signs out', async () => {
    const page = await newPage();
    await page.goto(`${server.base}/#signup`);
    const su = page.locator('account-signup');
    await su.locator('[name="form_fields.accept_terms"]').waitFor();
    expect(await axe(page, 'account-portal')).toEqual([]);
    await su.locator('[name=first_name]').fill('Erin');
    await su.locator('[name=last_name]').fill('Example');
    await su.locator('[name=email]').fill('erin.e2e@example.com');
    await su.locator('[name=password]').fill('a sturdy e2e password');
    await su.locator('[name="form_fields.how_did_you_hear"]').selectOption('Friend');
    await su.locator('[name="form_fields.household_size"]').fill('3');
    await su.locator('[name="form_fields.interests"][value=Home]').check();
    await su.locator('[name="form_fields.preferred_contact"][value=Email]').check();
    await su.locator('[name="form_fields.accept_terms"]').check();
    // "Create account" (the demo store also offers "Sign up with a passkey", a second submit button).
    await su.getByRole('button', { name: 'Create account' }).click();
    // The code step: the 6-digit code mailed to the new address (dev outbox) confirms it and signs in.
    await su.locator('input[autocomplete=one-time-code]').waitFor();
    let code = '';
    await expect
      .poll(async () => {
        const { data } = (await (await fetch(`${server.base}/dev/outbox`)).json()) as { data: { to: string; kind: string; text: string }[] };
        code = /\b(\d{6})\b/.exec(data.find((m) => m.to === 'erin.e2e@example.com' && m.kind === 'email_code_verify')?.text ?? '')?.[1] ?? '';
        return code;
      })
      .not.toBe('');
    await su.locator('input[autocomplete=one-time-code]').fill(code);
    await su.locator('button[type=submit]').click();
    await page.locator('account-menu button[aria-expanded]').filter({ hasText: 'Erin' }).waitFor();
    await page.locator('account-profile dl').waitFor();
    expect(await page.locator('account-profile dl').textContent()).toContain('Friend');

    await page.reload();
    await page.locator('account-profile dl').waitFor();
    expect(await page.locator('account-menu button[aria-expanded]').textContent()).toContain('Erin');

    await page.locator('account-profile button', { hasText: /^Sign out$/ }).click();
    await page.locator('account-login form').waitFor();
    await page.reload();
    await page.locator('account-login form').waitFor();
    await page.context().close();
  });

  it('logs in with the keyboard only, shows orders with detail, addresses and newsletter', async () => {
    const page = await newPage();
    await page.goto(`${server.base}/#login`);
    await page.locator('account-login form').waitFor();
    await page.locator('account-login input[autocomplete~=username]').focus();
    await page.keyboard.type(DEMO_SHOPPER.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_SHOPPER.password);
    await page.keyboard.press('Enter');
    await page.locator('account-portal nav').waitFor();
    expect(await axe(page, 'account-portal')).toEqual([]);

    await page.locator('account-portal nav a[href="#orders"]').click();
    const orders = page.locator('account-orders');
    await orders.locator('.sfa-list li').first().waitFor();
    expect(await orders.locator('.sfa-summary').textContent()).toMatch(/orders/);
    await orders.locator('button[aria-expanded=false]').first().click();
    await orders.locator('table').first().waitFor();
    expect(await axe(page, 'account-portal')).toEqual([]);

    await page.locator('account-portal nav a[href="#addresses"]').click();
    const book = page.locator('account-addresses');
    await book.locator('button', { hasText: 'Add address' }).click();
    await book.locator('[name=address1]').fill('1 E2E Lane');
    await book.locator('[name=city]').fill('Berlin');
    await book.locator('[name=postal_code]').fill('10115');
    await book.locator('[name=country_code]').selectOption('DE');
    expect(await axe(page, 'account-portal')).toEqual([]);
    await book.locator('button[type=submit]').click();
    await book.locator('address', { hasText: '1 E2E Lane' }).waitFor();
    const card = book.locator('li', { hasText: '1 E2E Lane' });
    await card.locator('button', { hasText: 'Edit' }).click();
    await book.locator('[name=address2]').fill('Floor 3');
    await book.locator('button[type=submit]').click();
    await book.locator('address', { hasText: 'Floor 3' }).waitFor();
    await book.locator('li', { hasText: 'Floor 3' }).locator('button', { hasText: 'Delete' }).click();
    await book.locator('.sfa-danger').click();
    await book.locator('address', { hasText: 'Floor 3' }).waitFor({ state: 'detached' });

    await page.locator('account-portal nav a[href="#newsletter"]').click();
    const box = page.locator('account-newsletter input[name=abandoned_cart]');
    await box.waitFor();
    await expect.poll(() => box.isEnabled()).toBe(true);
    const before = await box.isChecked();
    await box.click();
    await expect
      .poll(() => page.locator('account-newsletter').evaluate((el) => el.shadowRoot!.querySelector('[part=status]')!.textContent))
      .toContain('saved');
    await page.reload();
    await page.locator('account-newsletter input[name=abandoned_cart]:enabled').waitFor();
    expect(await page.locator('account-newsletter input[name=abandoned_cart]').isChecked()).toBe(!before);
    await page.context().close();
  });

  it('resets a forgotten password through the dev outbox, then changes it in the profile', async () => {
    const page = await newPage(320); // also: works at 320 px
    await page.goto(`${server.base}/#login`);
    await page.locator('account-login button', { hasText: 'Forgot your password?' }).click();
    // The forgot-password view loads on demand: wait for it, or the fill below lands in the log-in form.
    await page.locator('account-login', { hasText: 'Reset your password' }).waitFor();
    await page.locator('account-login input[autocomplete~=username]').fill(DEMO_SHOPPER.email);
    await page.locator('account-login button[type=submit]', { hasText: 'Send link' }).click();
    await page.locator('account-login', { hasText: 'a link is on its way' }).waitFor();
    let link = '';
    await expect
      .poll(async () => {
        const { data } = (await (await fetch(`${server.base}/dev/outbox`)).json()) as { data: { to: string; kind: string; text: string }[] };
        link =
          /https?:\S+#reset-password=\S+/.exec(data.find((m) => m.to === DEMO_SHOPPER.email && m.kind === 'password_reset')?.text ?? '')?.[0] ?? '';
        return link;
      })
      .not.toBe('');
    await page.goto(link.replace(/^https?:\/\/[^/]+/, server.base));
    await page.locator('account-login input[autocomplete=new-password]').fill('reset via e2e 2026');
    await page.locator('account-login button[type=submit]').click();
    await page.locator('account-login input[autocomplete=current-password]').waitFor();
    expect(new URL(page.url()).hash).toBe('');
    await logIn(page, DEMO_SHOPPER.email, 'reset via e2e 2026');
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(320);

    await page.locator('account-profile button', { hasText: 'Change password' }).click();
    await page.locator('account-profile [name=current_password]').fill('reset via e2e 2026');
    await page.locator('account-profile [name=new_password]').fill(DEMO_SHOPPER.password);
    await page.locator('account-profile form[aria-label="Change password"] button[type=submit]').click();
    await expect
      .poll(() => page.locator('account-profile').evaluate((el) => el.shadowRoot!.querySelector('[part=status]')!.textContent))
      .toContain('changed');
    await page.context().close();
  });

  it('works on a page with a strict CSP (no unsafe-inline, no unsafe-eval)', async () => {
    const page = await newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    const html = readFileSync(path.join(root, 'public/index.html'), 'utf8');
    await page.route(`${server.base}/strict.html`, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html',
        headers: {
          'Content-Security-Policy':
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'",
        },
        body: html,
      }),
    );
    await page.goto(`${server.base}/strict.html#login`);
    await page.locator('account-login input[autocomplete~=username]').fill(DEMO_SHOPPER.email);
    await page.locator('account-login input[autocomplete=current-password]').fill(DEMO_SHOPPER.password);
    await page.locator('account-login button[type=submit]').click();
    await page.locator('account-portal nav').waitFor();
    // the light-DOM sheet applied (adoptedStyleSheets are allowed without unsafe-inline)
    const display = await page
      .locator('account-login, account-profile')
      .first()
      .evaluate((el) => getComputedStyle(el.querySelector('.sfa-actions')!).display);
    expect(display).toBe('flex');
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('serves the widget with CORS and long-lived caching for hashed chunks', async () => {
    const entry = await fetch(`${server.base}/widget/storefront-accounts.js`);
    expect(entry.status).toBe(200);
    expect(entry.headers.get('access-control-allow-origin')).toBe('*');
    expect(entry.headers.get('cache-control')).toContain('max-age=300');
    const chunk = /chunks\/[\w-]+\.js/.exec(await entry.text())?.[0];
    const res = await fetch(`${server.base}/widget/${chunk}`);
    expect(res.headers.get('cache-control')).toContain('immutable');
  });
});
