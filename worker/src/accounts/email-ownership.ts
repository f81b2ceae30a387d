// Proven email ownership (issue 12): the 6-digit codes that prove control of a mailbox, for the three
// purposes — 'verify' (after sign-up, or a password log-in refused with `email_unverified`), 'sign_in'
// (passwordless sign-in; also verifies), 'email_change' (sent to the NEW address; the email changes only
// when it is confirmed). One set of rules for all three:
// - codes are random, stored as SHA-256 of purpose + email (+ code), so a code for one address or
//   purpose never works for another; valid 15 minutes; 5 tries per code, counted atomically, and at
//   most 10 failed tries per address per day across all its codes;
// - at most 5 codes per email per hour and 20 per day, counted from email_codes by the address the code
//   went to (so deleting the account and signing up again resets nothing), re-checked in the INSERT;
// - a new code replaces the earlier live ones of its kind.
// Mails are returned inside `{mail}` objects for the caller to finish after the response (waitUntil):
// an async function returning a bare promise would adopt it and the caller would wait for the mail.
import { existingIds, verifiedNowIds } from '../db/webhooks';
import { addressEvent, customerEvent } from './webhooks';
import { sha256Hex } from '../auth/crypto';
import { hashCodeProof, type IssuedSession, newCodeProof } from '../auth/refresh-tokens';
import { runBatch } from '../db/batch';
import {
  clearPasswordStatement,
  type CustomerAccount,
  deletePlantedDataStatements,
  findAccountByEmail,
  findTakenEmails,
  revokeEverywhereStatements,
  setConfirmedEmailStatement,
  plantedAddressIds,
} from '../db/customers';
import {
  attemptEmailChangeCodeStatement,
  attemptSignInCodeStatement,
  type AttemptedEmailCode,
  codeExpiry,
  countEmailCodes,
  type EmailCodePurpose,
  endEmailChangesStatement,
  insertEmailCodeStatements,
  knownCodeProof,
  markEmailVerifiedStatement,
  timelineIfVerifiedNowStatement,
  useEmailCodeStatement,
} from '../db/email-codes';
import { endResetTokensStatement } from '../db/password-resets';
import { deleteIdentitiesStatement } from '../db/oidc';
import { deletePasskeysStatement } from '../db/passkeys';
import { customerIdRef, insertTimelineEventStatement } from '../db/timeline';
import type { Bindings, LiveShopper } from '../env';
import { ApiError, fieldError, tokenRevoked } from '../errors';
import { mailerFor } from '../mail/mailer';
import { emailChangedMail, emailCodeMail, type Locale } from '../mail/templates';
import type { OwnProfile } from '../shared/api-types';
import { addSeconds, afterTheResponse, isoNow } from '../time';
import { emailKey, enforceLimit, ipKey } from './rate-limits';
import { type ClientInfo, startSessionWithProfile } from './sessions';
import { findLiveShopper, SHOPPER_WRITE, shopperActor } from './shoppers';
import { storeSettings } from './settings';

export const EMAIL_CODE_TTL_SECONDS = 15 * 60;
/** Tries per code: a 6-digit code with 5 tries is a 1 in 200,000 guess. */
export const MAX_CODE_ATTEMPTS = 5;
/** Failed tries per address per day, across all its codes (so new codes do not buy new guesses). */
export const FAILED_TRIES_PER_EMAIL_PER_DAY = 10;
export const CODES_PER_EMAIL_PER_HOUR = 5;
export const CODES_PER_EMAIL_PER_DAY = 20;
/** What the widget waits before offering "send again" (the answer's `resend_after`). */
export const RESEND_AFTER_SECONDS = 60;

/** A mail to finish after the response; wrapped so `await` on the caller's side does not wait for it. */
export interface PendingMail {
  mail: Promise<void>;
}

const normal = (email: string) => email.trim().toLowerCase();

/** Six random digits (uniform enough: 2^32 mod 10^6 bias is < 0.03 %). */
function newCode(): string {
  return String(crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000).padStart(6, '0');
}

/** The stored form of a code: bound to its purpose and the address it was sent to. */
export const emailCodeHash = (purpose: EmailCodePurpose, email: string, code: string) => sha256Hex(`email-code:${purpose}:${normal(email)}:${code}`);

export const codeInvalid = () =>
  new ApiError('code_invalid', { errors: { code: fieldError('invalid_or_expired', 'That code is not valid; request a new one if it has expired') } });

const attemptLimits = (now = isoNow()) => ({
  maxAttempts: MAX_CODE_ATTEMPTS,
  dayStart: addSeconds(now, -86400),
  maxDailyFailures: FAILED_TRIES_PER_EMAIL_PER_DAY,
});

