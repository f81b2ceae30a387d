// Password rules and changes: the policy of a new password (auth/password-policy.ts plus the common
// list in D1), confirming the current password behind the per-customer limit, and changing it (which
// ends every other session).
import { existingIds } from '../db/webhooks';
import { customerEvent } from './webhooks';
import { commonPasswordProblem, passwordShapeProblem } from '../auth/password-policy';
import { hashPassword, verifyPassword } from '../auth/passwords';
import type { IssuedSession } from '../auth/refresh-tokens';
import { runBatch } from '../db/batch';
import { findCommonPasswords } from '../db/common-passwords';
import { findPasswordHash, setPasswordStatements } from '../db/customers';
import type { Bindings, LiveShopper } from '../env';
import { ApiError, fieldError, type FieldError, throwIfInvalid, tokenRevoked } from '../errors';
import { mailerFor } from '../mail/mailer';
import { type Locale, passwordChangedMail } from '../mail/templates';
import { afterTheResponse } from '../time';
import { enforceLimit } from './rate-limits';
import { type ClientInfo, prepareSession } from './sessions';
import { SHOPPER_WRITE, shopperActor } from './shoppers';

/** Problems of several new passwords at once (one query for the common list), in order; null where acceptable. */
export async function passwordProblems(db: D1Database, items: readonly { password: string; email?: string }[]): Promise<(FieldError | null)[]> {
  const shape = items.map((i) => passwordShapeProblem(i.password, i.email));
  const common = await findCommonPasswords(
    db,
    items.filter((_, k) => !shape[k]).map((i) => i.password.toLowerCase()),
  );
  return items.map((i, k) => shape[k] ?? (common.has(i.password.toLowerCase()) ? commonPasswordProblem() : null));
}

export async function passwordProblem(db: D1Database, password: string, email?: string): Promise<FieldError | null> {
  return (await passwordProblems(db, [{ password, email }]))[0]!;
}

const wrongCurrentPassword = () =>
  new ApiError('wrong_current_password', {
    errors: { current_password: fieldError('wrong_current_password', 'Your current password is not correct') },
  });

/**
 * Confirms the shopper's current password, behind the log-in limit per customer: a stolen access token
 * must not become an unlimited password oracle, nor a way to make us hash 600,000 iterations at will.
 * Throws `wrong_current_password`; a customer without a password has nothing to confirm and never passes.
 */
export async function confirmCurrentPassword(env: Bindings, shopper: LiveShopper, password: string | undefined): Promise<void> {
  const [, row] = await Promise.all([enforceLimit(env, 'LOGIN_LIMITER', `customer:${shopper.id}`), findPasswordHash(env.DB, shopper.id)]);
  // Erased since the live-shopper check: the token is dead.
  if (!row) throw tokenRevoked();
  if (!password || !row.password_hash || !(await verifyPassword(password, row.password_hash)).valid) throw wrongCurrentPassword();
}

/**
 * Changes the shopper's password: every session ends and older access tokens fail; this device gets a
 * fresh session (written in the same batch, after the revocation) so the shopper stays signed in here.
 * The new session carries the version the change bumps to (ours + 1) and is stored only if the customer
 * has exactly that version after the bump (prepareSession): a log-out-everywhere that landed after the
 * live-shopper check moves it one further, and then this device is signed out too (`token_revoked`; the
 * new password is set and works for signing in again), rather than keeping a session that outlived it.
 */
export async function changePassword(
  env: Bindings,
  shopper: LiveShopper,
  change: { current_password: string; new_password: string; locale?: Locale },
  client: ClientInfo,
): Promise<IssuedSession & { mail: Promise<void> }> {
  await confirmCurrentPassword(env, shopper, change.current_password);
  const problem = await passwordProblem(env.DB, change.new_password, shopper.email);
  if (problem) throwIfInvalid({ new_password: problem });
  const writes = setPasswordStatements(env.DB, shopper.id, await hashPassword(change.new_password), shopperActor(shopper), 'password_changed');
  const { session, statement } = await prepareSession(
    env,
    { id: shopper.id, token_version: shopper.tokenVersion + 1, customer_group_id: shopper.groupId },
    client,
  );
  const updated = customerEvent(env.DB, 'store/customer/updated', existingIds('customers', shopper.id));
  const results = await runBatch(env.DB, [...writes, updated, statement], SHOPPER_WRITE);
  if (results.at(-1)!.meta.changes !== 1) throw tokenRevoked();
  return { ...session, mail: mailPasswordChanged(env, shopper.email, 'changed', change.locale) };
}

/**
 * Tells the owner their password changed (a way in replaced: whoever did it, the mailbox owner hears of
 * it), 50 ms after the response (hand it to waitUntil); a mail failure is logged and undoes nothing.
 */
export async function mailPasswordChanged(env: Bindings, to: string, via: 'changed' | 'reset', locale: Locale = 'en'): Promise<void> {
  await afterTheResponse();
  try {
    await mailerFor(env).send({ to, kind: 'password_changed', ...passwordChangedMail(locale, via) });
  } catch (err) {
    console.error('could not mail the password change notice', err);
  }
}
