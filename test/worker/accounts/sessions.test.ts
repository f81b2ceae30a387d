// accounts/sessions.ts against real D1: sign-in, refresh rotation (one winner among concurrent
// refreshes), reuse of a rotated token revoking the family, sign-out on one device and everywhere, and
// a password change keeping only the session it hands out.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createCustomers } from '../../../worker/src/accounts/customers';
import { changePassword } from '../../../worker/src/accounts/passwords';
import { refreshSession, signIn, signOut, signOutEverywhere, startSession } from '../../../worker/src/accounts/sessions';
import { findLiveShopper } from '../../../worker/src/accounts/shoppers';
import { verifyAccessToken } from '../../../worker/src/auth/customer-tokens';
import type { IssuedSession } from '../../../worker/src/auth/refresh-tokens';
import { ApiError } from '../../../worker/src/errors';
import { randomIp, uniqueEmail } from '../../helpers/api';
import { PASSWORD } from '../../helpers/shopper';

const client = () => ({ ip: randomIp(), userAgent: 'accounts test' });

async function newCustomer(password?: string) {
  const email = uniqueEmail('sessions');
  const [subject] = await createCustomers(env, [{ email, first_name: 'Sess', last_name: 'Ion', password }], {
    kind: 'admin',
    actor: { type: 'staff', name: 'test' },
  });
  return { email, subject: subject! };
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApiError) return err.code;
    throw err;
  }
  return 'fulfilled';
}

const refresh = async (session: IssuedSession) => (await refreshSession(env, session.refresh.token, client())).session;

describe('signIn', () => {
  it('answers the profile and a session whose access token names the customer; wrong passwords are invalid_credentials', async () => {
    const { email, subject } = await newCustomer(PASSWORD);
    const { customer, session } = await signIn(env, { email: email.toUpperCase(), password: PASSWORD }, client());
    expect(customer).toMatchObject({ id: subject.id, email, has_password: true });
    expect(await verifyAccessToken(env, session.access_token)).toMatchObject({ customerId: subject.id, tokenVersion: 0, groupId: 0 });
    expect(await code(signIn(env, { email, password: 'not-the-password' }, client()))).toBe('invalid_credentials');
    expect(await code(signIn(env, { email: uniqueEmail('nobody'), password: PASSWORD }, client()))).toBe('invalid_credentials');
  });

  it('refuses a customer who must reset their password with a field code, only after the right password', async () => {
    const { email, subject } = await newCustomer(PASSWORD);
    await env.DB.prepare('UPDATE customers SET force_password_reset = 1 WHERE id = ?1').bind(subject.id).run();
    expect(await code(signIn(env, { email, password: 'wrong-wrong-wrong' }, client()))).toBe('invalid_credentials');
    try {
      await signIn(env, { email, password: PASSWORD }, client());
      throw new Error('signed in');
    } catch (err) {
      expect((err as ApiError).toBody()).toMatchObject({
        status: 403,
        code: 'password_reset_required',
        codes: { password: 'password_reset_required' },
      });
    }
  });
});