const windows = (now: string) => ({
  hourStart: addSeconds(now, -3600),
  perHour: CODES_PER_EMAIL_PER_HOUR,
  dayStart: addSeconds(now, -86400),
  perDay: CODES_PER_EMAIL_PER_DAY,
});

/** Whether another code may be sent to `email` now (the hourly and daily caps). */
export async function withinEmailLimits(db: D1Database, email: string, now = isoNow()): Promise<boolean> {
  const w = windows(now);
  const { hour, day } = await countEmailCodes(db, normal(email), w.hourStart, w.dayStart);
  return hour < w.perHour && day < w.perDay;
}

/** Where code links point: `${ACCOUNT_URL or origin}#email-code=…&email=…` (`#email-change=…` for a change). */
function codeLink(accountUrl: string, purpose: EmailCodePurpose, email: string, code: string): string {
  return purpose === 'email_change' ? `${accountUrl}#email-change=${code}` : `${accountUrl}#email-code=${code}&email=${encodeURIComponent(email)}`;
}

export interface CodeRequest {
  purpose: EmailCodePurpose;
  /** The address the code goes to (for an email change: the new one). */
  email: string;
  customerId: number | null;
  locale: Locale;
  accountUrl: string;
  /** hashCodeProof of the requesting browser's code-proof cookie (sign-up, the right password). */
  proofHash?: string | null;
}

/**
 * The statements storing a new code (run them in the caller's batch; the INSERT is the first one and
 * stores nothing when the email is over its limits) and the mail to send once they ran.
 */
export async function prepareEmailCode(db: D1Database, request: CodeRequest, now = isoNow()) {
  const email = normal(request.email);
  const code = newCode();
  const statements = insertEmailCodeStatements(
    db,
    {
      purpose: request.purpose,
      email,
      customerId: request.customerId,
      newEmail: request.purpose === 'email_change' ? email : null,
      codeHash: await emailCodeHash(request.purpose, email, code),
      proofHash: request.proofHash ?? null,
      expiresAt: codeExpiry(EMAIL_CODE_TTL_SECONDS, now),
    },
    windows(now),
    now,
  );
  const content = emailCodeMail(request.locale, request.purpose, {
    code,
    link: codeLink(request.accountUrl, request.purpose, email, code),
    minutes: EMAIL_CODE_TTL_SECONDS / 60,
  });
  return { statements, message: { to: email, kind: `email_code_${request.purpose}`, ...content } };
}

/**
 * Issues a code on its own batch: null when the email is over its limits (nothing stored, nothing
 * mailed), else the mail to finish.
 */
export async function issueEmailCode(env: Bindings, request: CodeRequest): Promise<PendingMail | null> {
  const prepared = await prepareEmailCode(env.DB, request);
  return mailIfIssued(env, prepared, await runBatch(env.DB, prepared.statements));
}

/**
 * The mail of a code from prepareEmailCode once its statements ran (`results` begin with theirs, e.g. a
 * caller's batch that put them first): null when the email was over its limits (nothing was stored).
 */
export function mailIfIssued(env: Bindings, prepared: Awaited<ReturnType<typeof prepareEmailCode>>, results: D1Result[]): PendingMail | null {
  if (!results[0]!.results.length) return null;
  // Sent after the response goes out (callers hand `mail` to waitUntil): its outbox write or mail API
  // call is no round trip the shopper waits for.
  return { mail: afterTheResponse().then(() => mailerFor(env).send(prepared.message)) };
}

/**
 * `POST /storefront/session/code`: limited per IP before anything; everything else (the lookup, the
 * code, the mail) is the returned `work`, for the caller to run after the response, so neither the
 * answer nor its timing says whether an account exists. Over the per-email limits nothing is sent.
 */
export async function requestSignInCode(
  env: Bindings,
  request: { email: string; locale: Locale; ip?: string; accountUrl: string; proof?: string },
): Promise<{ work: Promise<void> }> {
  await enforceLimit(env, 'RESET_LIMITER', ipKey(request.ip));
  const work = (async () => {
    await afterTheResponse();
    const customer = await findAccountByEmail(env.DB, request.email.trim());
    if (!customer) return;
    // "Send a new code" from the browser that signed up (or proved the password) keeps its proof.
    const proofHash = request.proof ? await hashCodeProof(request.proof) : null;
    const keepsProof = proofHash !== null && (await knownCodeProof(env.DB, customer.id, proofHash));
    const issued = await issueEmailCode(env, {
      purpose: 'sign_in',
      email: customer.email,
      customerId: customer.id,
      locale: request.locale,
      accountUrl: request.accountUrl,
      proofHash: keepsProof ? proofHash : null,
    });
    await issued?.mail;
  })();
  return { work };
}

/**
 * Counts an attempt on the newest live code of `attempt`, checks it against `code` and takes it (once).
 * Every failure is the same 422 `code_invalid`.
 */
