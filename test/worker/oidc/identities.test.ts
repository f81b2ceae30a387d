// Linking a provider from the profile, listing and unlinking identities; the last way to sign in stays.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/api';
import { bearer, PASSWORD, signUp } from '../../helpers/shopper';
import { authorize, callback, configuredProvider, newUser, openLink, signedInCustomer, signInWith, type TestProvider } from './provider';

async function link(
  idp: TestProvider,
  accessToken: string,
  body: Record<string, unknown> = { return_to: '/account/profile', current_password: PASSWORD },
) {
  const res = await call('POST', `/storefront/customer/oidc/${idp.slug}/link`, { headers: bearer(accessToken), body });
  if (res.status !== 200) return { res, result: null };
  // The answer is a one-time URL on the worker: opened by the shopper's browser, it sets the state cookie
  // (binding the attempt to that browser) and sends it on to the provider.
  const opened = await openLink(res.body.authorization_url);
  const back = await authorize(idp, opened.location);
  return { res, opened, result: await callback(back, opened.stateCookie) };
}

describe('OIDC identities on the profile', () => {
  it('links a provider to a password account; the provider then signs that account in', async () => {
    const idp = await configuredProvider();
    const shopper = await signUp();
    idp.user = newUser({ email: 'someone.else@example.com', email_verified: false });
    const { res, opened, result } = await link(idp, shopper.accessToken);
    expect(res.status, res.text).toBe(200);
    expect(res.body.authorization_url).toMatch(/^https:\/\/accounts\.test\/storefront\/oidc\/link\/[\w-]{43}$/);
    expect(opened!.res.status).toBe(302);
    expect(new URL(opened!.location).origin).toBe(idp.issuer);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(result!.status).toBe(302);
    expect(result!.location).toBe(`/account/profile#oidc-linked=${idp.slug}`);

    const list = await call('GET', '/storefront/customer/identities', { headers: bearer(shopper.accessToken) });
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([
      { provider: idp.slug, name: `Test IdP ${idp.slug}`, email: 'someone.else@example.com', date_created: expect.stringMatching(/Z$/) },
    ]);
    expect(list.body.meta).toEqual({ has_password: true });
    expect(list.text).not.toContain(idp.user.sub);

    // The same provider account now signs in as this customer (by subject; the email differs).
    const again = await signInWith(idp, idp.user);
    expect((await signedInCustomer(again.headers))!.id).toBe(shopper.id);
    const events = await env.DB.prepare("SELECT count(*) AS n FROM timeline_events WHERE customer_id = ?1 AND type = 'identity_linked'")
      .bind(shopper.id)
      .first<{ n: number }>();
    expect(events!.n).toBe(1);
  });

  it('refuses to link a provider account that belongs to another customer', async () => {
    const idp = await configuredProvider();
    const owner = newUser();
    expect((await signInWith(idp, owner)).status).toBe(302);
    const shopper = await signUp();
    idp.user = owner;
    const { result } = await link(idp, shopper.accessToken);
    expect(result!.location).toBe('/account/profile#oidc-error=identity_in_use');
    const list = await call('GET', '/storefront/customer/identities', { headers: bearer(shopper.accessToken) });
    expect(list.body.data).toEqual([]);
  });

  it('needs a signed-in shopper, a known provider and a same-site return URL', async () => {
    const idp = await configuredProvider();
    expect((await call('POST', `/storefront/customer/oidc/${idp.slug}/link`, { body: {} })).status).toBe(401);
    const shopper = await signUp();
    // A password given is checked (a session without a recent sign-in must give it: test/worker/security/oidc-linking.test.ts).
    const wrong = await call('POST', `/storefront/customer/oidc/${idp.slug}/link`, {
      headers: bearer(shopper.accessToken),
      body: { current_password: 'not-the-password' },
    });
    expect(wrong.status).toBe(422);
    const pw = { current_password: PASSWORD };
    const unknown = await call('POST', '/storefront/customer/oidc/nope/link', { headers: bearer(shopper.accessToken), body: pw });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ status: 404, code: 'unknown_provider' });
    const offSite = await call('POST', `/storefront/customer/oidc/${idp.slug}/link`, {
      headers: bearer(shopper.accessToken),
      body: { ...pw, return_to: 'https://evil.example/' },
    });
    expect(offSite.status).toBe(422);
    expect(offSite.body.code).toBe('invalid_return_to');
    const noReturn = await call('POST', `/storefront/customer/oidc/${idp.slug}/link`, { headers: bearer(shopper.accessToken), body: pw });
    expect(noReturn.status, noReturn.text).toBe(200);
  });

  it('unlinks a provider, but never the last way to sign in of an account without a password', async () => {
    const google = await configuredProvider();
    const okta = await configuredProvider();
    const user = newUser();
    const first = await signInWith(google, user);
    const refreshed = await call('POST', '/storefront/session/refresh', {
      headers: {
        Cookie: first.headers
          .getSetCookie()
          .find((c) => c.startsWith('sfa_refresh='))!
          .split(';')[0]!,
      },
    });
    const token = refreshed.body.access_token as string;
    const me = (await call('GET', '/storefront/customer', { headers: bearer(token) })).body.customer;

    const last = await call('DELETE', `/storefront/customer/identities/${google.slug}`, { headers: bearer(token) });
    expect(last.status).toBe(409);
    expect(last.body).toMatchObject({ status: 409, title: expect.stringMatching(/only way to sign in/) });

    okta.user = newUser();
    const { result } = await link(okta, token);
    expect(result!.location).toBe(`/account/profile#oidc-linked=${okta.slug}`);
    expect((await call('GET', '/storefront/customer/identities', { headers: bearer(token) })).body.meta).toEqual({ has_password: false });

    expect((await call('DELETE', `/storefront/customer/identities/${google.slug}`, { headers: bearer(token) })).status).toBe(204);
    expect((await call('DELETE', `/storefront/customer/identities/${google.slug}`, { headers: bearer(token) })).status).toBe(404);
    expect((await call('DELETE', `/storefront/customer/identities/${okta.slug}`, { headers: bearer(token) })).status).toBe(409);
    const list = await call('GET', '/storefront/customer/identities', { headers: bearer(token) });
    expect(list.body.data.map((i: any) => i.provider)).toEqual([okta.slug]);
    // Google now finds no link: with its verified email it links again to the same customer.
    expect((await signedInCustomer((await signInWith(google, user)).headers))!.id).toBe(me.id);
  });

  it('a password account may unlink its only provider', async () => {
    const idp = await configuredProvider();
    const shopper = await signUp();
    idp.user = newUser();
    await link(idp, shopper.accessToken);
    expect((await call('DELETE', `/storefront/customer/identities/${idp.slug}`, { headers: bearer(shopper.accessToken) })).status).toBe(204);
    expect((await call('GET', '/storefront/customer/identities', { headers: bearer(shopper.accessToken) })).body.data).toEqual([]);
  });

  it('erasing the account removes its links', async () => {
    const idp = await configuredProvider();
    const user = newUser();
    const res = await signInWith(idp, user);
    const me = (await signedInCustomer(res.headers))!;
    await env.DB.prepare('DELETE FROM customers WHERE id = ?1').bind(me.id).run();
    const links = await env.DB.prepare('SELECT count(*) AS n FROM customer_identities WHERE customer_id = ?1').bind(me.id).first<{ n: number }>();
    expect(links!.n).toBe(0);
  });
});
