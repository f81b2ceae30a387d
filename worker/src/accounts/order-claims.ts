// Claiming earlier guest orders: the shopper asks for a code, which is mailed to the account's email;
// confirming it attaches the guest orders placed with that email. An email grants nothing by itself
// (DESIGN.md §3): only the code proves control of the mailbox, and only of the mailbox it went to.
import { sha256Hex } from '../auth/crypto';
import { runBatch } from '../db/batch';
import { attemptClaimCodeStatement, claimGuestOrdersStatements, type ClaimCodeRow, insertClaimCodeStatements } from '../db/order-claims';
import type { Bindings, LiveShopper } from '../env';
import { ApiError, fieldError } from '../errors';
import { mailerFor } from '../mail/mailer';
import { isoNow } from '../time';
import { enforceLimit } from './rate-limits';
import { SHOPPER_WRITE } from './shoppers';

const CLAIM_CODE_TTL_SECONDS = 15 * 60;
/** Tries per code: a 6-digit code with 5 tries is a 1 in 200,000 guess. */
export const MAX_CLAIM_ATTEMPTS = 5;

// Bound to the customer, so a code mailed to one account is worthless for another.
const codeHash = (customerId: number, code: string) => sha256Hex(`order-claim:${customerId}:${code}`);

/** Mails a new 6-digit code to the shopper's email (replacing any earlier one); answers its lifetime in seconds. */
export async function sendClaimCode(env: Bindings, shopper: LiveShopper): Promise<number> {
  // Each code allows 5 tries; without a limit on new codes that would be no limit at all (and a mail cannon).
  await enforceLimit(env, 'RESET_LIMITER', `claim:${shopper.id}`);
  const code = String(crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000).padStart(6, '0');
  await runBatch(
    env.DB,
    insertClaimCodeStatements(env.DB, shopper.id, shopper.email, await codeHash(shopper.id, code), CLAIM_CODE_TTL_SECONDS),
    SHOPPER_WRITE,
  );
  await mailerFor(env).send({
    to: shopper.email,
    kind: 'order_claim',
    subject: `Your code: ${code}`,
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
  const results = await runBatch<{ id: number }>(db, claimGuestOrdersStatements(db, live.id, shopper.id, live.email, isoNow()), SHOPPER_WRITE);
  return results[1]!.results.map((r) => r.id).sort((a, b) => a - b);
}