async function takeCode(db: D1Database, attempt: D1PreparedStatement, code: string): Promise<AttemptedEmailCode> {
  const [counted] = await runBatch<AttemptedEmailCode>(db, [attempt]);
  const live = counted!.results[0];
  if (!live || !/^\d{6}$/.test(code) || live.code_hash !== (await emailCodeHash(live.purpose, live.email, code))) throw codeInvalid();
  const [used] = await runBatch(db, [useEmailCodeStatement(db, live.id)]);
  if (!used!.results.length) throw codeInvalid();
  return live;
}

/**
 * `POST /storefront/session/code/confirm`: a live 'sign_in' or 'verify' code sent to `email` starts a
 * normal session and marks the email verified. Unknown emails, wrong, expired, used or exhausted codes
 * all answer 422 `code_invalid`.
 *
 * Pre-account takeover: the first time a code (of either purpose) proves an account's unverified
 * email, whoever created the account may not be its owner (anyone can sign up with any address, and
 * can get the mailbox owner to confirm the sign-up code). So that proof works like a password reset:
 * every session ends, the password is removed, linked providers are unlinked, reset links and pending
 * email changes and claim codes end, and what the creator stored (addresses, attribute and form-field
 * values) is deleted; the mailbox owner sets a password through "forgot password" if they want one.
 * The one exception is the browser that asked for the code while proving it may — it signed up or
 * gave the right password — and still holds the code-proof cookie whose hash is on the code row
 * (`proof`): then the account is the confirmer's own and stays as it is.
 */
export async function confirmSignInCode(
  env: Bindings,
  request: { email: string; code: string; proof?: string },
  client: ClientInfo,
): Promise<{ customer: OwnProfile; session: IssuedSession }> {
  await enforceLimit(env, 'LOGIN_LIMITER', ipKey(client.ip));
  await enforceLimit(env, 'LOGIN_LIMITER', emailKey(request.email));
  const db = env.DB;
  const email = normal(request.email);
  const live = await takeCode(db, attemptSignInCodeStatement(db, email, attemptLimits()), request.code.trim());
  const customer = await findAccountByEmail(db, live.email);
  if (!customer) throw codeInvalid();
  if (customer.force_password_reset) throw new ApiError('password_reset_required');
  const now = isoNow();
  const actor = shopperActor(customer);
  const proven =
    live.proof_hash !== null &&
    request.proof !== undefined &&
    live.customer_id === customer.id &&
    live.proof_hash === (await hashCodeProof(request.proof));
  const takeover = !customer.email_verified && !proven;
  const before: D1PreparedStatement[] = [
    markEmailVerifiedStatement(db, customer.id, customer.email, now),
    timelineIfVerifiedNowStatement(db, customer.id, actor.name, { via: live.purpose === 'sign_in' ? 'sign_in_code' : 'code' }, now),
    customerEvent(db, 'store/customer/email_verified', verifiedNowIds(customer.id, now), now),
  ];
  let tokenVersion = customer.token_version;
  if (takeover) {
    before.push(
      // Before the clean-up: the addresses it removes (not a staff-created account's, db/customers.ts deletePlantedDataStatements).
      addressEvent(db, 'store/customer/address/deleted', plantedAddressIds(customer.id), customer.id, now),
      customerEvent(db, 'store/customer/updated', existingIds('customers', customer.id), now),
      clearPasswordStatement(db, customer.id, now),
      ...revokeEverywhereStatements(db, customer.id, now),
      endResetTokensStatement(db, customer.id, now),
      deleteIdentitiesStatement(db, customer.id),
      deletePasskeysStatement(db, customer.id),
      ...firstProofCleanupStatements(db, customer.id, now),
    );
    tokenVersion += 1;
  }
  before.push(insertTimelineEventStatement(db, customerIdRef(customer.id), 'signed_in_with_code', actor, takeover ? { first_proof: true } : {}, now));
  return startSessionWithProfile(env, { ...customer, token_version: tokenVersion }, client, before);
}

/**
 * What the creator of an account may have planted that must not survive the mailbox owner's first
 * proof: addresses, attribute and form-field values are deleted; pending email changes and claim codes
 * end (their rows stay: they are the per-email limits' memory).
 */
export function firstProofCleanupStatements(db: D1Database, customerId: number, now: string): D1PreparedStatement[] {
  return [...deletePlantedDataStatements(db, customerId, now), endEmailChangesStatement(db, customerId, now)];
}

/**
 * A fresh code-proof for a 'verify' code the account's creator asks for (sign-up, the right password):
 * `proof` goes into the browser's cookie (setCodeProofCookie), `proofHash` onto the code row.
 */
