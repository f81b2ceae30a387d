// Issue 13, items 1 and 2: changing a shopper's ways in needs fresh proof, and a link attempt is bound to
// the browser that asked for it. Each case failed before the fix:
// - an access token without a recent sign-in linked and unlinked providers (now 403 reauthentication_required);
// - the link URL (the provider's) worked in anyone's browser: a victim signed in at the provider who
//   opened it linked their provider account to the sender's account (now refused at the callback);
// - there was no one-time URL on the worker;
// - the owner got no mail when a way in was added or removed.
import { env } from 'cloudflare:test';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { BASE, call } from '../../helpers/api';
import { bearer, cookie, PASSWORD, refreshCookieOf, signUp, staleToken } from '../../helpers/shopper';
import { authorize, callback, configuredProvider, newUser, openLink, signInWith, type TestProvider } from '../oidc/provider';

/** A provider-only shopper (signed in with `idp`) and their live refresh token. */
async function providerShopper(idp: TestProvider) {
  const user = newUser();
  const res = await signInWith(idp, user);
  const id = (await env.DB.prepare('SELECT customer_id FROM customer_identities WHERE subject = ?1').bind(user.sub).first<{ customer_id: number }>())!
    .customer_id;
  return { user, me: { id }, refresh: refreshCookieOf(res.headers) };
}

const linkCall = (slug: string, token: string, body: Record<string, unknown> = { return_to: '/account/profile' }) =>
  call('POST', `/storefront/customer/oidc/${slug}/link`, { headers: bearer(token), body });

const identitiesOf = async (customerId: number) =>
  (
    await env.DB.prepare('SELECT provider FROM customer_identities WHERE customer_id = ?1 ORDER BY provider')
      .bind(customerId)
      .all<{ provider: string }>()
  ).results.map((r) => r.provider);

const mailsTo = async (email: string, kind: string) =>
  (
    await env.DB.prepare('SELECT subject, text_body FROM mail_outbox WHERE to_email = ?1 AND kind = ?2')
      .bind(email, kind)
      .all<{ subject: string; text_body: string }>()
  ).results;

describe('OIDC linking needs a recent sign-in (issue 13, item 1)', () => {
  it('a token without a recent sign-in cannot link or unlink (403 reauthentication_required)', async () => {
    const google = await configuredProvider();
    const okta = await configuredProvider();
    const { me } = await providerShopper(google);
    const stale = await staleToken(me.id);

    const linking = await linkCall(okta.slug, stale);
    expect(linking.status, linking.text).toBe(403);
    expect(linking.body.code).toBe('reauthentication_required');

    // Give the account a second way in directly, so unlinking is otherwise allowed.
    await env.DB.prepare(
      "INSERT INTO customer_identities (provider, subject, customer_id, email, date_created) VALUES (?1, ?2, ?3, '', '2024-01-01T00:00:00Z')",
    )
      .bind(okta.slug, crypto.randomUUID(), me.id)
      .run()
      .catch(async () =>
        // Newer schemas key links with the issuer too.
        env.DB.prepare(
          "INSERT INTO customer_identities (provider, issuer, subject, customer_id, email, date_created) VALUES (?1, ?2, ?3, ?4, '', '2024-01-01T00:00:00Z')",
        )
          .bind(okta.slug, okta.issuer, crypto.randomUUID(), me.id)
          .run(),
      );
    const unlinking = await call('DELETE', `/storefront/customer/identities/${okta.slug}`, { headers: bearer(stale) });
    expect(unlinking.status, unlinking.text).toBe(403);
    expect(unlinking.body.code).toBe('reauthentication_required');
    expect(await identitiesOf(me.id)).toEqual([google.slug, okta.slug].sort());
  });

  it('keeps the sign-in time across refresh rotation: a fresh sign-in may link, an old one may not', async () => {
    const google = await configuredProvider();
    const okta = await configuredProvider();
    const { me, refresh } = await providerShopper(google);
    const first = await call('POST', '/storefront/session/refresh', { headers: cookie(refresh) });
    expect(first.status).toBe(200);
    const authTime = decodeJwt(first.body.access_token as string).auth_time;
    expect(typeof authTime).toBe('number');
    const second = await call('POST', '/storefront/session/refresh', { headers: cookie(refreshCookieOf(first.headers)) });
    expect(decodeJwt(second.body.access_token as string).auth_time).toBe(authTime);
    expect((await linkCall(okta.slug, second.body.access_token as string)).status).toBe(200);

    // The same session, signed in an hour ago: its refreshed tokens carry that time and may not.
    await env.DB.prepare('UPDATE refresh_sessions SET auth_time = auth_time - 3600 WHERE customer_id = ?1').bind(me.id).run();
    const later = await call('POST', '/storefront/session/refresh', { headers: cookie(refreshCookieOf(second.headers)) });
    const refused = await linkCall(okta.slug, later.body.access_token as string);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('reauthentication_required');
  });

  it('a password account without a recent sign-in confirms with its current password', async () => {
    const idp = await configuredProvider();
    const shopper = await signUp();
    const stale = await staleToken(shopper.id);
    const refused = await linkCall(idp.slug, stale);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('reauthentication_required');
    expect((await linkCall(idp.slug, stale, { current_password: 'not-the-password' })).status).toBe(422);
    expect((await linkCall(idp.slug, stale, { current_password: PASSWORD })).status).toBe(200);
  });
});

