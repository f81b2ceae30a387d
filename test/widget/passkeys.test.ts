// The passkey views (widget/src/passkey.ts, issue 14) with a stubbed WebAuthn: PublicKeyCredential and
// navigator.credentials are fakes, so these check what the widget asks the browser and the worker, and
// what it shows. The real ceremony (a virtual authenticator in Chromium) is test/e2e/passkeys.e2e.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../widget/src/elements/account-login';
import '../../widget/src/elements/account-profile';
import '../../widget/src/elements/account-signup';
import type { AccountLogin } from '../../widget/src/elements/account-login';
import type { AccountProfile } from '../../widget/src/elements/account-profile';
import type { AccountSignup } from '../../widget/src/elements/account-signup';
import { API, api, calls, customer, field, mount, settle, signedIn, submit, tokens, type, failure } from './helpers';

const b64url = (bytes: number[]) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const buffer = (bytes: number[]) => new Uint8Array(bytes).buffer;
const requestOptions = { challenge: b64url([1, 2, 3, 250]), rpId: 'shop.test', timeout: 300000, userVerification: 'required', allowCredentials: [] };
const creationOptions = {
  challenge: b64url([9, 8, 7]),
  rp: { id: 'shop.test', name: 'Shop' },
  user: { id: b64url([5, 5]), name: customer.email, displayName: 'Dana Demo' },
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  timeout: 300000,
  excludeCredentials: [{ type: 'public-key', id: b64url([4, 4, 4]) }],
  authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
  attestation: 'none',
};
const passkey = (id: number, name: string, extra: object = {}) => ({
  id,
  name,
  date_created: '2026-03-01T10:00:00Z',
  last_used: null,
  device_type: 'multi_device',
  backed_up: true,
  ...extra,
});

/** An assertion as a browser without toJSON() hands it over (binary fields). */
const assertion = () => ({
  id: 'cred-1',
  rawId: buffer([0xfb, 0xff]),
  type: 'public-key',
  authenticatorAttachment: 'platform',
  getClientExtensionResults: () => ({}),
  response: { clientDataJSON: buffer([1]), authenticatorData: buffer([2]), signature: buffer([3]), userHandle: buffer([5, 5]) },
});
const attestation = () => ({
  id: 'cred-2',
  rawId: buffer([7]),
  type: 'public-key',
  authenticatorAttachment: 'platform',
  getClientExtensionResults: () => ({}),
  response: { clientDataJSON: buffer([1]), attestationObject: buffer([8, 9]), getTransports: () => ['internal'] },
});

const credentials = { get: vi.fn(), create: vi.fn() };
/** A PublicKeyCredential without the JSON helpers (the fallback path) unless a test adds them. */
function webauthn(opts: { conditional?: boolean; platform?: boolean } = {}) {
  const PKC = {
    isConditionalMediationAvailable: vi.fn(async () => opts.conditional ?? false),
    isUserVerifyingPlatformAuthenticatorAvailable: vi.fn(async () => opts.platform ?? true),
  };
  vi.stubGlobal('PublicKeyCredential', PKC);
  return PKC as typeof PKC & Record<string, unknown>;
}

beforeEach(() => {
  credentials.get.mockReset();
  credentials.create.mockReset();
  Object.defineProperty(navigator, 'credentials', { value: credentials, configurable: true });
});
afterEach(() => {
  delete (navigator as { credentials?: unknown }).credentials;
});

const mountLogin = () => mount<AccountLogin>(`<account-login api="${API}"></account-login>`);
const mountProfile = () => mount<AccountProfile>(`<account-profile api="${API}"></account-profile>`);
const button = (el: HTMLElement, text: string) => [...el.querySelectorAll('button')].find((b) => b.textContent.trim() === text);
const status = (el: Element) => el.shadowRoot!.querySelector('[part=status]')!.textContent.trim();
const alert = (el: Element) => el.querySelector('.sfa-alert')?.textContent.trim();
const bodyOf = (method: string, path: string) => calls.find((c) => c.method === method && c.path === path)?.body;
const session = { customer, ...tokens };

