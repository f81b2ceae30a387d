// Changing a shopper's ways in (linking or unlinking a sign-in provider — issue 13; adding or removing a
// passkey — issue 14, accounts/passkeys.ts):
// - Recent authentication: an access token alone is not enough (any script on an allowed storefront
//   origin can mint one through the refresh cookie). The session must have signed in within the last
//   RECENT_AUTH_SECONDS (the token's `auth_time`, kept across refreshes) or, for an account with a
//   password, the request confirms the current password; otherwise 403 `reauthentication_required`.
// - A link is bound to the browser that asked: the API answers a one-time URL on the worker (a ticket,
//   stored as its SHA-256, two minutes, deleted when opened) and opening it sets the state cookie the
//   callback requires, so a link URL sent to someone else's browser links nothing.
// - The owner is mailed whenever a way in is added or removed.
import { randomToken, sha256Hex } from '../auth/crypto';
import { runBatch, firstRow } from '../db/batch';
import { getOidcProviderBySlug } from '../db/oidc';
import {
  consumeOidcLinkTicketStatement,
  insertOidcLinkTicketStatement,
  type OidcLinkTicketRow,
  purgeExpiredOidcLinkTicketsStatement,
} from '../db/oidc-link-tickets';
import type { Bindings, LiveShopper } from '../env';
import { ApiError } from '../errors';
import { OidcError } from '../auth/oidc-error';
import { mailerFor } from '../mail/mailer';
import { type Locale, signInMethodMail } from '../mail/templates';
import { addSeconds, isoNow } from '../time';
import { confirmCurrentPassword } from './passwords';
import { SHOPPER_WRITE } from './shoppers';

/** How recent a sign-in must be to change the ways in without the current password. */
export const RECENT_AUTH_SECONDS = 5 * 60;
/** How long a one-time link URL stays valid. */
export const LINK_TICKET_TTL_SECONDS = 2 * 60;

/**
 * Recent authentication for changing the ways in: a current password given is checked (a wrong one is
 * refused as always); else a sign-in within RECENT_AUTH_SECONDS suffices; else 403
 * `reauthentication_required` (sign in again, or give the current password if the account has one).
 */
export async function confirmRecentAuthentication(env: Bindings, shopper: LiveShopper, currentPassword: string | undefined): Promise<void> {
  if (shopper.hasPassword && currentPassword) return confirmCurrentPassword(env, shopper, currentPassword);
  const age = shopper.authTime === undefined ? Infinity : Math.floor(Date.now() / 1000) - shopper.authTime;
  if (age >= -60 && age <= RECENT_AUTH_SECONDS) return;
  throw new ApiError('reauthentication_required', {
    detail: `Sign in again (within ${RECENT_AUTH_SECONDS / 60} minutes) before changing your sign-in methods (providers, passkeys).`,
  });
}

const hashTicket = (ticket: string) => sha256Hex(`oidc-link:${ticket}`);

/** Stores a one-time link ticket for the shopper and answers the worker URL that opens it. */
export async function issueLinkTicket(
  env: Bindings,
  shopper: LiveShopper,
  link: { provider: string; returnTo: string; ownOrigin: string },
): Promise<{ url: string }> {
  const ticket = randomToken();
  const insert = insertOidcLinkTicketStatement(env.DB, {
    ticket_hash: await hashTicket(ticket),
    provider: link.provider,
    customer_id: shopper.id,
    token_version: shopper.tokenVersion,
    return_to: link.returnTo,
    expires_at: addSeconds(isoNow(), LINK_TICKET_TTL_SECONDS),
  });
  await runBatch(env.DB, [purgeExpiredOidcLinkTicketsStatement(env.DB), insert], SHOPPER_WRITE);
  return { url: `${link.ownOrigin}/storefront/oidc/link/${ticket}` };
}

/**
 * Opens a link ticket (once): the customer and where to come back, or `invalid_state` (unknown, used,
 * or its session was revoked since) / `expired_state`. The caller starts the authorization and sets the
 * state cookie in the same response.
 */
export async function openLinkTicket(env: Bindings, ticket: string): Promise<Pick<OidcLinkTicketRow, 'provider' | 'customer_id' | 'return_to'>> {
  if (!/^[\w-]{20,100}$/.test(ticket)) throw new OidcError('invalid_state', 'malformed link ticket');
  const [taken] = await runBatch(env.DB, [consumeOidcLinkTicketStatement(env.DB, await hashTicket(ticket))]);
  const row = firstRow<OidcLinkTicketRow>(taken);
  if (!row) throw new OidcError('invalid_state', 'unknown or already used link ticket');
  if (!row.session_live) throw new OidcError('invalid_state', 'the session that asked for the link ended');
  if (row.expires_at < isoNow()) throw new OidcError('expired_state', 'link ticket');
  return row;
}

/** Mails the owner that a way in was added or removed; a mail failure is logged, never undoes the change. */
export async function mailSignInMethodChange(
  env: Bindings,
  to: string,
  change: 'linked' | 'unlinked',
  slug: string,
  locale: Locale = 'en',
): Promise<void> {
  try {
    const name = (await getOidcProviderBySlug(env.DB, slug))?.name ?? slug;
    await mailerFor(env).send({ to, kind: `identity_${change}`, ...signInMethodMail(locale, change, { provider: name }) });
  } catch (err) {
    console.error('could not mail the sign-in method change', err);
  }
}
