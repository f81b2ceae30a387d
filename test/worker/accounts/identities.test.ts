// accounts/identities.ts against real D1: Customer Login SSO (who may be signed in; each jti once),
// Current Customer (a live token or a live refresh cookie), unlinking a provider (never the last way in).
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createCustomers } from '../../../worker/src/accounts/customers';
import { currentCustomer, loginTokenSubject } from '../../../worker/src/accounts/app-identities';
import { oidcSignIn, unlinkIdentity } from '../../../worker/src/accounts/identities';
import type { IDToken } from 'oauth4webapi';
import { findAccountByEmail } from '../../../worker/src/db/customers';
import type { OidcProviderRow } from '../../../worker/src/db/oidc';
import { signOutEverywhere, startSession } from '../../../worker/src/accounts/sessions';
import { findLiveShopper } from '../../../worker/src/accounts/shoppers';
import { ApiError } from '../../../worker/src/errors';
import { randomIp, uniqueEmail } from '../../helpers/api';
import { PASSWORD } from '../../helpers/shopper';

const staff = { kind: 'admin', actor: { type: 'staff', name: 'test' } } as const;
const later = '2999-01-01T00:00:00Z';

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApiError) return err.code;
    throw err;
  }
  return 'fulfilled';
}

describe('loginTokenSubject', () => {
  it('signs a customer in once per jti, and refuses unknown customers, forced resets and foreign channels without burning the jti', async () => {
    const [subject] = await createCustomers(env, [{ email: uniqueEmail('sso'), first_name: 'S', last_name: 'So', channel_ids: [1] }], staff);
    const token = { clientId: `client-${crypto.randomUUID()}`, jti: crypto.randomUUID(), customerId: subject!.id, jtiExpiresAt: later };
    expect(await code(loginTokenSubject(env, { ...token, customerId: 99_999_999 }))).toBe('customer_not_found');
    expect(await code(loginTokenSubject(env, { ...token, channelId: 2 }))).toBe('channel_forbidden');
    expect((await loginTokenSubject(env, token)).id).toBe(subject!.id);
    expect(await code(loginTokenSubject(env, token))).toBe('login_token_used');
    await env.DB.prepare('UPDATE customers SET force_password_reset = 1 WHERE id = ?1').bind(subject!.id).run();
    expect(await code(loginTokenSubject(env, { ...token, jti: crypto.randomUUID() }))).toBe('password_reset_required');
  });
});

describe('currentCustomer', () => {
  it('names the customer of a live access token or refresh token; revoked tokens and guests are refused', async () => {
    const [subject] = await createCustomers(env, [{ email: uniqueEmail('current'), first_name: 'C', last_name: 'Ur' }], staff);
    const session = await startSession(env, subject!, { ip: randomIp() });
    const claims = { customerId: subject!.id, tokenVersion: 0, groupId: 0 };
    expect((await currentCustomer(env, { claims })).id).toBe(subject!.id);
    expect((await currentCustomer(env, { refreshToken: session.refresh.token })).id).toBe(subject!.id);
    expect(await code(currentCustomer(env, {}))).toBe('no_current_customer');
    await signOutEverywhere(env, (await findLiveShopper(env.DB, subject!.id, 0))!);
    expect(await code(currentCustomer(env, { claims }))).toBe('token_revoked');
    expect(await code(currentCustomer(env, { refreshToken: session.refresh.token }))).toBe('no_current_customer');
  });
});

describe('unlinkIdentity', () => {
  it('never removes the last way in of an account without a password; a password account may unlink its only provider', async () => {
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const slug = `idp-${crypto.randomUUID().slice(0, 8)}`;
    await env.DB.prepare(
      "INSERT INTO oidc_providers (slug, name, issuer, client_id, client_secret_env, token_endpoint_auth_method, scopes, enabled, sort_order, date_created, date_modified) VALUES (?1, 'IdP', 'https://idp.test', 'c', 'X', 'none', 'openid', 1, 0, ?2, ?2)",
    )
      .bind(slug, now)
      .run();
    const [noPassword] = await createCustomers(env, [{ email: uniqueEmail('linked'), first_name: 'L', last_name: 'In' }], {
      kind: 'oidc',
      channelId: 1,
      identity: { provider: slug, issuer: 'https://idp.test', subject: crypto.randomUUID() },
    });
    // Signed in just now: removing a way in needs a recent sign-in (accounts/sign-in-methods.ts).
    const recent = Math.floor(Date.now() / 1000);
    const shopper = { ...(await findLiveShopper(env.DB, noPassword!.id, 0))!, authTime: recent };
    expect(await code(unlinkIdentity(env, shopper, slug))).toBe('last_sign_in_method');
    expect(await code(unlinkIdentity(env, shopper, 'not-linked'))).toBe('identity_not_linked');

    const [withPassword] = await createCustomers(
      env,
      [{ email: uniqueEmail('linked'), first_name: 'L', last_name: 'In', password: PASSWORD }],
      staff,
    );
    await env.DB.prepare('INSERT INTO customer_identities (provider, subject, customer_id, email, date_created) VALUES (?1, ?2, ?3, ?4, ?5)')
      .bind(slug, crypto.randomUUID(), withPassword!.id, '', now)
      .run();
    await unlinkIdentity(env, { ...(await findLiveShopper(env.DB, withPassword!.id, 0))!, authTime: recent }, slug);
    const events = await env.DB.prepare("SELECT count(*) AS n FROM timeline_events WHERE customer_id = ?1 AND type = 'identity_unlinked'")
      .bind(withPassword!.id)
      .first<{ n: number }>();
    expect(events!.n).toBe(1);
  });
});

describe('OpenID Connect sign-in when the store requires confirmed emails (EMAIL_VERIFICATION=required)', () => {
  const required = { ...env, EMAIL_VERIFICATION: 'required' };
  const provider = { slug: 'acme-required', issuer: 'https://acme-required.test' } as OidcProviderRow;
  const place = { ownOrigin: 'https://accounts.test', returnTo: '/' };
  const claims = (sub: string, email: string, verified: boolean) => ({ sub, email, email_verified: verified }) as unknown as IDToken;

  it('creates no account from an email the provider did not verify', async () => {
    const email = uniqueEmail('oidc-unverified');
    await expect(oidcSignIn(required, provider, claims(crypto.randomUUID(), email, false), place)).rejects.toMatchObject({
      code: 'email_unverified',
    });
    expect(await findAccountByEmail(env.DB, email)).toBeNull();
  });

  it('starts no session through a linked provider for an account whose email is not confirmed', async () => {
    const email = uniqueEmail('oidc-linked');
    const sub = crypto.randomUUID();
    const [created] = await createCustomers(env, [{ email, first_name: 'Li', last_name: 'Nked' }], {
      kind: 'oidc',
      channelId: 1,
      identity: { provider: provider.slug, issuer: provider.issuer, subject: sub },
      emailVerified: false,
    });
    await expect(oidcSignIn(required, provider, claims(sub, email, false), place)).rejects.toMatchObject({ code: 'email_unverified' });
    // The same account signs in where the store does not require confirmed emails.
    expect((await oidcSignIn(env, provider, claims(sub, email, false), place)).id).toBe(created!.id);
  });
});