describe('<account-login> with passkeys', () => {
  it('offers no passkey button and no webauthn autofill where the browser has no WebAuthn', async () => {
    const el = await mountLogin();
    await settle();
    expect(button(el, 'Sign in with a passkey')).toBeUndefined();
    expect(field(el, 'email').getAttribute('autocomplete')).toBe('username');
  });

  it('signs in with the passkey button as a password log-in does (binary ⇄ base64url without the browser helpers)', async () => {
    webauthn();
    api({ 'POST /session/passkey/options': [200, { options: requestOptions }], 'POST /session/passkey': [200, session] });
    credentials.get.mockResolvedValue(assertion());
    const el = await mountLogin();
    await settle();
    const logins: CustomEvent[] = [];
    el.addEventListener('account-login', (e) => logins.push(e));
    button(el, 'Sign in with a passkey')!.click();
    await settle();
    const options = credentials.get.mock.calls[0]![0] as CredentialRequestOptions;
    expect([...(options.publicKey!.challenge as Uint8Array)]).toEqual([1, 2, 3, 250]);
    expect(options.publicKey!.rpId).toBe('shop.test');
    expect(options.mediation).toBe('optional');
    expect(bodyOf('POST', '/session/passkey')).toEqual({
      credential: {
        id: 'cred-1',
        rawId: '-_8',
        type: 'public-key',
        authenticatorAttachment: 'platform',
        clientExtensionResults: {},
        response: { clientDataJSON: 'AQ', authenticatorData: 'Ag', signature: 'Aw', userHandle: 'BQU' },
      },
    });
    expect(logins[0]!.detail.customer.email).toBe(customer.email);
    expect(el.textContent).toContain('Signed in as Dana Demo');
    // A passkey sign-in offers no passkey.
    expect(calls.some((c) => c.path === '/customer/passkeys')).toBe(false);
  });

  it("uses the browser's JSON helpers where it has them", async () => {
    const PKC = webauthn();
    const parsed = { challenge: new Uint8Array([1]) };
    PKC.parseRequestOptionsFromJSON = vi.fn(() => parsed);
    const json = { id: 'cred-1', rawId: 'cred-1', type: 'public-key', response: { clientDataJSON: 'x', authenticatorData: 'y', signature: 'z' } };
    credentials.get.mockResolvedValue({ ...assertion(), toJSON: () => json });
    api({ 'POST /session/passkey/options': [200, { options: requestOptions }], 'POST /session/passkey': [200, session] });
    const el = await mountLogin();
    await settle();
    button(el, 'Sign in with a passkey')!.click();
    await settle();
    expect(PKC.parseRequestOptionsFromJSON).toHaveBeenCalledWith(requestOptions);
    expect((credentials.get.mock.calls[0]![0] as CredentialRequestOptions).publicKey).toBe(parsed);
    expect(bodyOf('POST', '/session/passkey')).toEqual({ credential: json });
  });

  it('passkey autofill: the webauthn token at once, the conditional request when the shopper comes to the form', async () => {
    webauthn({ conditional: true });
    api({ 'POST /session/passkey/options': [200, { options: requestOptions }], 'POST /session/passkey': [200, session] });
    credentials.get.mockResolvedValue(assertion());
    const el = await mountLogin();
    await settle();
    expect(field(el, 'email').getAttribute('autocomplete')).toBe('username webauthn');
    expect(calls.some((c) => c.path.startsWith('/session/passkey'))).toBe(false); // a page view asks nothing
    field(el, 'password').dispatchEvent(new FocusEvent('focusin', { bubbles: true })); // another field: not yet
    await settle();
    expect(credentials.get).not.toHaveBeenCalled();
    field(el, 'email').dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    field(el, 'email').dispatchEvent(new FocusEvent('focusin', { bubbles: true })); // once
    await settle();
    expect(credentials.get).toHaveBeenCalledTimes(1);
    const options = credentials.get.mock.calls[0]![0] as CredentialRequestOptions;
    expect(options.mediation).toBe('conditional');
    expect(options.signal).toBeInstanceOf(AbortSignal);
    expect(el.textContent).toContain('Signed in as Dana Demo');
  });

  it('the button replaces a pending autofill request (aborted first)', async () => {
    webauthn({ conditional: true });
    api({ 'POST /session/passkey/options': [200, { options: requestOptions }], 'POST /session/passkey': [200, session] });
    let conditional: AbortSignal | undefined;
    credentials.get.mockImplementation((o: CredentialRequestOptions) => {
      if (o.mediation !== 'conditional') return Promise.resolve(assertion());
      conditional = o.signal!;
      return new Promise((_, reject) => o.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    });
    const el = await mountLogin();
    await settle();
    field(el, 'email').dispatchEvent(new Event('pointerover', { bubbles: true }));
    await settle();
    expect(conditional?.aborted).toBe(false);
    button(el, 'Sign in with a passkey')!.click();
    await settle();
    expect(conditional!.aborted).toBe(true);
    expect(alert(el)).toBeUndefined();
    expect(el.textContent).toContain('Signed in as Dana Demo');
  });

  it('says so when the passkey was cancelled, or by code when the worker refuses it', async () => {
    webauthn();
    api({ 'POST /session/passkey/options': [200, { options: requestOptions }], 'POST /session/passkey': failure('passkey_unknown') });
    credentials.get.mockRejectedValueOnce(new DOMException('cancelled', 'NotAllowedError'));
    const el = await mountLogin();
    await settle();
    button(el, 'Sign in with a passkey')!.click();
    await settle();
    expect(alert(el)).toBe('The passkey did not work or was cancelled. Try again or use your password.');
    const errors: CustomEvent[] = [];
    el.addEventListener('account-error', (e) => errors.push(e));
    credentials.get.mockResolvedValueOnce(assertion());
    button(el, 'Sign in with a passkey')!.click();
    await settle();
    expect(alert(el)).toMatch(/not registered with this store/);
    expect(errors[0]!.detail.code).toBe('passkey_unknown');
  });

  it('after a password sign-in on a capable device, offers a passkey once; "Not now" is remembered per API base', async () => {
    webauthn({ platform: true });
    api({ 'POST /session': [200, session], 'GET /customer/passkeys': [200, { data: [] }], 'DELETE /session': [204] });
    const el = await mountLogin();
    await settle();
    type(field(el, 'email'), customer.email);
    type(field(el, 'password'), 'a long enough password');
    submit(el.querySelector('form'));
    await settle();
    expect(el.textContent).toContain('create a passkey');
    button(el, 'Not now')!.click();
    await settle();
    expect(el.textContent).not.toContain('create a passkey');
    expect(localStorage.getItem(`storefront-accounts:passkey-offer:${API}`)).toBe('1');

    button(el, 'Sign out')!.click();
    await settle();
    calls.length = 0;
    type(field(el, 'email'), customer.email);
    type(field(el, 'password'), 'a long enough password');
    submit(el.querySelector('form'));
    await settle();
    expect(el.textContent).toContain('Signed in as Dana Demo');
    expect(el.textContent).not.toContain('create a passkey');
    expect(calls.some((c) => c.path === '/customer/passkeys')).toBe(false);
  });

  it('makes no offer on a device without a platform authenticator', async () => {
    webauthn({ platform: false });
    api({ 'POST /session': [200, session], 'GET /customer/passkeys': [200, { data: [passkey(1, 'Phone')] }] });
    const el = await mountLogin();
    await settle();
    type(field(el, 'email'), customer.email);
    type(field(el, 'password'), 'a long enough password');
    submit(el.querySelector('form'));
    await settle();
    expect(el.textContent).not.toContain('create a passkey');
  });

  it('makes no offer to a shopper who has a passkey', async () => {
    webauthn({ platform: true });
    api({ 'POST /session': [200, session], 'GET /customer/passkeys': [200, { data: [passkey(1, 'Phone')] }] });
    const other = await mountLogin();
    await settle();
    type(field(other, 'email'), customer.email);
    type(field(other, 'password'), 'a long enough password');
    submit(other.querySelector('form'));
    await settle();
    expect(calls.some((c) => c.path === '/customer/passkeys')).toBe(true);
    expect(other.textContent).not.toContain('create a passkey');
  });

  it('creates a passkey from the offer (binary ⇄ base64url without the browser helpers)', async () => {
    webauthn({ platform: true });
    api({
      'POST /session': [200, session],
      'GET /customer/passkeys': [200, { data: [] }],
      'POST /customer/passkeys/options': [200, { options: creationOptions }],
      'POST /customer/passkeys': [201, { data: passkey(3, 'Passkey') }],
    });
    credentials.create.mockResolvedValue(attestation());
    const el = await mountLogin();
    await settle();
    type(field(el, 'email'), customer.email);
    type(field(el, 'password'), 'a long enough password');
    submit(el.querySelector('form'));
    await settle();
    const changes: CustomEvent[] = [];
    el.addEventListener('account-change', (e) => changes.push(e));
    button(el, 'Create a passkey')!.click();
    await settle();
    const { publicKey } = credentials.create.mock.calls[0]![0] as CredentialCreationOptions;
    expect([...(publicKey!.challenge as Uint8Array)]).toEqual([9, 8, 7]);
    expect([...(publicKey!.user.id as Uint8Array)]).toEqual([5, 5]);
    expect([...(publicKey!.excludeCredentials![0]!.id as Uint8Array)]).toEqual([4, 4, 4]);
    expect(calls.find((c) => c.path === '/customer/passkeys/options')!.body).toBeUndefined();
    expect(bodyOf('POST', '/customer/passkeys')).toEqual({
      credential: {
        id: 'cred-2',
        rawId: 'Bw',
        type: 'public-key',
        authenticatorAttachment: 'platform',
        clientExtensionResults: {},
        response: { clientDataJSON: 'AQ', attestationObject: 'CAk', transports: ['internal'] },
      },
      locale: 'en',
    });
    expect(changes[0]!.detail.kind).toBe('passkey-added');
    expect(status(el)).toBe('Your passkey is ready.');
    expect(el.textContent).not.toContain('create a passkey');
    expect(localStorage.getItem(`storefront-accounts:passkey-offer:${API}`)).toBe('1');
  });

  it('speaks German', async () => {
    document.documentElement.lang = 'de';
    webauthn();
    const el = await mountLogin();
    await settle();
    expect(button(el, 'Mit Passkey anmelden')).toBeDefined();
  });
});

describe('<account-profile> passkeys', () => {
  const list = [
    passkey(1, 'Laptop', { last_used: '2026-03-05T10:00:00Z' }),
    passkey(2, 'Security key', { device_type: 'single_device', backed_up: false }),
  ];
  const section = (el: HTMLElement) => [...el.querySelectorAll('section')].find((s) => s.querySelector('h3')?.textContent === 'Passkeys')!;

  it('lists the passkeys: name, created, last used, synced or this device only', async () => {
    webauthn();
    api({ ...signedIn(), 'GET /customer/passkeys': [200, { data: list }] });
    const el = await mountProfile();
    const items = [...section(el).querySelectorAll('li')].map((li) => li.textContent.replace(/\s+/g, ' ').trim());
    expect(items[0]).toMatch(/^Laptop Created Mar 1, 2026, last used Mar 5, 2026 · synced/);
    expect(items[1]).toMatch(/^Security key Created Mar 1, 2026, never used · this device only/);
    expect(section(el).querySelector('button[aria-label="Remove Laptop"]')).not.toBeNull();
    expect(button(el, 'Add a passkey')).toBeDefined();
  });

  it('says when this browser cannot create passkeys (the list still shows)', async () => {
    api({ ...signedIn(), 'GET /customer/passkeys': [200, { data: list }] });
    const el = await mountProfile();
    expect(section(el).querySelectorAll('li')).toHaveLength(2);
    expect(button(el, 'Add a passkey')).toBeUndefined();
    expect(section(el).textContent).toContain('This browser cannot create passkeys.');
  });

  it('renames a passkey', async () => {
    webauthn();
    api({
      ...signedIn(),
      'GET /customer/passkeys': [200, { data: list }],
      'PATCH /customer/passkeys/1': [200, { data: { ...list[0], name: 'Work laptop' } }],
    });
    const el = await mountProfile();
    section(el).querySelector<HTMLButtonElement>('button[aria-label="Rename Laptop"]')!.click();
    await settle();
    expect(document.activeElement).toBe(field(el, 'passkey_name'));
    type(field(el, 'passkey_name'), '  ');
    submit(section(el).querySelector('form'));
    await settle();
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
    type(field(el, 'passkey_name'), 'Work laptop');
    submit(section(el).querySelector('form'));
    await settle();
    expect(bodyOf('PATCH', '/customer/passkeys/1')).toEqual({ name: 'Work laptop' });
    expect(section(el).textContent).toContain('Work laptop');
    expect(section(el).querySelector('form')).toBeNull();
  });

  it('removes a passkey; the last way in is refused with its own words (409)', async () => {
    webauthn();
    api({
      ...signedIn(),
      'GET /customer/passkeys': [200, { data: list }],
      'DELETE /customer/passkeys/2': [204],
      'DELETE /customer/passkeys/1': failure('last_sign_in_method'),
    });
    const el = await mountProfile();
    section(el).querySelector<HTMLButtonElement>('button[aria-label="Remove Security key"]')!.click();
    await settle();
    expect(section(el).querySelectorAll('li')).toHaveLength(1);
    expect(status(el)).toBe('Security key was removed.');
    section(el).querySelector<HTMLButtonElement>('button[aria-label="Remove Laptop"]')!.click();
    await settle();
    expect(alert(el)).toMatch(/^This passkey is your only way to sign in/);
    expect(section(el).querySelectorAll('li')).toHaveLength(1);
  });

  it('asks for the current password when the worker wants a recent sign-in, and sends it', async () => {
    webauthn();
    let proof = false;
    api({
      ...signedIn(),
      'GET /customer/passkeys': [200, { data: [] }],
      'POST /customer/passkeys/options': () => (proof ? [200, { options: creationOptions }] : failure('reauthentication_required')),
      'POST /customer/passkeys': [201, { data: passkey(9, 'Passkey') }],
    });
    credentials.create.mockResolvedValue(attestation());
    const el = await mountProfile();
    expect(section(el).textContent).toContain('A passkey lets you sign in');
    button(el, 'Add a passkey')!.click();
    await settle();
    expect(alert(el)).toMatch(/sign in again \(or enter your current password\)/);
    type(field(el, 'passkey_current_password'), 'my current password');
    proof = true;
    button(el, 'Add a passkey')!.click();
    await settle();
    expect(calls.filter((c) => c.path === '/customer/passkeys/options').map((c) => c.body)).toEqual([
      undefined,
      { current_password: 'my current password' },
    ]);
    expect(section(el).querySelectorAll('li')).toHaveLength(1);
    expect(field(el, 'passkey_current_password')).toBeNull();
    expect(status(el)).toBe('Your passkey is ready.');
  });

  it('tells a shopper whose authenticator holds the passkey already', async () => {
    webauthn();
    api({ ...signedIn(), 'GET /customer/passkeys': [200, { data: [] }], 'POST /customer/passkeys/options': [200, { options: creationOptions }] });
    credentials.create.mockRejectedValue(new DOMException('excluded', 'InvalidStateError'));
    const el = await mountProfile();
    button(el, 'Add a passkey')!.click();
    await settle();
    expect(alert(el)).toBe('This passkey is already registered.');
  });
});

describe('<account-signup>: sign up with a passkey (store policy PASSKEY_SIGNUP)', () => {
  const fill = (el: HTMLElement) => {
    type(field(el, 'first_name'), 'Sam');
    type(field(el, 'last_name'), 'Shopper');
    type(field(el, 'email'), 'sam@example.com');
  };
  const mountSignup = async (offered: boolean) => {
    api({ 'GET /form-fields': [200, { customer: [], address: [], sign_up: { passkey: offered } }] });
    const el = await mount<AccountSignup>(`<account-signup api="${API}"></account-signup>`);
    await settle(20);
    return el;
  };

  it('no button where the store does not offer it, or the browser has no WebAuthn', async () => {
    webauthn();
    expect(button(await mountSignup(false), 'Sign up with a passkey')).toBeUndefined();
    vi.unstubAllGlobals();
    expect(button(await mountSignup(true), 'Sign up with a passkey')).toBeUndefined();
  });

  it('sends the form without a password, asks for the code, then creates the passkey; the profile lists it', async () => {
    webauthn();
    const el = await mountSignup(true);
    const passwordless = { ...customer, has_password: false };
    api({
      'POST /customers': [201, { customer: passwordless, verification: 'required' }],
      'POST /session/code/confirm': [200, { customer: { ...passwordless, email_verified: true }, ...tokens }],
      'POST /customer/passkeys/options': [200, { options: creationOptions }],
      'POST /customer/passkeys': [201, { data: passkey(4, 'Passkey') }],
      'GET /customer/passkeys': [200, { data: [passkey(4, 'Passkey')] }],
    });
    credentials.create.mockResolvedValue(attestation());
    fill(el);
    type(field(el, 'password'), 'typed but not wanted');
    button(el, 'Sign up with a passkey')!.click();
    await vi.waitFor(() => expect(el.querySelector('[name=code]')).not.toBeNull());
    const sent = calls.find((c) => c.path === '/customers')!.body as Record<string, unknown>;
    expect(sent).toMatchObject({ email: 'sam@example.com', first_name: 'Sam' });
    expect(sent).not.toHaveProperty('password');
    expect(credentials.create).not.toHaveBeenCalled(); // nothing before the email is proven
    type(field(el, 'code'), '123456');
    submit(el.querySelector('form'));
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/customer/passkeys')).toBe(true));
    expect(credentials.create).toHaveBeenCalledTimes(1);
    expect(calls.find((c) => c.path === '/customer/passkeys/options')!.headers.get('Authorization')).toBe('Bearer access-1');
    const profile = await mountProfile();
    await vi.waitFor(() => expect(profile.textContent).toContain('Passkey'));
  });

  it('the password button still signs up with the password', async () => {
    webauthn();
    const el = await mountSignup(true);
    api({ 'POST /customers': [201, { customer, ...tokens }] });
    fill(el);
    type(field(el, 'password'), 'a long enough password');
    button(el, 'Create account')!.click();
    await settle();
    expect((calls.find((c) => c.path === '/customers')!.body as Record<string, unknown>).password).toBe('a long enough password');
  });
});