export async function newProof(): Promise<{ proof: string; proofHash: string }> {
  const proof = newCodeProof();
  return { proof, proofHash: await hashCodeProof(proof) };
}

/**
 * After the right password with policy `required` and an unverified email: mails a fresh 'verify' code
 * (within the limits), bound to this browser (`onCodeProof` sets the cookie), and answers the 403 to
 * throw. The password was right, so this tells a guesser nothing.
 */
export async function emailUnverified(
  env: Bindings,
  customer: CustomerAccount,
  mail: { locale: Locale; accountUrl: string; onCodeProof?: (proof: string) => void },
): Promise<ApiError> {
  const { proof, proofHash } = await newProof();
  const issued = await issueEmailCode(env, {
    purpose: 'verify',
    email: customer.email,
    customerId: customer.id,
    locale: mail.locale,
    accountUrl: mail.accountUrl,
    proofHash,
  });
  if (issued) mail.onCodeProof?.(proof);
  await issued?.mail;
  return new ApiError('email_unverified', { detail: 'Enter the code we sent to your email: POST /storefront/session/code/confirm' });
}

/**
 * Whether the policy of `channelId` keeps unverified shoppers out until they confirm a code (setting
 * `storefront_accounts.email_verification`, default EMAIL_VERIFICATION; cached per isolate: accounts/settings.ts).
 */
export const verificationRequired = async (env: Bindings, channelId: number): Promise<boolean> =>
  (await storeSettings(env, channelId)).storefront_accounts.email_verification === 'required';

/**
 * Whether a shopper of `channelId` may sign up without a password (then proves the email by code and adds
 * a passkey): setting `storefront_accounts.passkey_signup`, default PASSKEY_SIGNUP.
 */
export const passkeySignUp = async (env: Bindings, channelId: number): Promise<boolean> =>
  (await storeSettings(env, channelId)).storefront_accounts.passkey_signup;

const emailTaken = () => new ApiError('email_taken', { errors: { email: fieldError('email_taken', 'An account with this email already exists') } });

/**
 * The statements and mail of an email change request (the current password was confirmed by the
 * caller): the new address must be free, within its limits; the code goes to the NEW address.
 */
export async function prepareEmailChange(
  env: Bindings,
  shopper: LiveShopper,
  newEmail: string,
  mail: { locale: Locale; accountUrl: string },
): Promise<{ statements: D1PreparedStatement[]; message: Parameters<ReturnType<typeof mailerFor>['send']>[0] }> {
  if ((await findTakenEmails(env.DB, [newEmail], [shopper.id])).length) throw emailTaken();
  if (!(await withinEmailLimits(env.DB, newEmail))) throw new ApiError('rate_limited', { headers: { 'Retry-After': '3600' } });
  return prepareEmailCode(env.DB, { purpose: 'email_change', email: newEmail, customerId: shopper.id, ...mail });
}

/**
 * `POST /storefront/customer/email/confirm`: the code sent to the new address changes the email (now
 * verified), ends reset links and other pending changes, and notifies the OLD address. `email_taken` if
 * someone took the address meanwhile.
 */
export async function confirmEmailChange(
  env: Bindings,
  shopper: LiveShopper,
  code: string,
  locale: Locale,
): Promise<{ customer: OwnProfile } & PendingMail> {
  const db = env.DB;
  await enforceLimit(env, 'LOGIN_LIMITER', `email-change:${shopper.id}`);
  const live = await takeCode(db, attemptEmailChangeCodeStatement(db, shopper.id, attemptLimits()), code.trim());
  const newEmail = live.new_email ?? live.email;
  if ((await findTakenEmails(db, [newEmail], [shopper.id])).length) throw emailTaken();
  const now = isoNow();
  const [changed] = await runBatch(
    db,
    [
      setConfirmedEmailStatement(db, shopper.id, newEmail, shopper.tokenVersion, now),
      endResetTokensStatement(db, shopper.id, now),
      endEmailChangesStatement(db, shopper.id, now),
      insertTimelineEventStatement(db, customerIdRef(shopper.id), 'email_changed', shopperActor(shopper), { from: shopper.email, to: newEmail }, now),
      customerEvent(db, 'store/customer/updated', existingIds('customers', shopper.id), now),
      customerEvent(db, 'store/customer/email_verified', verifiedNowIds(shopper.id, now), now),
    ],
    { ...SHOPPER_WRITE, unique: emailTaken },
  );
  if (!changed!.results.length) throw tokenRevoked();
  const now2 = await findLiveShopper(db, shopper.id, shopper.tokenVersion);
  if (!now2) throw tokenRevoked();
  const notice = emailChangedMail(locale, { newEmail });
  return { customer: now2.profile, mail: mailerFor(env).send({ to: shopper.email, kind: 'email_changed', ...notice }) };
}
