import { describe, expect, it } from 'vitest';
import '../../widget/src/elements/account-portal';
import '../../widget/src/elements/account-menu';
import type { AccountPortal } from '../../widget/src/elements/account-portal';
import { API, api, calls, mount, settle, signedIn } from './helpers';

describe('<account-portal>', () => {
  it('signed out: log in, or sign up from #signup', async () => {
    api({ 'GET /form-fields': [200, { customer: [], address: [] }] });
    const el = await mount<AccountPortal>(`<account-portal api="${API}"></account-portal>`);
    expect(el.querySelector('account-login')).not.toBeNull();
    location.hash = '#signup';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await settle();
    expect(el.querySelector('account-signup')).not.toBeNull();
    expect(el.querySelector('account-login')).toBeNull();
  });

  it('signed in: sections in the hash, with aria-current on the open one', async () => {
    api({
      ...signedIn(),
      'GET /form-fields': [200, { customer: [], address: [] }],
      'GET /customer/orders': [
        200,
        { data: [], meta: { pagination: { total: 0, count: 0, per_page: 10, current_page: 1, total_pages: 0 } }, summary: { count: 0, totals: [] } },
      ],
    });
    location.hash = '#orders';
    const el = await mount<AccountPortal>(`<account-portal api="${API}"></account-portal>`);
    expect(el.querySelector('account-orders')).not.toBeNull();
    expect(el.querySelector('a[aria-current=page]')!.getAttribute('href')).toBe('#orders');
    location.hash = '#profile';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await settle();
    expect(el.querySelector('account-profile')).not.toBeNull();
    // the child elements share the portal's API base and session: one refresh for all of them
    expect(calls.filter((c) => c.path === '/session/refresh')).toHaveLength(1);
  });
});

describe('<account-menu>', () => {
  it('signed out: a Sign in link to the account page', async () => {
    const el = await mount(`<account-menu api="${API}" href="/account"></account-menu>`);
    expect(el.querySelector('a')!.getAttribute('href')).toBe('/account#login');
    expect(el.textContent).toContain('Sign in');
  });

  it('signed in: the first name opens a menu; Escape closes it; Sign out fires account-logout', async () => {
    api({ ...signedIn(), 'DELETE /session': [204] });
    const el = await mount(`<account-menu api="${API}" href="/account"></account-menu>`);
    const button = el.querySelector('button')!;
    expect(button.textContent.trim()).toBe('Dana');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    button.click();
    await settle();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(el.querySelector('.sfa-menu a'));
    expect(el.querySelector<HTMLAnchorElement>('.sfa-menu a[href="/account#orders"]')).not.toBeNull();
    el.querySelector('.sfa-menu')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);
    button.click();
    await settle();
    const out: CustomEvent[] = [];
    el.addEventListener('account-logout', (e) => out.push(e));
    [...el.querySelectorAll('.sfa-menu button')].find((b) => b.textContent === 'Sign out')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await settle();
    expect(out[0]!.detail).toEqual({ reason: 'user' });
    expect(el.textContent).toContain('Sign in');
  });
});
