import { describe, expect, it, vi } from 'vitest';
import '../../widget/src/elements/account-signup';
import type { AccountSignup } from '../../widget/src/elements/account-signup';
import { API, api, calls, customer, customFields, errorOf, field, mount, settle, submit, tokens, type, failure, HINT_KEY } from './helpers';

const mountSignup = async () => {
  api({ 'GET /form-fields': [200, { customer: customFields, address: [] }] });
  return mount<AccountSignup>(`<account-signup api="${API}"></account-signup>`);
};

/** Waits for the code step (email-code.ts, loaded on demand). */
async function codeStep(el: HTMLElement) {
  await vi.waitFor(() => expect(el.querySelector('[name=code]')).not.toBeNull());
  await settle();
}

function fillBuiltIns(el: HTMLElement) {
  type(field(el, 'first_name'), 'Sam');
  type(field(el, 'last_name'), 'Shopper');
  type(field(el, 'email'), 'sam@example.com');
  type(field(el, 'password'), 'a long enough password');
}

describe('<account-signup>', () => {
  it('renders every custom field type from the definitions, labelled', async () => {
    const el = await mountSignup();
    expect(field(el, 'form_fields.nickname').getAttribute('maxlength')).toBe('10');
    expect(field(el, 'form_fields.about').tagName).toBe('TEXTAREA');
    expect(field(el, 'form_fields.size').type).toBe('number');
    expect(field(el, 'form_fields.birthday').type).toBe('date');
    expect(field(el, 'form_fields.birthday').getAttribute('max')).toBe('2012-12-31');
    expect(field(el, 'form_fields.terms').type).toBe('checkbox');
    expect(el.querySelectorAll('[name="form_fields.interests"]')).toHaveLength(2);
    expect(el.querySelectorAll('[name="form_fields.contact"][type=radio]')).toHaveLength(2);
    expect(field(el, 'form_fields.source').tagName).toBe('SELECT');
    expect(field(el, 'form_fields.pin').type).toBe('password');
    expect(field(el, 'email').getAttribute('autocomplete')).toBe('email');
    expect(field(el, 'password').getAttribute('autocomplete')).toBe('new-password');
    expect(el.querySelector('legend')!.textContent).toContain('Interests');
  });

  it('shows the password rules while typing', async () => {
    const el = await mountSignup();
    const rules = () => [...el.querySelectorAll('.sfa-rules li')].map((li) => li.getAttribute('data-met'));
    expect(rules()).toEqual(['false', 'true']);
    type(field(el, 'email'), 'sam@example.com');
    type(field(el, 'password'), 'sam@example.com');
    await settle();
    expect(rules()).toEqual(['true', 'false']);
    type(field(el, 'password'), 'something else entirely');
    await settle();
    expect(rules()).toEqual(['true', 'true']);
  });

  it('validates custom fields with the server rules before sending', async () => {
    const el = await mountSignup();
    fillBuiltIns(el);
    type(field(el, 'form_fields.nickname'), 'far too long a nickname');
    type(field(el, 'form_fields.size'), '50');
    submit(el.querySelector('form'));
    await settle();
    // the rules' field codes, in words with the definitions' limits
    expect(errorOf(el, 'form_fields.nickname')).toBe('Use at most 10 characters');
    expect(errorOf(el, 'form_fields.size')).toBe('Enter 20 or less');
    expect(errorOf(el, 'form_fields.terms')).toBe('This field is required');
    expect(errorOf(el, 'form_fields.contact')).toBe('This field is required');
    expect(el.querySelector('[role=alert]')!.textContent).toContain('Please correct the highlighted fields');
    expect(calls.some((c) => c.path === '/customers')).toBe(false);
  });

  it('creates the account with custom field values and consent, fires account-signup', async () => {
    const el = await mountSignup();
    api({ 'GET /form-fields': [200, { customer: customFields, address: [] }], 'POST /customers': [201, { customer, ...tokens }] });
    const events: CustomEvent[] = [];
    el.addEventListener('account-signup', (e) => events.push(e));
    fillBuiltIns(el);
    type(field(el, 'form_fields.size'), '3');
    field(el, 'form_fields.terms').checked = true;
    el.querySelector<HTMLInputElement>('[name="form_fields.contact"][value=Phone]')!.checked = true;
    el.querySelector<HTMLInputElement>('[name="form_fields.interests"][value=Home]')!.checked = true;
    field(el, 'marketing_newsletter').checked = true;
    submit(el.querySelector('form'));
    await settle();
    const body = calls.find((c) => c.path === '/customers')!.body as Record<string, unknown>;
    expect(body).toMatchObject({
      email: 'sam@example.com',
      first_name: 'Sam',
      last_name: 'Shopper',
      password: 'a long enough password',
      consents: ['marketing_newsletter'],
    });
    expect(body.form_fields).toEqual([
      { name: 'size', value: 3 },
      { name: 'terms', value: 'Yes' },
      { name: 'interests', value: ['Home'] },
      { name: 'contact', value: 'Phone' },
    ]);
    // The code step comes first (the code went to the new address); "Later" starts the session.
    await codeStep(el);
    const code = field(el, 'code');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code.getAttribute('inputmode')).toBe('numeric');
    expect(code.getAttribute('maxlength')).toBe('6');
    expect(el.textContent).toContain(customer.email);
    expect(events).toEqual([]);
    // The 201 set the refresh cookie: a reload during the code step signs in (the session hint says so).
    expect(localStorage.getItem(HINT_KEY)).toBe('1');
    [...el.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Later')!.click();
    await settle();
    expect(events[0]!.detail).toEqual({ customer });
    expect(el.session.isSignedIn).toBe(true);
  });

  it('confirms the emailed code (a wrong one first), resends after a minute at most, and is the only way in when the store requires it', async () => {
    const el = await mountSignup();
    const verified = { ...customer, email_verified: true };
    let tries = 0;
    api({
      'GET /form-fields': [200, { customer: [], address: [] }],
      'POST /customers': [201, { customer, verification: 'required' }],
      'POST /session/code': [202, { status: 'sent', resend_after: 60 }],
      'POST /session/code/confirm': () =>
        ++tries === 1 ? failure('code_invalid', { code: 'invalid_or_expired' }) : [200, { customer: verified, ...tokens }],
    });
    const events: Event[] = [];
    for (const t of ['account-signup', 'account-change']) el.addEventListener(t, (e) => events.push(e));
    fillBuiltIns(el);
    type(field(el, 'form_fields.size'), '3');
    field(el, 'form_fields.terms').checked = true;
    el.querySelector<HTMLInputElement>('[name="form_fields.contact"][value=Phone]')!.checked = true;
    submit(el.querySelector('form'));
    await codeStep(el);
    expect([...el.querySelectorAll('button')].map((b) => b.textContent.trim())).not.toContain('Later');
    expect(localStorage.getItem(HINT_KEY)).toBeNull(); // no tokens, no refresh cookie: nothing to look for yet
    const resend = [...el.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent.trim() === 'Send a new code')!;
    expect(resend.disabled).toBe(true); // the sign-up just sent one
    type(field(el, 'code'), '12345');
    submit(el.querySelector('form'));
    await settle();
    expect(errorOf(el, 'code')).toBe('This code is invalid or has expired');
    expect(calls.some((c) => c.path === '/session/code/confirm')).toBe(false);
    type(field(el, 'code'), '111111');
    submit(el.querySelector('form'));
    await settle();
    expect(errorOf(el, 'code')).toBe('This code is invalid or has expired');
    expect(el.querySelector('[role=alert]')!.textContent).toContain('not valid or has expired');
    type(field(el, 'code'), '222222');
    submit(el.querySelector('form'));
    await settle();
    expect(calls.filter((c) => c.path === '/session/code/confirm').at(-1)!.body).toEqual({ email: customer.email, code: '222222' });
    expect(events.map((e) => e.type)).toEqual(['account-signup', 'account-change']);
    expect(el.session.isSignedIn).toBe(true);
    expect(el.session.customer).toEqual(verified);
    expect(localStorage.getItem(HINT_KEY)).toBe('1');
  });

  it('puts server errors on their fields, custom ones included', async () => {
    const el = await mountSignup();
    api({
      'GET /form-fields': [200, { customer: customFields, address: [] }],
      'POST /customers': failure('validation_failed', { password: 'password_too_common', 'form_fields.nickname': 'too_long' }),
    });
    fillBuiltIns(el);
    field(el, 'form_fields.terms').checked = true;
    el.querySelector<HTMLInputElement>('[name="form_fields.contact"]')!.checked = true;
    submit(el.querySelector('form'));
    await settle();
    expect(errorOf(el, 'password')).toBe('This password is too common. Please choose another.');
    // the definition's own limit (max_length 10) in the text
    expect(errorOf(el, 'form_fields.nickname')).toBe('Use at most 10 characters');
  });

  it('says when the email already has an account', async () => {
    const el = await mountSignup();
    api({ 'GET /form-fields': [200, { customer: [], address: [] }], 'POST /customers': failure('email_taken', { email: 'email_taken' }) });
    fillBuiltIns(el);
    field(el, 'form_fields.terms').checked = true;
    el.querySelector<HTMLInputElement>('[name="form_fields.contact"]')!.checked = true;
    submit(el.querySelector('form'));
    await settle();
    expect(errorOf(el, 'email')).toBe('An account with this email already exists.');
  });
});
