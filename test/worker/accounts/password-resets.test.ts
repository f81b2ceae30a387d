// accounts/password-resets.ts and the password policy of accounts/passwords.ts against real D1: a link
// works once, a refused new password gives the link back, a reset ends sessions and unlinks providers.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createCustomers } from '../../../worker/src/accounts/customers';
import { confirmPasswordReset, requestPasswordReset } from '../../../worker/src/accounts/password-resets';
import { passwordProblems } from '../../../worker/src/accounts/passwords';
import { refreshSession, startSession } from '../../../worker/src/accounts/sessions';
import { sha256Hex } from '../../../worker/src/auth/crypto';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../../worker/src/auth/password-policy';
import { setPasswordStatements } from '../../../worker/src/db/customers';
import { claimResetTokenStatement, type ClaimedResetToken, releaseResetTokenStatement } from '../../../worker/src/db/password-resets';
import { ApiError } from '../../../worker/src/errors';
import { randomIp, uniqueEmail } from '../../helpers/api';
import { PASSWORD } from '../../helpers/shopper';

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApiError) return err.toBody().codes ? `${err.code} ${JSON.stringify(err.toBody().codes)}` : err.code;
    throw err;
  }
  return 'fulfilled';
}

/** Requests a link and reads its token from the outbox mail. */
async function resetToken(email: string): Promise<string> {
  const { work } = await requestPasswordReset(env, { email, ip: randomIp(), accountUrl: 'https://shop.test/account' });
  await work;
  const mail = await env.DB.prepare("SELECT text_body FROM mail_outbox WHERE to_email = ?1 AND kind = 'password_reset' ORDER BY id DESC")
    .bind(email)
    .first<{ text_body: string }>();
  return /#reset-password=([\w-]+)/.exec(mail!.text_body)![1]!;
}

describe('password policy', () => {
  it('answers one field code per problem, checking the common list in one query', async () => {
    const problems = await passwordProblems(env.DB, [
      { password: 'x'.repeat(MIN_PASSWORD_LENGTH - 1) },
      { password: 'x'.repeat(MAX_PASSWORD_LENGTH + 1) },
      { password: 'dana@example.com', email: 'dana@example.com' },
      { password: 'Dana', email: 'dana@example.com' },
      { password: 'password1' },
      { password: 'plum-harbor-lantern-42' },
    ]);
    expect(problems.map((p) => p?.code ?? null)).toEqual([
      'password_too_short',
      'password_too_long',
      'password_is_email',
      'password_too_short',
      'password_too_common',
      null,
    ]);
  });
});

describe('password resets', () => {
  it('mails nothing for an unknown email', async () => {
    const email = uniqueEmail('nobody');
    const { work } = await requestPasswordReset(env, { email, ip: randomIp(), accountUrl: 'https://shop.test/' });
    await work;
    expect(await env.DB.prepare('SELECT id FROM mail_outbox WHERE to_email = ?1').bind(email).first()).toBeNull();
  });

  it('answers before the lookup, the token and the mail: the work comes back for the caller to finish after the response', async () => {
    const email = uniqueEmail('deferred');
    const [customer] = await createCustomers(env, [{ email, first_name: 'De', last_name: 'Ferred', password: PASSWORD }], {
      kind: 'admin',
      actor: { type: 'staff', name: 'test' },
    });
    const tokens = async () =>
      (await env.DB.prepare('SELECT count(*) AS n FROM password_reset_tokens WHERE customer_id = ?1').bind(customer!.id).first<{ n: number }>())!.n;
    const issued = await requestPasswordReset(env, { email, ip: randomIp(), accountUrl: 'https://shop.test/' });
    // A bare promise returned from the async function would have been awaited (adopted) already, so the
    // route would wait for the work before answering: a timing channel for "this email has an account".
    expect(issued.work).toBeInstanceOf(Promise);
    expect(await tokens()).toBe(0);
    await issued.work;
    expect(await tokens()).toBe(1);
  });

  it('a link sets a password once; a refused password gives it back; sessions end and providers are unlinked', async () => {
    const email = uniqueEmail('reset');
    const [subject] = await createCustomers(env, [{ email, first_name: 'Re', last_name: 'Set', password: PASSWORD }], {
      kind: 'admin',
      actor: { type: 'staff', name: 'test' },
    });
    const session = await startSession(env, subject!, { ip: randomIp() });
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    await env.DB.prepare("INSERT INTO customer_identities (provider, subject, customer_id, email, date_created) VALUES ('reset-idp', ?1, ?2, '', ?3)")
      .bind(crypto.randomUUID(), subject!.id, now)
      .run();

    const token = await resetToken(email);
    expect(await code(confirmPasswordReset(env, { token, new_password: 'short' }))).toBe('validation_failed {"new_password":"password_too_short"}');
    await confirmPasswordReset(env, { token, new_password: 'a-reset-fine-secret' });
    expect(await code(confirmPasswordReset(env, { token, new_password: 'another-fine-secret' }))).toBe(
      'reset_token_invalid {"token":"invalid_or_expired"}',
    );

    expect(await code(refreshSession(env, session.refresh.token, {}))).toBe('session_ended');
    const links = await env.DB.prepare('SELECT count(*) AS n FROM customer_identities WHERE customer_id = ?1')
      .bind(subject!.id)
      .first<{ n: number }>();
    expect(links!.n).toBe(0);
  });

  it('of two concurrent confirmations of one link exactly one sets the password', async () => {
    const email = uniqueEmail('reset-race');
    await createCustomers(env, [{ email, first_name: 'Re', last_name: 'Ace', password: PASSWORD }], {
      kind: 'admin',
      actor: { type: 'staff', name: 'test' },
    });
    const token = await resetToken(email);
    const results = await Promise.all([
      code(confirmPasswordReset(env, { token, new_password: 'first-racer-secret' })),
      code(confirmPasswordReset(env, { token, new_password: 'second-racer-secret' })),
    ]);
    expect(results.sort()).toEqual(['fulfilled', 'reset_token_invalid {"token":"invalid_or_expired"}']);
  });
});

describe('giving a claimed link back', () => {
  it('does not revive a link that a password change ended while it was claimed', async () => {
    const email = uniqueEmail('reset-race');
    const [subject] = await createCustomers(env, [{ email, first_name: 'Re', last_name: 'Set', password: PASSWORD }], {
      kind: 'admin',
      actor: { type: 'staff', name: 'test' },
    });
    const token = await resetToken(email);
    const tokenHash = await sha256Hex(token);
    // The interleaving: claimed → the password changes (every link ends) → the refused reset gives its claim back.
    const claim = (await claimResetTokenStatement(env.DB, tokenHash).first<ClaimedResetToken>())!;
    await env.DB.batch(setPasswordStatements(env.DB, subject!.id, 'another-hash', { type: 'shopper', name: email }, 'password_changed'));
    expect((await releaseResetTokenStatement(env.DB, tokenHash, claim).run()).meta.changes).toBe(0);
    expect(await code(confirmPasswordReset(env, { token, new_password: 'attacker-choice-123' }))).toMatch(/^reset_token_invalid/);
  });
});
