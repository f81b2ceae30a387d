// Password reset: request (the same answer whether or not the email has an account) and confirm. The
// token is random (256 bits), stored hashed, single-use and valid for 30 minutes; requesting is limited
// per IP and per email before anything is looked up, and the lookup, the insert and the mail happen after
// the response.
import { existingIds, verifiedNowIds } from '../db/webhooks';
import { customerEvent } from './webhooks';
import { randomToken, sha256Hex } from '../auth/crypto';
import { hashPassword } from '../auth/passwords';
import { firstRow, runBatch } from '../db/batch';
import { findAccountByEmail, findAccountById, setPasswordStatements } from '../db/customers';
import { endEmailChangesStatement, markEmailVerifiedStatement, timelineIfVerifiedNowStatement } from '../db/email-codes';
import { claimResetTokenStatement, type ClaimedResetToken, insertResetTokenStatement, releaseResetTokenStatement } from '../db/password-resets';
import type { Bindings } from '../env';
import { ApiError, fieldError, throwIfInvalid } from '../errors';
import { mailerFor } from '../mail/mailer';
import type { Locale } from '../mail/templates';
import { addSeconds, afterTheResponse, isoNow } from '../time';
import { firstProofCleanupStatements } from './email-ownership';
import { mailPasswordChanged, passwordProblem } from './passwords';
import { emailKey, enforceLimit, ipKey } from './rate-limits';
import { shopperActor } from './shoppers';

const RESET_TOKEN_TTL_SECONDS = 30 * 60;

/**
 * Issues a reset link for the account of `email`, if there is one. Only the limits run before the
 * answer; the lookup, the token's insert and the mail are the returned `work`, for the caller to finish
 * after the response (waitUntil): neither the answer, which the caller gives either way, nor its timing
 * may reveal whether an account exists (bench/reset-timing.bench.mjs measures it). The promise travels
 * inside an object on purpose: an async function returning a bare promise would adopt it, and the
 * caller's `await` would wait for the work before answering (the timing channel this avoids).
 */
export async function requestPasswordReset(
  env: Bindings,
  request: { email: string; ip?: string; accountUrl: string },
): Promise<{ work: Promise<void> }> {
  await enforceLimit(env, 'RESET_LIMITER', ipKey(request.ip));
  await enforceLimit(env, 'RESET_LIMITER', emailKey(request.email));
  const work = (async () => {
    // Let the response go out first: the deferred work must not compete with it.
    await afterTheResponse();
    const customer = await findAccountByEmail(env.DB, request.email);
    if (!customer) return;
    const token = randomToken();
    const now = isoNow();
    await runBatch(env.DB, [
      insertResetTokenStatement(
        env.DB,
        { customerId: customer.id, tokenHash: await sha256Hex(token), expiresAt: addSeconds(now, RESET_TOKEN_TTL_SECONDS) },
        now,
      ),
    ]);
    const link = `${request.accountUrl}#reset-password=${token}`;
    await mailerFor(env).send({
      to: customer.email,
      kind: 'password_reset',
      subject: 'Reset your password',
      text: `Hello ${customer.first_name},\n\nSomeone (hopefully you) asked to reset the password of your account.\nOpen this link within 30 minutes to choose a new one:\n\n${link}\n\nIf you did not ask for this, ignore this message; your password stays as it is.`,
    });
  })();
  return { work };
}

/** A set-password link staff send to a customer they created lasts a week (a reset link, 30 minutes). */
export const INVITATION_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Staff (the admin API; the console's "New customer") send a customer a link to set their password:
 * a reset token valid a week, mailed to the account's address with an invitation's words. The link
 * opens the same "set a new password" form as a reset (`#reset-password=`), so completing it is the
 * mailbox owner's proof like a reset's. Answers where it went and until when; 404 for an unknown customer.
 */
export async function sendSetPasswordLink(
  env: Bindings,
  customerId: number,
  accountUrl: string,
): Promise<{ sent_to: string; expires_at: string; work: Promise<void> }> {
  const customer = await findAccountById(env.DB, customerId);
  if (!customer) throw new ApiError('customer_not_found');
  await enforceLimit(env, 'RESET_LIMITER', emailKey(customer.email));
  const token = randomToken();
  const now = isoNow();
  const expiresAt = addSeconds(now, INVITATION_TTL_SECONDS);
  await runBatch(env.DB, [insertResetTokenStatement(env.DB, { customerId, tokenHash: await sha256Hex(token), expiresAt }, now)]);
  const link = `${accountUrl}#reset-password=${token}`;
  const work = mailerFor(env).send({
    to: customer.email,
    kind: 'password_set_invitation',
    subject: 'Set the password of your account',
    text: `Hello ${customer.first_name},\n\nAn account was made for you with this email address. Open this link within 7 days to choose your password:\n\n${link}\n\nIf you did not expect this, ignore this message.`,
  });
  return { sent_to: customer.email, expires_at: expiresAt, work };
}

/**
 * Sets a new password with a reset token: every session ends, other reset links die, and sign-in
 * providers linked before the reset are unlinked (db/customers.ts setPasswordStatements says why).
 * The link was mailed to the account's address, so a completed reset proves the mailbox: the email is
 * marked verified and pending email changes end. When it was not verified before, this is the mailbox
 * owner's first proof and, as with a first code (confirmSignInCode), what the account's creator stored
 * (addresses, attribute and form-field values, claim codes) goes too.
 */
export async function confirmPasswordReset(
  env: Bindings,
  reset: { token: string; new_password: string; locale?: Locale },
): Promise<{ mail: Promise<void> }> {
  const db = env.DB;
  const tokenHash = await sha256Hex(reset.token);
  // Taken atomically first, so two confirmations of one link cannot both set a password.
  const [claim] = await runBatch(db, [claimResetTokenStatement(db, tokenHash)]);
  const claimed = firstRow<ClaimedResetToken>(claim);
  if (!claimed)
    throw new ApiError('reset_token_invalid', { errors: { token: fieldError('invalid_or_expired', 'This reset link is invalid or has expired') } });
  const problem = await passwordProblem(db, reset.new_password, claimed.email);
  if (problem) {
    // Give the token back so the shopper can retry with a better password (unless it was ended meanwhile).
    await runBatch(db, [releaseResetTokenStatement(db, tokenHash, claimed)]);
    throwIfInvalid({ new_password: problem });
  }
  const now = isoNow();
  const actor = shopperActor(claimed);
  await runBatch(db, [
    ...setPasswordStatements(db, claimed.customer_id, await hashPassword(reset.new_password), actor, 'password_reset', now),
    ...(claimed.email_verified_at
      ? [endEmailChangesStatement(db, claimed.customer_id, now)]
      : firstProofCleanupStatements(db, claimed.customer_id, now)),
    markEmailVerifiedStatement(db, claimed.customer_id, claimed.email, now),
    timelineIfVerifiedNowStatement(db, claimed.customer_id, actor.name, { via: 'password_reset' }, now),
    customerEvent(db, 'store/customer/updated', existingIds('customers', claimed.customer_id), now),
    customerEvent(db, 'store/customer/email_verified', verifiedNowIds(claimed.customer_id, now), now),
  ]);
  return { mail: mailPasswordChanged(env, claimed.email, 'reset', reset.locale) };
}
