// What a revocation must outlast: every customer route refusing a token from before "log out
// everywhere" (and writing nothing), a refresh racing it, reset links mailed before a password or email
// change, order-claim codes requested in a loop, an email change without a password.
import { changeEmail } from '../../helpers/email-codes';
import { mailsTo, waitForMail } from '../../helpers/email-verified';
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../worker/src/auth/crypto';
import { rotateRefreshTokenStatements } from '../../../worker/src/db/refresh-sessions';
import storefront from '../../../worker/src/routes/storefront';
import { STOREFRONT_GROUPS } from '../../../worker/src/routes/storefront/groups';
import { call, inOneWindow, uniqueEmail } from '../../helpers/api';
import { bearer, cookie, logIn, PASSWORD, signUp } from '../../helpers/shopper';

/**
 * Every route that acts for a signed-in shopper, with a body it would accept: each must be behind the
 * live-shopper check. `:address` and `:order` are replaced by the shopper's own records.
 */
const SHOPPER_ROUTES: { method: string; path: string; body?: unknown }[] = [
  { method: 'GET', path: '/storefront/customer' },
  { method: 'PATCH', path: '/storefront/customer', body: { first_name: 'Mallory' } },
  { method: 'DELETE', path: '/storefront/customer', body: { current_password: PASSWORD } },
  { method: 'POST', path: '/storefront/customer/password', body: { current_password: PASSWORD, new_password: 'a-new-password-for-mallory' } },
  { method: 'POST', path: '/storefront/customer/email/confirm', body: { code: '123456' } },
  { method: 'GET', path: '/storefront/customer/addresses' },
  {
    method: 'POST',
    path: '/storefront/customer/addresses',
    body: { first_name: 'M', last_name: 'Allory', address1: '1 Elsewhere', city: 'Berlin', postal_code: '10115', country_code: 'DE' },
  },
  { method: 'PATCH', path: '/storefront/customer/addresses/:address', body: { city: 'Hamburg', postal_code: '20095' } },
  { method: 'DELETE', path: '/storefront/customer/addresses/:address' },
  { method: 'GET', path: '/storefront/customer/orders' },
  { method: 'GET', path: '/storefront/customer/orders/:order' },
  { method: 'POST', path: '/storefront/customer/orders/claim' },
  { method: 'POST', path: '/storefront/customer/orders/claim/confirm', body: { code: '123456' } },
  { method: 'GET', path: '/storefront/customer/consents' },
  { method: 'PUT', path: '/storefront/customer/consents', body: { consents: ['marketing_newsletter'] } },
  { method: 'GET', path: '/storefront/customer/metafields' },
  { method: 'PUT', path: '/storefront/customer/metafields/:metafield', body: { value: 'Mallory' } },
  { method: 'POST', path: '/storefront/customer/oidc/some-provider/link', body: { current_password: PASSWORD } },
  { method: 'GET', path: '/storefront/customer/identities' },
  { method: 'DELETE', path: '/storefront/customer/identities/some-provider' },
  { method: 'POST', path: '/storefront/customer/passkeys/options' },
  { method: 'GET', path: '/storefront/customer/passkeys' },
  {
    method: 'POST',
    path: '/storefront/customer/passkeys',
    body: { credential: { id: 'x', rawId: 'x', type: 'public-key', response: { clientDataJSON: 'e30', attestationObject: 'oA' } } },
  },
  { method: 'PATCH', path: '/storefront/customer/passkeys/:passkey', body: { name: 'Mallory' } },
  { method: 'DELETE', path: '/storefront/customer/passkeys/:passkey' },
  { method: 'DELETE', path: '/storefront/sessions' },
  { method: 'POST', path: '/dev/orders', body: { items: [{ name: 'Mug', quantity: 1, price: '5.00' }] } },
];

/** Everything a shopper's request could have written, for one customer. */
async function footprint(id: number, email: string) {
  const count = async (sql: string, ...params: unknown[]) =>
    (await env.DB.prepare(sql)
      .bind(...params)
      .first<{ n: number }>())!.n;
  return {
    customer: await env.DB.prepare('SELECT * FROM customers WHERE id = ?1').bind(id).first(),
    addresses: await env.DB.prepare('SELECT * FROM customer_addresses WHERE customer_id = ?1 ORDER BY id')
      .bind(id)
      .all()
      .then((r) => r.results),
    timeline: await count('SELECT count(*) AS n FROM timeline_events WHERE customer_id = ?1', id),
    liveSessions: await count('SELECT count(*) AS n FROM refresh_sessions WHERE customer_id = ?1 AND revoked_at IS NULL', id),
    sessions: await count('SELECT count(*) AS n FROM refresh_sessions WHERE customer_id = ?1', id),
    claimCodes: await count('SELECT count(*) AS n FROM order_claim_codes WHERE customer_id = ?1', id),
    orders: await count('SELECT count(*) AS n FROM orders WHERE customer_id = ?1 OR email = ?2', id, email),
    subscribers: await count('SELECT count(*) AS n FROM subscribers WHERE email = ?1', email),
    identities: await count('SELECT count(*) AS n FROM customer_identities WHERE customer_id = ?1', id),
    linkStates: await count('SELECT count(*) AS n FROM oidc_states WHERE link_customer_id = ?1', id),
    passkeys: await count('SELECT count(*) AS n FROM passkeys WHERE customer_id = ?1', id),
    webauthnChallenges: await count('SELECT count(*) AS n FROM webauthn_challenges WHERE customer_id = ?1', id),
    formFields: await count('SELECT count(*) AS n FROM customer_form_field_values WHERE customer_id = ?1', id),
    metafields: await env.DB.prepare('SELECT * FROM customer_metafields WHERE customer_id = ?1 ORDER BY id')
      .bind(id)
      .all()
      .then((r) => r.results),
    mail: await count('SELECT count(*) AS n FROM mail_outbox WHERE to_email = ?1', email),
  };
}

