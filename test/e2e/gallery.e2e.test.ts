// The element gallery for developers (demo/gallery at /gallery/, issue 15 item 7) in real Chromium against
// the real worker: every element of custom-elements.json in its own panel with a labelled control per
// documented attribute, no console errors and no serious axe-core violation, a boolean control changes
// its element, the demo shopper signs in through the <account-login> panel and the signed-in elements
// show her data, the `account-*` events land in the log with their detail, German changes the texts and
// the theme switch restyles the widget. Screenshot: docs/gallery.png (rewritten when missing or with
// UPDATE_SCREENSHOTS=1; otherwise written to the git-ignored test-results/).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_SHOPPER } from '../../demo/seed.mjs';
import { shotPath, useChromiumAndDemo } from './browser';

const root = path.resolve(import.meta.dirname, '../..');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Declaration {
  tagName?: string;
  customElement?: boolean;
  attributes?: { name: string; type?: { text: string } }[];
}
const manifest = JSON.parse(readFileSync(path.join(root, 'custom-elements.json'), 'utf8')) as { modules: { declarations?: Declaration[] }[] };
const ELEMENTS = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);

const demo = useChromiumAndDemo();

async function axe(page: Page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run('html', { resultTypes: ['violations'] });
    return r.violations.map((v: { id: string; impact: string; nodes: { target: string[] }[] }) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return result.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical');
}

describe('element gallery', () => {
  it('shows every element with its attributes as controls, signs in the demo shopper, logs the events, switches language and theme', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
    page.on('console', (m) => {
      // A signed-out start-up refresh answered 401 is expected (the browser logs every 4xx fetch).
      if (m.type() !== 'error') return;
      if (/Failed to load resource/.test(m.text()) && m.location().url.endsWith('/storefront/session/refresh')) return;
      errors.push(m.text());
    });
    const panel = (tag: string) => page.locator(`section[data-panel="${tag}"]`);

    // The store's footer links the gallery.
    await page.goto(`${demo.base}/`);
    await page.locator('.site-footer').getByRole('link', { name: 'Element gallery' }).click();
    await page.waitForURL(`${demo.base}/gallery/`);

    // Every element of the manifest, alone, under its own heading, with a labelled control per attribute.
    expect(ELEMENTS.length).toBeGreaterThanOrEqual(8);
    for (const d of ELEMENTS) {
      const tag = d.tagName!;
      await expect
        .poll(
          () =>
            panel(tag)
              .getByRole('heading', { level: 2, name: `<${tag}>` })
              .count(),
          { message: tag },
        )
        .toBe(1);
      expect(await panel(tag).locator(`.g-stage > ${tag}`).count(), tag).toBe(1);
      for (const a of d.attributes ?? []) {
        if (a.name === 'lang') continue; // the language switch's
        const input = panel(tag).getByLabel(a.name, { exact: true });
        expect(await input.getAttribute('type'), `${tag} ${a.name}`).toBe(
          a.type?.text === 'boolean' ? 'checkbox' : a.type?.text === 'number' ? 'number' : 'text',
        );
      }
    }
    // Signed out, each renders what a guest sees; the signed-in ones say why they are empty.
    await panel('account-login').locator('account-login input[name=password]').waitFor();
    await panel('account-signup').locator('account-signup input[name=first_name]').waitFor();
    await panel('account-menu').locator('account-menu a', { hasText: 'Sign in' }).waitFor();
    await panel('account-portal').locator('account-portal account-login form').waitFor();
    await panel('account-newsletter').locator('account-newsletter input[name=email]').waitFor();
    for (const tag of ['account-profile', 'account-addresses', 'account-orders'])
      expect(await panel(tag).getByText('Nobody is signed in').isVisible(), tag).toBe(true);
    expect(await page.getByRole('status').filter({ hasText: 'Nobody is signed in.' }).count()).toBe(1);
    expect(await axe(page)).toEqual([]);

    // A boolean control: hide-newsletter takes the opt-in out of a fresh <account-signup>.
    const signup = panel('account-signup');
    expect(await signup.locator('account-signup input[name=marketing_newsletter]').count()).toBe(1);
    await signup.getByLabel('hide-newsletter', { exact: true }).check();
    await signup.locator('account-signup input[name=first_name]').waitFor();
    expect(await signup.locator('account-signup input[name=marketing_newsletter]').count()).toBe(0);
    expect(await signup.locator('.g-markup').textContent()).toBe('<account-signup hide-newsletter lang="en"></account-signup>');
    // A text control: signup-url is where the log-in form's "Create an account" leads.
    const login = panel('account-login');
    await login.getByLabel('signup-url', { exact: true }).fill('/register');
    await login.getByLabel('signup-url', { exact: true }).press('Enter');
    await login.locator('account-login a[href="/register"]').waitFor();

    // Sign in as the demo shopper: through the <account-login> panel; the event and its detail are logged.
    await page.getByRole('button', { name: 'Sign in as the demo shopper' }).click();
    const loginEvent = page.locator('[data-log] li[data-event="account-login"]');
    await loginEvent.waitFor();
    expect(await loginEvent.textContent()).toContain('from <account-login>');
    expect(await loginEvent.locator('pre').textContent()).toContain(`"email": "${DEMO_SHOPPER.email}"`);
    await page.getByRole('status').filter({ hasText: 'Signed in: Dana Demo' }).waitFor();
    await panel('account-profile').locator('account-profile dl').waitFor();
    await panel('account-addresses').locator('account-addresses address').first().waitFor();
    await panel('account-orders').locator('account-orders .sfa-list li').first().waitFor();
    await panel('account-newsletter').locator('account-newsletter input[name=abandoned_cart]:enabled').waitFor();
    await panel('account-menu').locator('account-menu button[aria-expanded]').waitFor();
    await panel('account-portal').locator('account-portal nav').waitFor();
    expect(await panel('account-profile').getByText('Nobody is signed in').isHidden()).toBe(true);

    // An account-change from a saved consent, with its detail.
    await panel('account-newsletter').locator('account-newsletter input[name=abandoned_cart]').click();
    const change = page.locator('[data-log] li[data-event="account-change"]').first();
    await change.waitFor();
    expect(await change.locator('pre').textContent()).toContain('"kind": "consents"');
    expect(await change.textContent()).toContain('from <account-newsletter>');

    // The top of the page, signed in, with the first events in the log.
    await page.setViewportSize({ width: 1280, height: 1100 });
    await page.evaluate(() => scrollTo(0, 0));
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: shotPath('gallery.png') });

    // German: the elements' texts change (sign-up heading, profile heading), the controls keep their values.
    expect(await signup.locator('account-signup h2').textContent()).toBe('Create an account');
    await page.getByLabel('Deutsch').check();
    await signup.locator('account-signup h2', { hasText: 'Konto erstellen' }).waitFor();
    await panel('account-profile').locator('account-profile h2', { hasText: 'Profil' }).waitFor();
    expect(await signup.locator('account-signup input[name=marketing_newsletter]').count()).toBe(0);
    expect(await signup.locator('.g-markup').textContent()).toBe('<account-signup hide-newsletter lang="de"></account-signup>');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('de');

    // Themes: light and dark are the widget's own defaults (no --account-* set), with a readable primary
    // button; the demo store's Linen restyles it through its custom properties.
    const button = signup.locator('account-signup button[type=submit]').first();
    const colours = () => button.evaluate((b) => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]);
    const [lightText, lightFill] = await colours();
    expect(lightFill).not.toBe(lightText);
    await page.getByLabel('Linen (store)').check();
    expect((await colours())[1]).toBe('rgb(138, 90, 59)');
    await page.getByLabel('Dark').check();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    const [darkText, darkFill] = await colours();
    expect(darkFill).not.toBe(darkText);
    expect(darkFill).not.toBe(lightFill);
    expect(new URL(page.url()).searchParams.get('theme')).toBe('dark');

    // Signing out is logged too (fired by document: no element asked).
    await page.getByRole('button', { name: 'Sign out' }).click();
    const logout = page.locator('[data-log] li[data-event="account-logout"]');
    await logout.waitFor();
    expect(await logout.textContent()).toContain('from document');
    expect(await logout.locator('pre').textContent()).toContain('"reason": "user"');

    expect(errors).toEqual([]);
    await context.close();
  });
});
