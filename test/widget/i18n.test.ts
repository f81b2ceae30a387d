// Server messages on German and French pages: the known ones in the page's language, the rest generic,
// never English; the widget's own (already translated) messages untouched.
import { describe, expect, it, vi } from 'vitest';
import { COMMON_PASSWORD_MESSAGE, passwordShapeProblem } from '../../worker/src/auth/password-policy';
import '../../widget/src/elements/account-login';
import '../../widget/src/elements/account-profile';
import '../../widget/src/elements/account-signup';
import { serverMessages as formsMessages } from '../../widget/src/i18n/en-forms';
import { serverMessages as resetMessages } from '../../widget/src/i18n/en-reset';
import { API, api, customFields, errorOf, field, mount, settle, signedIn, submit, type } from './helpers';

const passwordMessages = [
  passwordShapeProblem('short'),
  passwordShapeProblem('x'.repeat(129)),
  passwordShapeProblem('dana@example.com', 'dana@example.com'),
  COMMON_PASSWORD_MESSAGE,
];

describe('server messages in the page language', () => {
  it('knows the worker’s password messages word for word', () => {
    for (const message of passwordMessages) {
      expect(Object.keys(formsMessages)).toContain(message);
      expect(Object.keys(resetMessages)).toContain(message);
    }
  });

  it('translates a known field error on a German sign-up page and keeps English off it', async () => {
    document.documentElement.lang = 'de';
    api({
      'GET /form-fields': [200, { customer: [], address: [] }],
      'POST /customers': [422, { status: 422, title: 'Please correct the highlighted fields', errors: { password: COMMON_PASSWORD_MESSAGE, phone: 'Something only the server knows' } }],
    });
    const el = await mount(`<account-signup api="${API}"></account-signup>`);
    await settle();
    type(field(el, 'first_name'), 'Dana');
    type(field(el, 'last_name'), 'Demo');
    type(field(el, 'email'), 'dana@example.com');
    type(field(el, 'password'), 'password123');
    submit(el.querySelector('form'));
    await settle();
    expect(errorOf(el, 'password')).toBe('Dieses Passwort ist zu verbreitet. Bitte wählen Sie ein anderes.');
    expect(errorOf(el, 'phone')).toBe('Bitte prüfen Sie dieses Feld');
    expect(el.querySelector('[role=alert]')!.textContent).toBe('Bitte korrigieren Sie die markierten Felder.');
  });

  it('translates the reset view’s server errors on a French page', async () => {
    document.documentElement.lang = 'fr';
    location.hash = '#reset-password=tok_abcdefghijkl';
    api({ 'POST /password-reset/confirm': [422, { status: 422, title: COMMON_PASSWORD_MESSAGE, errors: { new_password: COMMON_PASSWORD_MESSAGE } }] });
    const el = await mount(`<account-login api="${API}"></account-login>`);
    await vi.waitFor(() => expect(field(el, 'new_password')).not.toBeNull());
    type(field(el, 'new_password'), 'password123');
    submit(el.querySelector('form'));
    await settle();
    expect(errorOf(el, 'new_password')).toBe('Ce mot de passe est trop courant. Veuillez en choisir un autre.');
  });

  it('translates a wrong current password in the German profile', async () => {
    document.documentElement.lang = 'de';
    api({
      ...signedIn(),
      'GET /form-fields': [200, { customer: customFields, address: [] }],
      'POST /customer/password': [422, { status: 422, title: 'Your current password is not correct', errors: { current_password: 'Your current password is not correct' } }],
    });
    const el = await mount(`<account-profile api="${API}"></account-profile>`);
    const change = () => [...el.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Passwort ändern');
    await vi.waitFor(() => expect(change()).toBeDefined());
    change()!.click();
    await settle();
    type(field(el, 'current_password'), 'not it');
    type(field(el, 'new_password'), 'a much better password');
    submit(el.querySelector('form'));
    await settle();
    expect(errorOf(el, 'current_password')).toBe('Ihr aktuelles Passwort ist nicht korrekt');
  });

  it('shows an unknown server title as the general message, not in English', async () => {
    document.documentElement.lang = 'de';
    api({ 'POST /session': [500, { status: 500, title: 'Internal Server Error' }] });
    const el = await mount(`<account-login api="${API}"></account-login>`);
    type(field(el, 'email'), 'dana@example.com');
    type(field(el, 'password'), 'whatever');
    submit(el.querySelector('form'));
    await settle();
    expect(el.querySelector('[role=alert]')!.textContent).toBe('Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.');
  });

  it('keeps the elements’ own checks precise on a German page', async () => {
    document.documentElement.lang = 'de';
    const el = await mount(`<account-login api="${API}"></account-login>`);
    type(field(el, 'email'), 'not-an-email');
    submit(el.querySelector('form'));
    await settle();
    expect(errorOf(el, 'email')).toBe('Geben Sie eine gültige E-Mail-Adresse ein');
    expect(errorOf(el, 'password')).toBe('Dieses Feld ist erforderlich');
  });
});