describe('a token from before "log out everywhere"', () => {
  it('the table names every customer route of the storefront API (the core and the groups that load on their own)', async () => {
    const groups = await Promise.all(STOREFRONT_GROUPS.map((g) => g.load()));
    const mounted = new Set(
      [storefront, ...groups]
        .flatMap((app) => app.routes)
        .filter((r) => r.method !== 'ALL' && (r.path === '/customer' || r.path.startsWith('/customer/')))
        .map((r) => `${r.method} /storefront${r.path}`),
    );
    const pattern = (path: string) =>
      path
        .replace(':address', ':id{[0-9]+}')
        .replace(':order', ':id')
        .replace(':passkey', ':id{[0-9]+}')
        .replace(':metafield', ':id{[0-9]+}')
        .replace('/some-provider/', '/:provider/')
        .replace(/\/some-provider$/, '/:provider');
    const listed = new Set(SHOPPER_ROUTES.filter((r) => r.path.startsWith('/storefront/customer')).map((r) => `${r.method} ${pattern(r.path)}`));
    expect([...listed].sort()).toEqual([...mounted].sort());
  });

  it('is refused on every shopper route with token_revoked and WWW-Authenticate, and nothing is written', async () => {
    const s = await signUp();
    await waitForMail(s.email, 'email_code_verify'); // sign-up's mail lands after its response: not part of what follows
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const address = await env.DB.prepare(
      "INSERT INTO customer_addresses (customer_id, first_name, last_name, address1, city, postal_code, country_code, date_created, date_modified) VALUES (?1, 'Sam', 'Shopper', '12 Example Street', 'Berlin', '10115', 'DE', ?2, ?2) RETURNING id",
    )
      .bind(s.id, now)
      .first<{ id: number }>();
    const metafield = await env.DB.prepare(
      "INSERT INTO customer_metafields (customer_id, namespace, key, value, permission_set, date_created, date_modified) VALUES (?1, 'Loyalty', 'size', '42', 'write_and_sf_access', ?2, ?2) RETURNING id",
    )
      .bind(s.id, now)
      .first<{ id: number }>();
    const order = await call('POST', '/dev/orders', {
      headers: bearer(s.accessToken),
      body: { items: [{ name: 'Mug', quantity: 1, price: '5.00' }] },
    });
    expect(order.status).toBe(201);
    // A guest order with the account's email: what a claim would attach.
    expect((await call('POST', '/dev/orders', { body: { email: s.email, items: [{ name: 'Pen', quantity: 1, price: '2.00' }] } })).status).toBe(201);
    expect((await call('DELETE', '/storefront/sessions', { headers: bearer(s.accessToken) })).status).toBe(204);
    const before = await footprint(s.id, s.email);

    for (const route of SHOPPER_ROUTES) {
      const path = route.path
        .replace(':address', String(address!.id))
        .replace(':order', String(order.body.data.id))
        .replace(':passkey', '1')
        .replace(':metafield', String(metafield!.id));
      const res = await call(route.method, path, { headers: bearer(s.accessToken), body: route.body });
      const what = `${route.method} ${route.path}`;
      expect(res.status, what).toBe(401);
      expect(res.body?.code, what).toBe('token_revoked');
      expect(res.headers.get('WWW-Authenticate'), what).toBe('Bearer error="invalid_token"');
    }
    expect(await footprint(s.id, s.email)).toEqual(before);
  });
});

