import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../widget/src/elements/account-login';
import '../../widget/src/elements/account-profile';
import '../../widget/src/elements/account-signup';
import type { AccountLogin } from '../../widget/src/elements/account-login';
import type { AccountProfile } from '../../widget/src/elements/account-profile';
import { kit } from '../../widget/src/kit';
import { API, api, calls, customer, mount, settle, signedIn, failure, HINT_KEY } from './helpers';

const providers = {
  data: [
    { slug: 'acme', name: 'Acme ID', start_url: `${API}/storefront/oidc/acme/start` },
    { slug: 'globex', name: 'Globex', start_url: `${API}/storefront/oidc/globex/start` },
  ],
};
const buttons = (root: ParentNode) =>
  [...root.querySelectorAll('button')].filter((b) => /Continue with|Weiter mit|Continuer avec/.test(b.textContent));
const button = (root: ParentNode, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === text);
const status = (el: Element) => el.shadowRoot!.querySelector('[part=status]')!.textContent.trim();

let navigate: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  navigate = vi.spyOn(kit, 'navigate').mockImplementation(() => {});
});
afterEach(() => {
  navigate.mockRestore();
  history.replaceState(null, '', '/');
});

describe('"Continue with …" in <account-login> and <account-signup>', () => {
  it('shows no buttons when the store has no providers', async () => {
    api({ 'GET /oidc/providers': [200, { data: [] }] });
    const el = await mount<AccountLogin>(`<account-login api="${API}"></account-login>`);
    expect(calls.filter((c) => c.path === '/oidc/providers')).toHaveLength(1);
    expect(buttons(el)).toHaveLength(0);
    expect(el.textContent).not.toContain(' or ');
  });

  it('shows a button per provider that sends the whole page to the provider, coming back here', async () => {
    api({ 'GET /oidc/providers': [200, providers] });
    location.hash = '#login';
    const el = await mount<AccountLogin>(`<account-login api="${API}"></account-login>`);
    await vi.waitFor(() => expect(buttons(el).map((b) => b.textContent.trim())).toEqual(['Continue with Acme ID', 'Continue with Globex']));
    // after the password form, which stays the first thing on the page
    expect(el.querySelector('form')!.compareDocumentPosition(buttons(el)[0]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(localStorage.getItem(HINT_KEY)).toBeNull();
    buttons(el)[0]!.click();
    expect(navigate).toHaveBeenCalledWith(`${API}/storefront/oidc/acme/start?return_to=${encodeURIComponent(location.href)}`);
    expect(location.href).toContain('#login');
    // The worker sets the refresh cookie on the way back: the session hint makes the return page refresh.
    expect(localStorage.getItem(HINT_KEY)).toBe('1');
  });

  it('never navigates to a start URL that is not https or the worker’s own origin', async () => {
    api({ 'GET /oidc/providers': [200, { data: [{ slug: 'evil', name: 'Evil', start_url: 'javascript:alert(document.domain)//' }] }] });
    const el = await mount<AccountLogin>(`<account-login api="${API}"></account-login>`);
    await vi.waitFor(() => expect(buttons(el)).toHaveLength(1));
    buttons(el)[0]!.click();
    expect(navigate).not.toHaveBeenCalled();
    expect(localStorage.getItem(HINT_KEY)).toBeNull();
  });

  it('fetches the providers once for every element on the page, sign-up included', async () => {
    api({ 'GET /oidc/providers': [200, providers] });
    document.body.innerHTML = `<account-login api="${API}"></account-login><account-signup api="${API}"></account-signup>`;
    await settle();
    const signup = document.querySelector('account-signup')!;
    await vi.waitFor(() => expect(buttons(signup)).toHaveLength(2));
    expect(buttons(document.querySelector('account-login')!)).toHaveLength(2);
    expect(calls.filter((c) => c.path === '/oidc/providers')).toHaveLength(1);
  });

  it('explains an #oidc-error the worker sent the shopper back with, and clears it from the URL', async () => {
    history.replaceState(null, '', '/account#oidc-error=account_exists');
    api({ 'GET /oidc/providers': [200, providers] });
    const el = await mount<AccountLogin>(`<account-login api="${API}"></account-login>`);
    await vi.waitFor(() =>
      expect(el.querySelector('[role=alert]')?.textContent).toContain('An account with this email already exists. Sign in with your password'),
    );
    expect(location.hash).toBe('');
    expect(location.pathname).toBe('/account');
  });

  it('says it in German on a German page, also when the providers list fails', async () => {
    document.documentElement.lang = 'de';
    history.replaceState(null, '', '/#oidc-error=access_denied');
    api({ 'GET /oidc/providers': failure('unavailable') });
    const el = await mount<AccountLogin>(`<account-login api="${API}"></account-login>`);
    await vi.waitFor(() => expect(el.querySelector('[role=alert]')?.textContent).toContain('Die Anmeldung wurde abgebrochen.'));
    expect(buttons(el)).toHaveLength(0);
    expect(location.hash).toBe('');
  });

  it('falls back to a general message for an unknown code', async () => {
    document.documentElement.lang = 'fr';
    history.replaceState(null, '', '/#oidc-error=something_new');
    api({ 'GET /oidc/providers': [200, providers] });
    const el = await mount<AccountLogin>(`<account-login api="${API}"></account-login>`);
    await vi.waitFor(() => expect(el.querySelector('[role=alert]')?.textContent).toContain('La connexion avec le fournisseur n’a pas abouti.'));
    expect(buttons(el)[0]!.textContent.trim()).toBe('Continuer avec Acme ID');
  });
});

describe('sign-in methods in <account-profile>', () => {
  const identities = {
    data: [{ provider: 'acme', name: 'Acme ID', email: 'dana@acme.example', date_created: '2026-02-01T10:00:00Z' }],
    meta: { has_password: true },
  };
  const mountProfile = () => mount<AccountProfile>(`<account-profile api="${API}"></account-profile>`);
  const base = () => ({
    ...signedIn(),
    'GET /form-fields': [200, { customer: [], address: [] }] as [number, unknown],
    'GET /oidc/providers': [200, providers] as [number, unknown],
  });

  it('lists linked providers and offers the others', async () => {
    api({ ...base(), 'GET /customer/identities': [200, identities] });
    const el = await mountProfile();
    await vi.waitFor(() => expect(el.querySelector('section h3')?.textContent).toBe('Sign-in methods'));
    expect(el.querySelector('section li')!.textContent).toContain('Acme ID');
    expect(el.querySelector('section li')!.textContent).toContain('dana@acme.example');
    expect(button(el, 'Unlink')!.getAttribute('aria-label')).toBe('Unlink Acme ID');
    expect(button(el, 'Link Globex')).toBeDefined();
    expect(button(el, 'Link Acme ID')).toBeUndefined();
    expect(calls.find((c) => c.path === '/customer/identities')!.headers.get('Authorization')).toBe('Bearer access-1');
  });

  it('links a provider: asks the worker for the authorization URL with this page as return_to and goes there', async () => {
    api({
      ...base(),
      'GET /customer/identities': [200, identities],
      'POST /customer/oidc/globex/link': [200, { authorization_url: 'https://globex.example/authorize?state=s1' }],
    });
    const el = await mountProfile();
    await vi.waitFor(() => expect(button(el, 'Link Globex')).toBeDefined());
    (el.querySelector('input[name=oidc_current_password]') as HTMLInputElement).value = 'my password';
    button(el, 'Link Globex')!.click();
    await settle();
    expect(calls.find((c) => c.path === '/customer/oidc/globex/link')!.body).toEqual({ return_to: location.href, current_password: 'my password' });
    expect(navigate).toHaveBeenCalledWith('https://globex.example/authorize?state=s1');
  });

  it('shows the code of a refused link in plain words', async () => {
    api({ ...base(), 'GET /customer/identities': [200, identities], 'POST /customer/oidc/globex/link': failure('provider_unavailable') });
    const el = await mountProfile();
    const errors: CustomEvent[] = [];
    el.addEventListener('account-error', (e) => errors.push(e));
    await vi.waitFor(() => expect(button(el, 'Link Globex')).toBeDefined());
    button(el, 'Link Globex')!.click();
    await settle();
    expect(el.querySelector('[role=alert]')!.textContent).toContain('This sign-in option is not available right now.');
    expect(errors[0]!.detail).toMatchObject({ status: 503, code: 'provider_unavailable' });
    expect(navigate).not.toHaveBeenCalled();
  });

  it('a wrong current password on Link highlights the password field and says so', async () => {
    api({
      ...base(),
      'GET /customer/identities': [200, identities],
      'POST /customer/oidc/globex/link': failure('wrong_current_password', { current_password: 'wrong_current_password' }),
    });
    const el = await mountProfile();
    await vi.waitFor(() => expect(button(el, 'Link Globex')).toBeDefined());
    (el.querySelector('input[name=oidc_current_password]') as HTMLInputElement).value = 'not it';
    button(el, 'Link Globex')!.click();
    await settle();
    const field = el.querySelector('input[name=oidc_current_password]')!;
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(el.querySelector(`#${field.getAttribute('aria-describedby')}`)!.textContent).toBe('Your current password is not correct');
    expect(el.querySelector('[role=alert]')!.textContent).toContain('Your current password is not correct');
    expect(el.querySelector('[role=alert]')!.textContent).not.toContain('highlighted');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('never navigates to an authorization URL that is not https (a javascript: URL above all)', async () => {
    for (const url of [
      'javascript:alert(document.domain)',
      ' JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'http://globex.example/authorize',
    ]) {
      api({ ...base(), 'GET /customer/identities': [200, identities], 'POST /customer/oidc/globex/link': [200, { authorization_url: url }] });
      const el = await mountProfile();
      await vi.waitFor(() => expect(button(el, 'Link Globex')).toBeDefined());
      (el.querySelector('input[name=oidc_current_password]') as HTMLInputElement).value = 'my password';
      button(el, 'Link Globex')!.click();
      await settle();
      expect(navigate, url).not.toHaveBeenCalled();
      expect(el.querySelector('[role=alert]')!.textContent).toContain('Signing in with the provider did not work.');
    }
  });

  it('unlinks a provider and fires account-change', async () => {
    api({ ...base(), 'GET /customer/identities': [200, identities], 'DELETE /customer/identities/acme': [204] });
    const el = await mountProfile();
    const changes: CustomEvent[] = [];
    el.addEventListener('account-change', (e) => changes.push(e));
    await vi.waitFor(() => expect(button(el, 'Unlink')).toBeDefined());
    button(el, 'Unlink')!.click();
    await settle();
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/customer/identities/acme')).toBe(true);
    expect(el.querySelector('section li')).toBeNull();
    expect(button(el, 'Link Acme ID')).toBeDefined();
    expect(status(el)).toBe('Acme ID is no longer linked.');
    expect(changes[0]!.detail).toEqual({ kind: 'identity-unlinked', data: { provider: 'acme' } });
  });

  it('says so when the provider is the last way to sign in (409)', async () => {
    api({
      ...signedIn({ ...customer, has_password: false }),
      'GET /form-fields': [200, { customer: [], address: [] }],
      'GET /oidc/providers': [200, providers],
      'GET /customer/identities': [200, { ...identities, meta: { has_password: false } }],
      'DELETE /customer/identities/acme': failure('last_sign_in_method'),
    });
    const el = await mountProfile();
    await vi.waitFor(() => expect(button(el, 'Unlink')).toBeDefined());
    button(el, 'Unlink')!.click();
    await settle();
    expect(el.querySelector('[role=alert]')!.textContent).toContain('This is your only way to sign in.');
    expect(el.querySelector('section li')!.textContent).toContain('Acme ID');
  });

  it('confirms a link the shopper came back from (#oidc-linked) and clears the fragment', async () => {
    history.replaceState(null, '', '/account#oidc-linked=globex');
    api({
      ...base(),
      'GET /customer/identities': [
        200,
        {
          data: [...identities.data, { provider: 'globex', name: 'Globex', email: null, date_created: '2026-03-01T10:00:00Z' }],
          meta: { has_password: true },
        },
      ],
    });
    const el = await mountProfile();
    await vi.waitFor(() => expect(status(el)).toBe('Globex is linked to your account.'));
    expect(location.hash).toBe('');
    expect(el.querySelectorAll('section li')).toHaveLength(2);
  });
});
