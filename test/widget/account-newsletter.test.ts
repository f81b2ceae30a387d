import { describe, expect, it } from 'vitest';
import '../../widget/src/elements/account-newsletter';
import type { AccountNewsletter } from '../../widget/src/elements/account-newsletter';
import { API, api, calls, errorOf, field, mount, settle, signedIn, submit, type, failure } from './helpers';

describe('<account-newsletter>', () => {
  it('toggles consents for a signed-in shopper and fires account-change', async () => {
    api({
      ...signedIn(),
      'GET /customer/consents': [200, { consents: ['marketing_newsletter'] }],
      'PUT /customer/consents': [200, { consents: ['marketing_newsletter', 'abandoned_cart'] }],
    });
    const el = await mount<AccountNewsletter>(`<account-newsletter api="${API}"></account-newsletter>`);
    expect(field(el, 'marketing_newsletter').checked).toBe(true);
    expect(field(el, 'abandoned_cart').checked).toBe(false);
    const events: CustomEvent[] = [];
    el.addEventListener('account-change', (e) => events.push(e));
    field(el, 'abandoned_cart').checked = true;
    field(el, 'abandoned_cart').dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({ consents: ['marketing_newsletter', 'abandoned_cart'] });
    expect(events[0]!.detail).toEqual({ kind: 'consents', data: ['marketing_newsletter', 'abandoned_cart'] });
  });

  it('puts the stored state back when saving fails', async () => {
    api({ ...signedIn(), 'GET /customer/consents': [200, { consents: [] }], 'PUT /customer/consents': failure('internal_error') });
    const el = await mount<AccountNewsletter>(`<account-newsletter api="${API}"></account-newsletter>`);
    field(el, 'abandoned_cart').checked = true;
    field(el, 'abandoned_cart').dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(field(el, 'abandoned_cart').checked).toBe(false);
    expect(el.querySelector('[role=alert]')).not.toBeNull();
  });

  it('lets a guest subscribe by email', async () => {
    api({ 'POST /subscribers': [202, { status: 'accepted' }] });
    const el = await mount<AccountNewsletter>(`<account-newsletter api="${API}"></account-newsletter>`);
    submit(el.querySelector('form'));
    await settle();
    expect(errorOf(el, 'email')).toBe('This field is required');
    type(field(el, 'email'), 'guest@example.com');
    submit(el.querySelector('form'));
    await settle();
    expect(calls.find((c) => c.path === '/subscribers')!.body).toEqual({
      email: 'guest@example.com',
      consents: ['marketing_newsletter'],
      locale: 'en',
    });
    expect(el.shadowRoot!.querySelector('[part=status]')!.textContent).toContain('open the link');
  });
});
