import { describe, expect, it, vi } from 'vitest';
import '../../widget/src/elements/account-profile';
import type { AccountProfile } from '../../widget/src/elements/account-profile';
import { API, api, calls, customer, customFields, errorOf, field, mount, settle, signedIn, submit, tokens, type, failure } from './helpers';

const base = () => ({ ...signedIn(), 'GET /form-fields': [200, { customer: customFields, address: [] }] as [number, unknown] });
const mountProfile = () => mount<AccountProfile>(`<account-profile api="${API}"></account-profile>`);
const button = (el: HTMLElement, text: string) => [...el.querySelectorAll('button')].find((b) => b.textContent.trim() === text)!;

describe('<account-profile>', () => {
  it('shows the profile with custom field values', async () => {
    api(base());
    const el = await mountProfile();
    expect(el.querySelector('dl')!.textContent).toContain('Dana');
    expect(el.querySelector('dl')!.textContent).toContain('Household size');
    expect(el.querySelector('dl')!.textContent).toContain('3');
  });

  it('edits name and custom fields, fires account-change with the saved customer', async () => {
    const updated = { ...customer, first_name: 'Danielle' };
    api({ ...base(), 'PATCH /customer': [200, { customer: updated }] });
    const el = await mountProfile();
    button(el, 'Edit').click();
    await settle();
    expect(field(el, 'first_name').value).toBe('Dana');
    expect(field(el, 'form_fields.size').value).toBe('3');
    type(field(el, 'first_name'), 'Danielle');
    field(el, 'form_fields.terms').checked = true;
    el.querySelector<HTMLInputElement>('[name="form_fields.contact"]')!.checked = true;
    const events: CustomEvent[] = [];
    el.addEventListener('account-change', (e) => events.push(e));
    submit(el.querySelector('form'));
    await settle();
    const body = calls.find((c) => c.method === 'PATCH')!.body as { first_name: string; form_fields: unknown[] };
    expect(body.first_name).toBe('Danielle');
    expect(body.form_fields).toContainEqual({ name: 'size', value: 3 });
    expect(calls.find((c) => c.method === 'PATCH')!.headers.get('Authorization')).toBe('Bearer access-1');
    expect(events[0]!.detail).toEqual({ kind: 'profile', data: updated });
    expect(el.shadowRoot!.querySelector('[part=status]')!.textContent).toContain('saved');
  });

  it('shows the company and edits it', async () => {
    const updated = { ...customer, company: 'Fernhill Goods GmbH' };
    api({ ...base(), 'PATCH /customer': [200, { customer: updated }] });
    const el = await mountProfile();
    expect(el.querySelector('dl')!.textContent).toContain('Company');
    button(el, 'Edit').click();
    await settle();
    expect(field(el, 'company').getAttribute('autocomplete')).toBe('organization');
    type(field(el, 'company'), '  Fernhill Goods GmbH ');
    field(el, 'form_fields.terms').checked = true;
    el.querySelector<HTMLInputElement>('[name="form_fields.contact"]')!.checked = true;
    submit(el.querySelector('form'));
    await settle();
    expect(calls.find((c) => c.method === 'PATCH')!.body).toMatchObject({ company: 'Fernhill Goods GmbH' });
    expect(el.querySelector('dl')!.textContent).toContain('Fernhill Goods GmbH');
  });

  it('changes the password; a wrong current password shows on its field', async () => {
    api({ ...base(), 'POST /customer/password': failure('wrong_current_password', { current_password: 'wrong_current_password' }) });
    const el = await mountProfile();
    button(el, 'Change password').click();
    await settle();
    expect(field(el, 'current_password').getAttribute('autocomplete')).toBe('current-password');
    expect(field(el, 'new_password').getAttribute('autocomplete')).toBe('new-password');
    type(field(el, 'current_password'), 'old password!');
    type(field(el, 'new_password'), 'new password!!');
    submit(el.querySelector('form'));
    await settle();
    expect(errorOf(el, 'current_password')).toBe('Your current password is not correct');
    api({ ...base(), 'POST /customer/password': [200, { ...tokens, access_token: 'access-2' }] });
    const events: CustomEvent[] = [];
    el.addEventListener('account-change', (e) => events.push(e));
    submit(el.querySelector('form'));
    await settle();
    expect(events[0]!.detail).toEqual({ kind: 'password' });
  });

  it('deletes the account after confirming with the password, firing account-logout "deleted"', async () => {
    api({ ...base(), 'DELETE /customer': [204] });
    const el = await mountProfile();
    const out: CustomEvent[] = [];
    el.addEventListener('account-logout', (e) => out.push(e));
    button(el, 'Delete account').click();
    await settle();
    type(field(el, 'delete_password'), 'my password');
    submit(el.querySelector('dialog form'));
    await settle();
    expect(calls.find((c) => c.method === 'DELETE')!.body).toEqual({ current_password: 'my password' });
    expect(out[0]!.detail).toEqual({ reason: 'deleted' });
  });

  it('deletes an account without a password (signed up through a provider) without asking for one', async () => {
    api({ ...base(), ...signedIn({ ...customer, has_password: false }), 'DELETE /customer': [204] });
    const el = await mountProfile();
    button(el, 'Delete account').click();
    await settle();
    expect(el.querySelector('input[name=delete_password]')).toBeNull();
    submit(el.querySelector('dialog form'));
    await settle();
    expect(calls.find((c) => c.method === 'DELETE')!.body).toEqual({});
  });

  it('signs out everywhere', async () => {
    api({ ...base(), 'DELETE /sessions': [204] });
    const el = await mountProfile();
    const out: CustomEvent[] = [];
    el.addEventListener('account-logout', (e) => out.push(e));
    button(el, 'Sign out on every device').click();
    await settle();
    expect(calls.find((c) => c.path === '/sessions')!.headers.get('Authorization')).toBe('Bearer access-1');
    expect(out[0]!.detail).toEqual({ reason: 'everywhere' });
  });
  it('an #email-code link for another account asks first; one for the shopper’s own email is confirmed at once', async () => {
    location.hash = '#email-code=123456&email=eve%40example.com';
    api({ ...base(), 'POST /session/code/confirm': [200, { customer, ...tokens }] });
    const el = await mountProfile();
    await vi.waitFor(() => expect(el.querySelector('h2')!.textContent).toBe('Sign in as eve@example.com?'));
    await settle();
    expect(calls.filter((c) => c.path === '/session/code/confirm')).toEqual([]);
    button(el, 'Cancel').click();
    await settle();
    expect(calls.filter((c) => c.path === '/session/code/confirm')).toEqual([]);

    document.body.innerHTML = '';
    location.hash = '#email-code=654321&email=Dana%40example.com';
    const own = await mountProfile();
    await vi.waitFor(() =>
      expect(calls.find((c) => c.path === '/session/code/confirm')?.body).toEqual({ email: 'Dana@example.com', code: '654321' }),
    );
    expect(own.textContent).not.toContain('Sign in as');
  });
});