describe('refreshSession', () => {
  it('rotates: the new token works once, the old one no more', async () => {
    const { subject } = await newCustomer();
    const first = await startSession(env, subject, client());
    const second = await refresh(first);
    expect(second.refresh.token).not.toBe(first.refresh.token);
    expect(second.refresh.expiresAt <= new Date(Date.now() + 31 * 86_400_000).toISOString()).toBe(true);
    await refresh(second);
  });

  it('reuse of a rotated token revokes the whole family, the legitimate successor included', async () => {
    const { subject } = await newCustomer();
    const first = await startSession(env, subject, client());
    const successor = await refresh(first);
    expect(await code(refresh(first))).toBe('session_ended');
    expect(await code(refresh(successor))).toBe('session_ended');
    // Another family of the same customer is untouched.
    const other = await startSession(env, subject, client());
    await refresh(other);
  });

  it('of concurrent refreshes with one token exactly one wins', async () => {
    const { subject } = await newCustomer();
    const session = await startSession(env, subject, client());
    const results = await Promise.all(Array.from({ length: 10 }, () => code(refresh(session))));
    expect(results.filter((r) => r === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r === 'session_ended')).toHaveLength(9);
  });

  it('ends unknown, absent and oversized tokens, and the sessions of a customer who must reset', async () => {
    expect(await code(refreshSession(env, undefined, client()))).toBe('session_ended');
    expect(await code(refreshSession(env, 'x'.repeat(201), client()))).toBe('session_ended');
    expect(await code(refreshSession(env, 'never-issued', client()))).toBe('session_ended');
    const { subject } = await newCustomer();
    const session = await startSession(env, subject, client());
    await env.DB.prepare('UPDATE customers SET force_password_reset = 1 WHERE id = ?1').bind(subject.id).run();
    expect(await code(refresh(session))).toBe('session_ended');
  });
});

describe('signing out', () => {
  it('signOut ends this family only; signOutEverywhere ends all and makes access tokens stale', async () => {
    const { subject } = await newCustomer();
    const here = await startSession(env, subject, client());
    const there = await startSession(env, subject, client());
    await signOut(env, here.refresh.token);
    expect(await code(refresh(here))).toBe('session_ended');
    const thereNext = await refresh(there);
    const shopper = (await findLiveShopper(env.DB, subject.id, 0))!;
    await signOutEverywhere(env, shopper);
    expect(await code(refresh(thereNext))).toBe('session_ended');
    expect(await findLiveShopper(env.DB, subject.id, 0)).toBeNull();
  });

  it('a password change ends every session but the one it hands out, which carries the new token version', async () => {
    const { subject } = await newCustomer(PASSWORD);
    const other = await startSession(env, subject, client());
    const shopper = (await findLiveShopper(env.DB, subject.id, 0))!;
    expect(await code(changePassword(env, shopper, { current_password: 'wrong-wrong', new_password: 'a-new-fine-secret' }, client()))).toBe(
      'wrong_current_password',
    );
    const fresh = await changePassword(env, shopper, { current_password: PASSWORD, new_password: 'a-new-fine-secret' }, client());
    expect(await code(refresh(other))).toBe('session_ended');
    const claims = await verifyAccessToken(env, fresh.access_token);
    expect(await findLiveShopper(env.DB, subject.id, claims.tokenVersion)).not.toBeNull();
    await refresh(fresh);
  });
});

describe('sessions racing a revocation', () => {
  it('a session for a token version that moved meanwhile is not stored (startSession: concurrent_change)', async () => {
    const { subject } = await newCustomer(PASSWORD);
    await signOutEverywhere(env, (await findLiveShopper(env.DB, subject.id, 0))!);
    expect(await code(startSession(env, subject, client()))).toBe('concurrent_change');
    const live = await env.DB.prepare('SELECT count(*) AS n FROM refresh_sessions WHERE customer_id = ?1 AND revoked_at IS NULL')
      .bind(subject.id)
      .first<{ n: number }>();
    expect(live!.n).toBe(0);
  });

  it('a password change after a log-out-everywhere it did not see signs this device out too: no session survives', async () => {
    const { email, subject } = await newCustomer(PASSWORD);
    const shopper = (await findLiveShopper(env.DB, subject.id, 0))!;
    await signOutEverywhere(env, shopper);
    expect(await code(changePassword(env, shopper, { current_password: PASSWORD, new_password: 'a-new-fine-secret' }, client()))).toBe(
      'token_revoked',
    );
    const live = await env.DB.prepare('SELECT count(*) AS n FROM refresh_sessions WHERE customer_id = ?1 AND revoked_at IS NULL')
      .bind(subject.id)
      .first<{ n: number }>();
    expect(live!.n).toBe(0);
    // The new password took effect.
    expect((await signIn(env, { email, password: 'a-new-fine-secret' }, client())).customer.id).toBe(subject.id);
  });
});