describe('OIDC linking is bound to the browser that asked (issue 13, item 2)', () => {
  it('refuses at the callback a link URL opened in another browser (no state cookie)', async () => {
    const idp = await configuredProvider();
    const attacker = await signUp();
    const res = await linkCall(idp.slug, attacker.accessToken, { return_to: '/account/profile', current_password: PASSWORD });
    expect(res.status).toBe(200);
    const url = res.body.authorization_url as string;
    // The attacker follows it as far as the provider and sends the victim the provider URL.
    const providerUrl = url.startsWith(idp.issuer) ? url : (await openLink(url)).location;
    expect(providerUrl.startsWith(idp.issuer)).toBe(true);
    const victim = newUser();
    idp.user = victim;
    const result = await callback(await authorize(idp, providerUrl)); // the victim's browser: no state cookie
    expect(result.location).toBe('/account/profile#oidc-error=invalid_state');
    expect(await identitiesOf(attacker.id)).toEqual([]);
  });

  it('answers a one-time URL on the worker that works once', async () => {
    const idp = await configuredProvider();
    const shopper = await signUp();
    const res = await linkCall(idp.slug, shopper.accessToken, { return_to: '/account/profile' });
    expect(res.status).toBe(200);
    const url = res.body.authorization_url as string;
    expect(url.startsWith(`${BASE}/storefront/oidc/link/`)).toBe(true);

    const opened = await openLink(url);
    expect(opened.res.status).toBe(302);
    expect(opened.location.startsWith(idp.issuer)).toBe(true);
    expect(opened.stateCookie).toBe(new URL(opened.location).searchParams.get('state'));

    const again = await openLink(url);
    expect(again.res.status).toBe(302);
    expect(again.location).toMatch(/^[^#]*#oidc-error=invalid_state$/);
    expect(again.location.startsWith(idp.issuer)).toBe(false);
    expect(again.stateCookie).toBeUndefined();

    idp.user = newUser();
    const result = await callback(await authorize(idp, opened.location), opened.stateCookie);
    expect(result.location).toBe(`/account/profile#oidc-linked=${idp.slug}`);
    expect(await identitiesOf(shopper.id)).toEqual([idp.slug]);
  });
});

describe('the owner hears of every way in added or removed (issue 13, item 1)', () => {
  it('mails the owner on link and on unlink, in their language', async () => {
    const idp = await configuredProvider();
    const shopper = await signUp();
    const res = await linkCall(idp.slug, shopper.accessToken, { return_to: '/account/profile', current_password: PASSWORD });
    const url = res.body.authorization_url as string;
    const opened = url.startsWith(idp.issuer) ? { location: url, stateCookie: undefined } : await openLink(url);
    idp.user = newUser();
    const result = await callback(await authorize(idp, opened.location), opened.stateCookie, { 'Accept-Language': 'de-DE,de;q=0.9' });
    expect(result.location).toBe(`/account/profile#oidc-linked=${idp.slug}`);
    const linked = await mailsTo(shopper.email, 'identity_linked');
    expect(linked).toHaveLength(1);
    expect(linked[0]!.subject).toBe('Ihrem Konto wurde eine Anmeldemethode hinzugefügt');
    expect(linked[0]!.text_body).toContain(`Test IdP ${idp.slug}`);

    expect((await call('DELETE', `/storefront/customer/identities/${idp.slug}`, { headers: bearer(shopper.accessToken) })).status).toBe(204);
    const unlinked = await mailsTo(shopper.email, 'identity_unlinked');
    expect(unlinked).toHaveLength(1);
    expect(unlinked[0]!.subject).toBe('A sign-in method was removed from your account');
  });
});
