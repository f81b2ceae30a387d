// Passkey flows through the worker with the software authenticator (test/helpers/webauthn.ts): options,
// registration and sign-in as the widget calls them, carrying the `sfa_webauthn` browser cookie.
import { BASE, call } from './api';
import { type CeremonyOverrides, SoftAuthenticator } from './webauthn';

/** The storefront origin of the tests: the worker's own (trusted with DEMO=true), so the relying party is its host. */
export const ORIGIN = BASE;
export const RP_ID = new URL(BASE).hostname;

/** The `sfa_webauthn` cookie a response set. */
export function webauthnCookieOf(headers: Headers): string {
  const cookie = headers.getSetCookie().find((c) => c.startsWith('sfa_webauthn='));
  if (!cookie) throw new Error(`no sfa_webauthn cookie in ${JSON.stringify(headers.getSetCookie())}`);
  return cookie.split(';')[0]!.slice('sfa_webauthn='.length);
}

export const browserHeaders = (browser?: string, token?: string): Record<string, string> => ({
  Origin: ORIGIN,
  ...(browser ? { Cookie: `sfa_webauthn=${browser}` } : {}),
  ...(token ? { Authorization: `Bearer ${token}` } : {}),
});

export function registrationOptions(token: string, browser?: string, body?: unknown) {
  return call('POST', '/storefront/customer/passkeys/options', { headers: browserHeaders(browser, token), body });
}

export function postPasskey(token: string, browser: string | undefined, credential: unknown, name?: string) {
  return call('POST', '/storefront/customer/passkeys', { headers: browserHeaders(browser, token), body: { credential, ...(name ? { name } : {}) } });
}

/** Registers a new passkey (a fresh software authenticator unless given) for the shopper of `token`. */
export async function addPasskey(token: string, over: { authenticator?: SoftAuthenticator; name?: string; ceremony?: CeremonyOverrides } = {}) {
  const authenticator = over.authenticator ?? (await SoftAuthenticator.create());
  const options = await registrationOptions(token);
  if (options.status !== 200) throw new Error(`registration options failed ${options.status}: ${options.text}`);
  const browser = webauthnCookieOf(options.headers);
  const credential = await authenticator.register(options.body.options, over.ceremony);
  const res = await postPasskey(token, browser, credential, over.name);
  return { authenticator, browser, options: options.body.options, res };
}

export function signInOptions(browser?: string) {
  return call('POST', '/storefront/session/passkey/options', { headers: browserHeaders(browser) });
}

export function postSignIn(browser: string | undefined, credential: unknown) {
  return call('POST', '/storefront/session/passkey', { headers: browserHeaders(browser), body: { credential } });
}

/** Options, then the authenticator's assertion, then the sign-in: the sign-in's response. */
export async function passkeySignIn(authenticator: SoftAuthenticator, over: CeremonyOverrides = {}) {
  const options = await signInOptions();
  if (options.status !== 200) throw new Error(`sign-in options failed ${options.status}: ${options.text}`);
  const browser = webauthnCookieOf(options.headers);
  return postSignIn(browser, await authenticator.assert(options.body.options, over));
}
