import { describe, expect, it, vi } from 'vitest';
import '../../widget/src/elements/account-login';
import type { AccountLogin } from '../../widget/src/elements/account-login';
import { API, api, calls, customer, errorOf, field, mount, settle, signedIn, submit, tokens, type, failure } from './helpers';

const mountLogin = () => mount<AccountLogin>(`<account-login api="${API}"></account-login>`);

describe('<account-login>', () => {
  it('renders a real form in the light DOM with the autocomplete tokens password managers need', async () => {
    const el = await mountLogin();
    const form = el.querySelector('form')!;
    expect(form).not.toBeNull();
    expect(field(el, 'email').getAttribute('autocomplete')).toBe('username');
    expect(field(el, 'email').type).toBe('email');
    expect(field(el, 'password').getAttribute('autocomplete')).toBe('current-password');
    expect(field(el, 'password').type).toBe('password');
    // every input has a label
    for (const input of el.querySelectorAll('input')) expect(el.querySelector(`label[for="${input.id}"]`)).not.toBeNull();
    expect(el.shadowRoot!.querySelector('[part=base] slot')).not.toBeNull();
    expect(el.shadowRoot!.querySelector('[part=status][role=status]')).not.toBeNull();
  });

  it('checks the fields before calling the server and describes the errors', async () => {
    const el = await mountLogin();
    type(field(el, 'email'), 'not-an-email');
    submit(el.querySelector('form'));
    await settle();
    expect(errorOf(el, 'email')).toBe('Enter a valid email address');
    expect(errorOf(el, 'password')).toBe('This field is required');
    expect(document.activeElement).toBe(field(el, 'email'));
    expect(calls.filter((c) => c.path === '/session')).toHaveLength(0);
  });

  it('signs in, fires account-login with the customer and keeps the token for later calls', async () => {
    api({ 'POST /session': [200, { customer, ...tokens }] });
    const el = await mountLogin();
    const events: CustomEvent[] = [];
    document.addEventListener('account-login', (e) => events.push(e));
    type(field(el, 'email'), 'dana@example.com');
    type(field(el, 'password'), 'correct horse');
    submit(el.querySelector('form'));
    await settle();
    expect(calls.find((c) => c.path === '/session')?.body).toEqual({ email: 'dana@example.com', password: 'correct horse' });
    expect(events).toHaveLength(1);
    expect(events[0]!.detail).toEqual({ customer });
    expect(events[0]!.bubbles && events[0]!.composed).toBe(true);
    expect(el.textContent).toContain('Signed in as Dana Demo');
  });

  it('says plainly when the email or password is wrong, and fires account-error', async () => {
    api({ 'POST /session': failure('invalid_credentials') });
    const el = await mountLogin();
    const errors: CustomEvent[] = [];
    el.addEventListener('account-error', (e) => errors.push(e));
    type(field(el, 'email'), 'dana@example.com');
    type(field(el, 'password'), 'wrong password');
    submit(el.querySelector('form'));
    await settle();
    expect(el.querySelector('[role=alert]')!.textContent).toContain('The email or password is not correct.');
    expect(errors[0]!.detail).toMatchObject({ status: 401, code: 'invalid_credentials' });
  });

  it('sends a reset link from "Forgot your password?" and confirms without saying whether the account exists', async () => {
    api({ 'POST /password-reset': [202, { status: 'accepted' }] });
    const el = await mountLogin();
    type(field(el, 'email'), 'dana@example.com');
    el.querySelector<HTMLButtonElement>('.sfa-link')!.click();
    // the forgot-password views are loaded on demand
    await vi.waitFor(() => expect(el.querySelector('h2')!.textContent).toBe('Reset your password'));
    expect(field(el, 'email').value).toBe('dana@example.com');
    submit(el.querySelector('form'));
    await settle();
    expect(calls.find((c) => c.path === '/password-reset')?.body).toEqual({ email: 'dana@example.com' });
    expect(el.textContent).toContain('If an account exists for dana@example.com');
  });

  it('sets a new password from the emailed #reset-password link and clears the token from the URL', async () => {
    location.hash = '#reset-password=tok_abcdefghijkl';
    api({ 'POST /password-reset/confirm': [204] });
    const el = await mountLogin();
    expect(field(el, 'new_password').getAttribute('autocomplete')).toBe('new-password');
    type(field(el, 'new_password'), 'short');
    submit(el.querySelector('form'));
    await settle();
    expect(errorOf(el, 'new_password')).toBe('Use at least 8 characters');
    type(field(el, 'new_password'), 'a much better password');
    submit(el.querySelector('form'));
    await settle();
    expect(calls.find((c) => c.path === '/password-reset/confirm')?.body).toEqual({
      token: 'tok_abcdefghijkl',
      new_password: 'a much better password',
      locale: 'en', // the language of the owner's "password changed" notice
    });
    expect(location.hash).toBe('');
    expect(el.shadowRoot!.querySelector('[part=status]')!.textContent).toContain('Your password has been changed');
  });

  it('maps a server field error onto its field', async () => {
    location.hash = '#reset-password=tok_abcdefghijkl';
    api({ 'POST /password-reset/confirm': failure('validation_failed', { new_password: 'password_too_common' }) });
    const el = await mountLogin();
    type(field(el, 'new_password'), 'password123');
    submit(el.querySelector('form'));
    await settle();
    expect(errorOf(el, 'new_password')).toBe('This password is too common. Please choose another.');
    expect(document.activeElement).toBe(field(el, 'new_password'));
  });

  it('asks before signing in from an #email-code link and sends nothing until the click', async () => {
    location.hash = '#email-code=123456&email=' + encodeURIComponent('<b>eve</b>@example.com');
    api({ 'POST /session/code/confirm': [200, { customer, ...tokens }] });
    const events: CustomEvent[] = [];
    document.addEventListener('account-login', (e) => events.push(e));
    const el = await mountLogin();
    await vi.waitFor(() => expect(el.querySelector('h2')!.textContent).toBe('Sign in as <b>eve</b>@example.com?'));
    await settle();
    expect(el.querySelector('h2 b')).toBeNull(); // the email is text, not markup
    const form = el.querySelector('form')!;
    expect(form.getAttribute('aria-labelledby')).toBe(el.querySelector('h2')!.id);
    const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
    expect(button.textContent.trim()).toBe('Sign in');
    expect(document.activeElement).toBe(button);
    expect(el.shadowRoot!.querySelector('[part=status]')!.textContent).toContain('Only sign in if you asked for this code yourself.');
    expect(location.hash).toBe('');
    expect(calls.filter((c) => c.path.startsWith('/session/code'))).toEqual([]);
    expect(events).toHaveLength(0);

    button.click();
    await settle();
    expect(calls.find((c) => c.path === '/session/code/confirm')?.body).toEqual({ email: '<b>eve</b>@example.com', code: '123456' });
    expect(events).toHaveLength(1);
    expect(el.textContent).toContain('Signed in as Dana Demo');
  });

  it('"Cancel" on an #email-code link goes back to the sign-in form without confirming', async () => {
    location.hash = '#email-code=123456&email=eve%40example.com';
    const el = await mountLogin();
    await vi.waitFor(() => expect(el.querySelector('h2')!.textContent).toBe('Sign in as eve@example.com?'));
    await settle();
    [...el.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Cancel')!.click();
    await settle();
    expect(field(el, 'password')).not.toBeNull();
    expect(el.shadowRoot!.querySelector('[part=status]')!.textContent).toBe('');
    expect(calls.filter((c) => c.path.startsWith('/session/code'))).toEqual([]);
  });

  it('opens the reset request with a notice when the server requires a new password', async () => {
    api({ 'POST /session': failure('password_reset_required', { password: 'password_reset_required' }) });
    const el = await mountLogin();
    type(field(el, 'email'), 'dana@example.com');
    type(field(el, 'password'), 'old password');
    submit(el.querySelector('form'));
    await vi.waitFor(() => expect(el.querySelector('h2')!.textContent).toBe('Reset your password'));
    expect(el.querySelector('[role=alert]')!.textContent).toContain('For your security, please choose a new password.');
    expect(field(el, 'email').value).toBe('dana@example.com');
    expect(el.querySelector('[aria-invalid=true]')).toBeNull();
  });

  it('loads the German texts of the reset views with them', async () => {
    document.documentElement.lang = 'de';
    location.hash = '#reset-password=tok_abcdefghijkl';
    const el = await mountLogin();
    await vi.waitFor(() => expect(el.querySelector('h2')!.textContent).toBe('Passwort zurücksetzen'));
    expect(el.querySelector('label')!.textContent).toContain('Neues Passwort');
  });

  it('speaks German on a German page', async () => {
    document.documentElement.lang = 'de';
    const el = await mountLogin();
    await settle();
    expect(el.querySelector('h2')!.textContent).toBe('Anmelden');
    expect(el.querySelector('label')!.textContent).toContain('E-Mail');
  });

  it('shows the signed-in state after a refresh at load and signs out with account-logout', async () => {
    api({ ...signedIn(), 'DELETE /session': [204] });
    const el = await mountLogin();
    expect(el.textContent).toContain('Signed in as Dana Demo');
    const out: CustomEvent[] = [];
    el.addEventListener('account-logout', (e) => out.push(e));
    el.querySelector<HTMLButtonElement>('button')!.click();
    await settle();
    expect(out[0]!.detail).toEqual({ reason: 'user' });
    expect(field(el, 'password')).not.toBeNull();
  });
});
