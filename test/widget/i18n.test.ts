// Server errors on German and French pages: shown by their codes in the page's language (with what the
// element knows, e.g. a custom field's limit), unknown codes as the general text, never the server's
// English; the elements' own checks use the same codes.
import { describe, expect, it, vi } from 'vitest';
import '../../widget/src/elements/account-addresses';
import '../../widget/src/elements/account-login';
import '../../widget/src/elements/account-profile';
import '../../widget/src/elements/account-signup';
import { API, addressFields, api, customFields, errorOf, failure, field, mount, settle, signedIn, submit, type } from './helpers';

const signUp = async () => {
  const el = await mount(`<account-signup api="${API}"></account-signup>`);
  await settle();
  type(field(el, 'first_name'), 'Dana');
  type(field(el, 'last_name'), 'Demo');
  type(field(el, 'email'), 'dana@example.com');
  type(field(el, 'password'), 'password123');
  return el;
};

describe('errors by code in the page language', () => {
  it('translates field codes on a German sign-up page and never shows the server’s English', async () => {
    document.documentElement.lang = 'de';
    api({
      'GET /form-fields': [200, { customer: [], address: [] }],
      // `phone` gets a code the widget does not know (a newer worker): the general text
      'POST /customers': failure('validation_failed', { password: 'password_too_common', phone: 'something_new' as never }),
    });
    const el = await signUp();
    submit(el.querySelector('form'));
    await settle();
    expect(errorOf(el, 'password')).toBe('Dieses Passwort ist zu verbreitet. Bitte wählen Sie ein anderes.');
    expect(errorOf(el, 'phone')).toBe('Bitte Feld prüfen');
    expect(el.querySelector('[role=alert]')!.textContent).toBe('Bitte markierte Felder korrigieren.');
    expect(el.textContent).not.toContain('server English');
  });

  it('fills in a custom field’s own limits (French)', async () => {
    document.documentElement.lang = 'fr';
    api({
      'GET /form-fields': [200, { customer: customFields.filter((d) => !d.required), address: [] }],
      'POST /customers': failure('validation_failed', {
        'form_fields.nickname': 'too_long',
        'form_fields.size': 'too_large',
        'form_fields.birthday': 'too_large',
      }),
    });
    const el = await signUp();
    submit(el.querySelector('form'));
    await settle();
    expect(errorOf(el, 'form_fields.nickname')).toBe('Au plus 10 caractères');
    expect(errorOf(el, 'form_fields.size')).toBe('Saisissez au plus 20');
    expect(errorOf(el, 'form_fields.birthday')).toMatch(/^Choisissez le 31 déc\.? 2012 ou avant$/);
  });

  it('checks custom fields in the browser with the server’s rules, in the page language', async () => {
    document.documentElement.lang = 'de';
    api({ 'GET /form-fields': [200, { customer: customFields, address: [] }] });
    const el = await signUp();
    type(field(el, 'form_fields.nickname'), 'much too long a nickname');
    submit(el.querySelector('form'));
    await settle();
    expect(errorOf(el, 'form_fields.nickname')).toBe('Höchstens 10 Zeichen');
    expect(errorOf(el, 'form_fields.terms')).toBe('Pflichtfeld');
  });

  it('translates the reset view’s codes on a French page', async () => {
    document.documentElement.lang = 'fr';
    location.hash = '#reset-password=tok_abcdefghijkl';
    api({ 'POST /password-reset/confirm': failure('validation_failed', { new_password: 'password_too_common' }) });
    const el = await mount(`<account-login api="${API}"></account-login>`);
    await vi.waitFor(() => expect(field(el, 'new_password')).not.toBeNull());
    type(field(el, 'new_password'), 'password123');
    submit(el.querySelector('form'));
    await settle();
    expect(errorOf(el, 'new_password')).toBe('Ce mot de passe est trop courant. Veuillez en choisir un autre.');
  });

  it('says an expired reset link in German and offers a new one', async () => {
    document.documentElement.lang = 'de';
    location.hash = '#reset-password=tok_abcdefghijkl';
    api({ 'POST /password-reset/confirm': failure('reset_token_invalid', { token: 'invalid_or_expired' }) });
    const el = await mount(`<account-login api="${API}"></account-login>`);
    await vi.waitFor(() => expect(field(el, 'new_password')).not.toBeNull());
    type(field(el, 'new_password'), 'a much better password');
    submit(el.querySelector('form'));
    await settle();
    expect(el.querySelector('[role=alert]')!.textContent).toBe('Dieser Link ist ungültig oder abgelaufen. Bitte fordern Sie einen neuen an.');
    expect([...el.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Passwort vergessen?')).toBe(true);
  });

  it('translates a wrong current password in the German profile', async () => {
    document.documentElement.lang = 'de';
    api({
      ...signedIn(),
      'GET /form-fields': [200, { customer: customFields, address: [] }],
      'POST /customer/password': failure('wrong_current_password', { current_password: 'wrong_current_password' }),
    });
    const el = await mount(`<account-profile api="${API}"></account-profile>`);
    const change = () => [...el.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Passwort ändern');
    await vi.waitFor(() => expect(change()).toBeDefined());
    change()!.click();
    await settle();
    type(field(el, 'current_password'), 'not it');
    type(field(el, 'new_password'), 'a much better password');
    submit(el.querySelector('form'));
    await settle();
    expect(errorOf(el, 'current_password')).toBe('Ihr aktuelles Passwort ist nicht korrekt');
  });

  it('says a duplicate address by its code (French address book)', async () => {
    document.documentElement.lang = 'fr';
    api({
      ...signedIn(),
      'GET /form-fields': [200, { customer: [], address: addressFields }],
      'GET /customer/addresses': [200, { data: [] }],
      'POST /customer/addresses': failure('address_exists'),
    });
    const el = await mount(`<account-addresses api="${API}"></account-addresses>`);
    const add = () => [...el.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Ajouter une adresse');
    await vi.waitFor(() => expect(add()).toBeDefined());
    add()!.click();
    await vi.waitFor(() => expect(el.querySelector('form')).not.toBeNull()); // the form is loaded on demand
    await settle();
    for (const [name, value] of [
      ['first_name', 'Dana'],
      ['last_name', 'Demo'],
      ['address1', '1 rue de la Paix'],
      ['city', 'Paris'],
    ])
      type(field(el, name!), value!);
    type(field<HTMLSelectElement>(el, 'country_code'), 'FR');
    submit(el.querySelector('form'));
    await settle();
    expect(el.querySelector('[role=alert]')!.textContent).toBe('Cette adresse figure déjà dans votre carnet d’adresses.');
  });

  it('shows an unknown error code as the general message, not in English', async () => {
    document.documentElement.lang = 'de';
    api({ 'POST /session': [500, { status: 500, title: 'Internal Server Error', type: 'x', code: 'brand_new_code' }] });
    const el = await mount(`<account-login api="${API}"></account-login>`);
    type(field(el, 'email'), 'dana@example.com');
    type(field(el, 'password'), 'whatever');
    submit(el.querySelector('form'));
    await settle();
    expect(el.querySelector('[role=alert]')!.textContent).toBe('Etwas ist schiefgelaufen. Bitte erneut versuchen.');
  });

  it('says wrong credentials and rate limits on a German log-in page', async () => {
    document.documentElement.lang = 'de';
    let reply = failure('invalid_credentials');
    api({ 'POST /session': () => reply });
    const el = await mount(`<account-login api="${API}"></account-login>`);
    type(field(el, 'email'), 'dana@example.com');
    type(field(el, 'password'), 'whatever');
    submit(el.querySelector('form'));
    await settle();
    expect(el.querySelector('[role=alert]')!.textContent).toBe('E-Mail oder Passwort falsch.');
    reply = failure('rate_limited');
    submit(el.querySelector('form'));
    await settle();
    expect(el.querySelector('[role=alert]')!.textContent).toBe('Zu viele Versuche. Bitte eine Minute warten.');
  });

  it('keeps the elements’ own checks precise on a German page', async () => {
    document.documentElement.lang = 'de';
    const el = await mount(`<account-login api="${API}"></account-login>`);
    type(field(el, 'email'), 'not-an-email');
    submit(el.querySelector('form'));
    await settle();
    expect(errorOf(el, 'email')).toBe('Ungültige E-Mail-Adresse');
    expect(errorOf(el, 'password')).toBe('Pflichtfeld');
  });
});
