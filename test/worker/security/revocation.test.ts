// What a revocation must outlast: a refresh racing "log out everywhere", reset links mailed before a
// password or email change, order-claim codes requested in a loop, an email change without a password.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../worker/src/auth/crypto';
import { insertRefreshSessionStatement } from '../../../worker/src/db/refresh-sessions';
import { call, inOneWindow, uniqueEmail } from '../../helpers/api';
import { bearer, cookie, logIn, PASSWORD, signUp } from '../../helpers/shopper';

async function resetLink(email: string): Promise<string> {
  await call('POST', '/storefront/password-reset', { body: { email } });
  const mail = (await call('GET', '/dev/outbox')).body.data.find((m: any) => m.to === email && m.kind === 'password_reset');
  return /#reset-password=([\w-]+)/.exec(mail.text)![1]!;
}

describe('refresh racing a revocation', () => {
  it('a rotation whose predecessor was revoked meanwhile stores nothing (the caller then refuses)', async () => {
    const s = await signUp();
    const row = await env.DB.prepare('SELECT id, family_id, family_expires_at FROM refresh_sessions WHERE token_hash = ?1')
      .bind(await sha256Hex(s.refreshCookie))
      .first<{ id: number; family_id: string; family_expires_at: string }>();
    // The interleaving: claimed (rotated) → log out everywhere → the successor's insert.
    await env.DB.prepare('UPDATE refresh_sessions SET rotated_at = ?2 WHERE id = ?1').bind(row!.id, '2026-01-01T00:00:00Z').run();
    expect((await call('DELETE', '/storefront/sessions', { headers: bearer(s.accessToken) })).status).toBe(204);
    const successor = { tokenHash: await sha256Hex('successor'), familyId: row!.family_id, customerId: s.id, expiresAt: row!.family_expires_at, familyExpiresAt: row!.family_expires_at, userAgent: '', ip: '' };
    const result = await insertRefreshSessionStatement(env.DB, { ...successor, successorOf: row!.id }).run();
    expect(result.meta.changes).toBe(0);
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
    expect((await call('POST', '/storefront/customer/password', { headers: bearer(s.accessToken), body: { current_password: PASSWORD, new_password: 'changed-in-the-profile' } })).status).toBe(200);
    expect((await call('POST', '/storefront/password-reset/confirm', { body: { token, new_password: 'attacker-choice-123' } })).status).toBe(422);
  });

  it('die when the email changes, and a second reset kills the first link', async () => {
    const s = await signUp();
    const first = await resetLink(s.email);
    const second = await resetLink(s.email);
    expect((await call('POST', '/storefront/password-reset/confirm', { body: { token: second, new_password: 'second-link-wins' } })).status).toBe(204);
    expect((await call('POST', '/storefront/password-reset/confirm', { body: { token: first, new_password: 'first-link-too' } })).status).toBe(422);
    const login = await logIn(s.email, 'second-link-wins');
    const third = await resetLink(s.email);
    const moved = await call('PATCH', '/storefront/customer', { headers: bearer(login.body.access_token), body: { email: uniqueEmail('moved'), current_password: 'second-link-wins' } });
    expect(moved.status).toBe(200);
    expect((await call('POST', '/storefront/password-reset/confirm', { body: { token: third, new_password: 'from-the-old-mailbox' } })).status).toBe(422);
  });

  it('a reset unlinks sign-in providers linked before it', async () => {
    const s = await signUp();
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    await env.DB.prepare("INSERT INTO customer_identities (provider, subject, customer_id, email, date_created) VALUES ('squatter-idp', 'sub-1', ?1, '', ?2)").bind(s.id, now).run();
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