/** A new reset link for `email`: the mail is sent after the response (waitUntil), so wait for it to land. */
async function resetLink(email: string): Promise<string> {
  const before = (await mailsTo(email, 'password_reset')).length;
  await call('POST', '/storefront/password-reset', { body: { email } });
  for (let waited = 0; ; waited += 25) {
    const mails = await mailsTo(email, 'password_reset');
    if (mails.length > before) return /#reset-password=([\w-]+)/.exec(mails[0]!.text)![1]!;
    if (waited > 5000) throw new Error(`no reset mail to ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('refresh racing a revocation', () => {
  it('a rotation is one batch: only the claim that won stores a successor, and a revoked token stores none', async () => {
    const s = await signUp();
    const tokenHash = await sha256Hex(s.refreshCookie);
    const rotate = async (successor: string) => {
      const [claim, insert] = await env.DB.batch(
        rotateRefreshTokenStatements(env.DB, {
          tokenHash,
          successorHash: await sha256Hex(successor),
          idleExpiresAt: '2099-01-01T00:00:00Z',
          userAgent: '',
          ip: '',
        }),
      );
      return { claimed: claim!.results.length, stored: insert!.meta.changes };
    };
    // Two refreshes with one token, one after the other as D1 serialises them: the second claims nothing
    // and stores nothing (before the successor was conditional on its own claim, a same-second claim could match).
    expect(await rotate('first-successor')).toEqual({ claimed: 1, stored: 1 });
    expect(await rotate('second-successor')).toEqual({ claimed: 0, stored: 0 });
    const other = await signUp();
    expect((await call('DELETE', '/storefront/sessions', { headers: bearer(other.accessToken) })).status).toBe(204);
    const [claim, insert] = await env.DB.batch(
      rotateRefreshTokenStatements(env.DB, {
        tokenHash: await sha256Hex(other.refreshCookie),
        successorHash: await sha256Hex('after-revocation'),
        idleExpiresAt: '2099-01-01T00:00:00Z',
        userAgent: '',
        ip: '',
      }),
    );
    expect([claim!.results.length, insert!.meta.changes]).toEqual([0, 0]);
  });

  it('many refreshes racing log-out-everywhere: no refresh token handed out survives it', async () => {
    for (let round = 0; round < 5; round++) {
      const s = await signUp();
      const [refresh] = await Promise.all([
        call('POST', '/storefront/session/refresh', { headers: cookie(s.refreshCookie) }),
        call('DELETE', '/storefront/sessions', { headers: bearer(s.accessToken) }),
      ]);
      const handedOut = refresh.headers.getSetCookie().find((c) => /^sfa_refresh=[^;]+/.test(c) && !/Max-Age=0/.test(c));
      if (refresh.status === 200 && handedOut) {
        const token = handedOut.split(';')[0]!.slice('sfa_refresh='.length);
        const later = await call('POST', '/storefront/session/refresh', { headers: cookie(token) });
        const me = await call('GET', '/storefront/customer', { headers: bearer(refresh.body.access_token) });
        // Either the refresh happened before the revocation (then both die with it) …
        expect(later.status, `round ${round}`).toBe(401);
        expect(me.status, `round ${round}`).toBe(401);
      }
    }
  });
});

describe('reset links', () => {
  it('die when the password changes', async () => {
    const s = await signUp();
    const token = await resetLink(s.email);
    expect(
      (
        await call('POST', '/storefront/customer/password', {
          headers: bearer(s.accessToken),
          body: { current_password: PASSWORD, new_password: 'changed-in-the-profile' },
        })
      ).status,
    ).toBe(200);
    expect((await call('POST', '/storefront/password-reset/confirm', { body: { token, new_password: 'attacker-choice-123' } })).status).toBe(422);
  });

  it('die when the email changes, and a second reset kills the first link', async () => {
    const s = await signUp();
    const first = await resetLink(s.email);
    const second = await resetLink(s.email);
    expect((await call('POST', '/storefront/password-reset/confirm', { body: { token: second, new_password: 'second-link-wins' } })).status).toBe(
      204,
    );
    expect((await call('POST', '/storefront/password-reset/confirm', { body: { token: first, new_password: 'first-link-too' } })).status).toBe(422);
    const login = await logIn(s.email, 'second-link-wins');
    const third = await resetLink(s.email);
    const moved = await changeEmail(login.body.access_token, uniqueEmail('moved'), 'second-link-wins');
    expect(moved.status).toBe(200);
    expect((await call('POST', '/storefront/password-reset/confirm', { body: { token: third, new_password: 'from-the-old-mailbox' } })).status).toBe(
      422,
    );
  });

  it('a reset unlinks sign-in providers linked before it', async () => {
    const s = await signUp();
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    await env.DB.prepare(
      "INSERT INTO customer_identities (provider, subject, customer_id, email, date_created) VALUES ('squatter-idp', 'sub-1', ?1, '', ?2)",
    )
      .bind(s.id, now)
      .run();
    const token = await resetLink(s.email);
    expect((await call('POST', '/storefront/password-reset/confirm', { body: { token, new_password: 'owner-took-it-back' } })).status).toBe(204);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM customer_identities WHERE customer_id = ?1').bind(s.id).first()).toEqual({ n: 0 });
  });
});

describe('order-claim codes', () => {
  it('cannot be requested in a loop (6th within a minute → 429)', () =>
    inOneWindow(async () => {
      const s = await signUp();
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await call('POST', '/storefront/customer/orders/claim', { headers: bearer(s.accessToken) })).status);
      expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    }));
});

describe('email changes', () => {
  it('an account without a password cannot move its email (a stolen token alone must not)', async () => {
    const s = await signUp();
    await env.DB.prepare('UPDATE customers SET password_hash = NULL WHERE id = ?1').bind(s.id).run();
    const res = await call('PATCH', '/storefront/customer', { headers: bearer(s.accessToken), body: { email: uniqueEmail('takeover') } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('password_required');
    expect(res.body.codes).toEqual({ email: 'password_required' });
  });
});
