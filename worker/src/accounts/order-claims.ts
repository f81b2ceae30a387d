// Claiming earlier guest orders placed with the account's email. An email grants nothing by itself
// (DESIGN.md §3): a shopper whose email is verified (a mailed code or link proved the mailbox) claims
// them in one step; an unverified one (API callers; the widget verifies the email first) confirms a
// code mailed to the account's email, which proves control of that mailbox and only of that one.
// Codes are limited per *email* (hourly and daily, counted in D1 over every code sent to it), so
// deleting the account and signing up again with the same email does not start a fresh limit.
import { claimedOrderIds } from '../db/webhooks';
import { customerEvent } from './webhooks';
import { sha256Hex } from '../auth/crypto';
import { runBatch } from '../db/batch';
import {
  attemptClaimCodeStatement,
  claimGuestOrdersStatements,
  type ClaimCodeLimits,
  type ClaimCodeRow,
  getClaimCodeRetryAfter,
  insertClaimCodeStatements,
  useClaimCodeStatement,
} from '../db/order-claims';
import type { Bindings, LiveShopper } from '../env';
import { ApiError, fieldError } from '../errors';
import { mailerFor } from '../mail/mailer';
import { isoNow } from '../time';
import { SHOPPER_WRITE, shopperActor } from './shoppers';

const CLAIM_CODE_TTL_SECONDS = 15 * 60;
/** Tries per code: a 6-digit code with 5 tries is a 1 in 200,000 guess. */
export const MAX_CLAIM_ATTEMPTS = 5;
/**
 * Codes per email: 5 an hour, 20 a day. Each code allows 5 tries, so one email can be guessed at
 * at most 100 times a day (1 in 10,000), and its mailbox gets at most 20 claim mails a day.
 */
export const CLAIM_CODE_LIMITS: ClaimCodeLimits = { perHour: 5, perDay: 20 };

// Bound to the customer, so a code mailed to one account is worthless for another.
const codeHash = (customerId: number, code: string) => sha256Hex(`order-claim:${customerId}:${code}`);

/** What `POST /storefront/customer/orders/claim` did: claimed at once (verified email), or mailed a code. */
export type ClaimStart = { claimed: number[] } | { codeSentFor: number };

/**
 * The claim button: with a verified email the guest orders of that email are attached at once
 * (answers their ids); otherwise a code is mailed (answers its lifetime in seconds).
 */
export async function startClaim(env: Bindings, shopper: LiveShopper): Promise<ClaimStart> {
  if (shopper.emailVerified) return { claimed: await claimVerified(env.DB, shopper) };
  return { codeSentFor: await sendClaimCode(env, shopper) };
}

/** Attaches the guest orders of the shopper's verified email (timeline `orders_claimed`); answers their ids. */
export async function claimVerified(db: D1Database, shopper: LiveShopper): Promise<number[]> {
  if (!shopper.emailVerified) throw new ApiError('email_unverified');
  return claim(db, shopper, shopper.email, []);
}

async function claim(db: D1Database, shopper: LiveShopper, email: string, before: D1PreparedStatement[]): Promise<number[]> {
  const now = isoNow();
  const statements = [
    ...before,
    // Before the UPDATE: the event names each guest order still unattached.
    customerEvent(db, 'store/customer/order_linked', claimedOrderIds(shopper.id, email), now),
    ...claimGuestOrdersStatements(db, shopper.id, email, shopperActor(shopper), now),
  ];
  const results = await runBatch<{ id: number }>(db, statements, SHOPPER_WRITE);
  return results[results.length - 1]!.results.map((r) => r.id).sort((a, b) => a - b);
}

/**
 * Mails a new 6-digit code to the shopper's email (replacing any earlier one); answers its lifetime in
 * seconds. Over the email's limit: 429 `rate_limited` with `Retry-After`, and no mail.
 */
export async function sendClaimCode(env: Bindings, shopper: LiveShopper): Promise<number> {
  const code = String(crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000).padStart(6, '0');
  const now = isoNow();
  // The limit is checked inside the INSERT, so concurrent requests cannot squeeze past it.
  const [inserted] = await runBatch<{ id: number }>(
    env.DB,
    insertClaimCodeStatements(
      env.DB,
      {
        customerId: shopper.id,
        email: shopper.email,
        codeHash: await codeHash(shopper.id, code),
        ttlSeconds: CLAIM_CODE_TTL_SECONDS,
        limits: CLAIM_CODE_LIMITS,
      },
      now,
    ),
    SHOPPER_WRITE,
  );
  if (!inserted!.results.length) {
    const retryAfter = await getClaimCodeRetryAfter(env.DB, shopper.email, CLAIM_CODE_LIMITS, now);
    throw new ApiError('rate_limited', { headers: { 'Retry-After': String(retryAfter) } });
  }
  await mailerFor(env).send({
    to: shopper.email,
    kind: 'order_claim',
    // The code is in the body only: subjects are kept in the outbox outside local runs.
    subject: 'Your code to add earlier orders',
    text: `Enter this code in your account to add earlier orders placed with ${shopper.email} as a guest:\n\n${code}\n\nIt is valid for ${CLAIM_CODE_TTL_SECONDS / 60} minutes. If you did not ask for it, ignore this message.`,
  });
  return CLAIM_CODE_TTL_SECONDS;
}

/**
 * Checks the code (counting the attempt) and attaches the guest orders of the email it was mailed to;
 * answers the ids attached. A wrong, used, expired or exhausted code is 422 `claim_code_invalid` with
 * the field code `invalid_or_expired` on `code` — one answer for all, so a guesser learns nothing.
 */
export async function confirmClaimCode(db: D1Database, shopper: LiveShopper, code: string): Promise<number[]> {
  const wrong = () =>
    new ApiError('claim_code_invalid', {
      errors: { code: fieldError('invalid_or_expired', 'That code is not valid; request a new one if it has expired') },
    });
  const [attempt] = await runBatch<ClaimCodeRow>(db, [attemptClaimCodeStatement(db, shopper.id, MAX_CLAIM_ATTEMPTS)]);
  const live = attempt!.results[0];
  if (!live) throw wrong();
  // The code proves control of the mailbox it went to; if the account's email changed since, it proves nothing.
  if (live.email.toLowerCase() !== shopper.email.toLowerCase() || live.code_hash !== (await codeHash(shopper.id, code))) throw wrong();
  return claim(db, shopper, live.email, [useClaimCodeStatement(db, live.id)]);
}
