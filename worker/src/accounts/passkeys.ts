// Passkeys (issue 14): the WebAuthn relying party's rules. docs/storefront-api.md "Passkeys".
// - A challenge is single-use (deleted as it is taken, whatever the outcome), bound to the browser that
//   asked (the SHA-256 of its `sfa_webauthn` cookie) and, for a registration, to the signed-in customer;
//   valid CHALLENGE_TTL_SECONDS. The relying party id is fixed when the options are made.
// - Every ceremony: the client data's origin is one the store trusts (its storefront origins; what CORS
//   trusts), the authenticator signed for that relying party id, the user
//   was present and verified (fingerprint, face, PIN).
// - Registration needs recent authentication, as linking a provider does (sign-in-methods.ts), and adds
//   the credential to the shopper; a credential registered anywhere in the store cannot be added again.
// - Sign-in finds the credential by its id, verifies the signature with its stored key (WebCrypto), and
//   starts a normal session for its owner (never anyone else): the counter must move forward (a counter
//   that goes back means a cloned authenticator), recorded in the session's batch.
// - A passkey is a way in: deleting the last way in is refused (db/ways-in.ts), as unlinking a provider is.
import {
  type AuthenticationResponseJSON,
  newChallenge,
  type ParsedCeremony,
  parseAssertion,
  parseRegistration,
  type RegistrationResponseJSON,
  rpIdHashMatches,
  SUPPORTED_ALGORITHMS,
  verifyAssertionSignature,
} from '../auth/webauthn';
import { sha256Hex } from '../auth/crypto';
import { firstRow, runBatch } from '../db/batch';
import {
  consumeWebauthnChallengeStatement,
  deletePasskeyUnlessLastStatement,
  findPasskeyCredentialStatement,
  insertPasskeyStatement,
  insertWebauthnChallengeStatement,
  listPasskeyCredentialIds,
  listPasskeys,
  type PasskeyCredentialRow,
  type PasskeyRow,
  purgeExpiredWebauthnChallengesStatement,
  recordPasskeyUseStatement,
  renamePasskeyStatement,
  type WebauthnChallengeRow,
} from '../db/passkeys';
import { customerIdRef, insertTimelineEventStatement } from '../db/timeline';
import type { Bindings, LiveShopper } from '../env';
import { ApiError } from '../errors';
import { mailerFor } from '../mail/mailer';
import { type Locale, passkeyMail } from '../mail/templates';
import { base64url } from '../shared/base64url';
import type { OwnProfile, Passkey, PasskeyCreationOptionsJSON, PasskeyRequestOptionsJSON } from '../shared/api-types';
import type { IssuedSession } from '../auth/refresh-tokens';
import { addSeconds, afterTheResponse, isoNow } from '../time';
import { type ClientInfo, startSessionWithProfile } from './sessions';
import { SHOPPER_WRITE, shopperActor } from './shoppers';
import { verificationRequired } from './email-ownership';
import { confirmRecentAuthentication } from './sign-in-methods';

/** How long a challenge (and the options' `timeout`) is valid. */
export const CHALLENGE_TTL_SECONDS = 5 * 60;
/** The name of a passkey added without one. */
export const DEFAULT_PASSKEY_NAME = 'Passkey';

/** Where a ceremony happens: the relying party (fixed by the options), the browser, the origins the store trusts. */
export interface Ceremony {
  /** The `sfa_webauthn` cookie of this browser (undefined when it sent none). */
  browser: string | undefined;
  /** Whether the store trusts `origin` (its storefront origins, as CORS does). */
  isAllowedOrigin: (origin: string) => Promise<boolean>;
}

/** The stored form of a challenge. */
export const hashChallenge = (challenge: string) => sha256Hex(`webauthn-challenge:${challenge}`);
/** The stored form of a browser binding cookie value. */
export const hashBrowserBinding = (value: string) => sha256Hex(`webauthn-browser:${value}`);

export function toPasskey(row: PasskeyRow): Passkey {
  return {
    id: row.id,
    name: row.name,
    date_created: row.date_created,
    last_used: row.last_used_at,
    device_type: row.device_type,
    backed_up: row.backed_up === 1,
  };
}

async function storeChallenge(
  env: Bindings,
  challenge: Omit<WebauthnChallengeRow, 'expires_at' | 'customer_id' | 'user_handle' | 'browser_hash'> & {
    browser: string;
    customer_id?: number;
    user_handle?: string;
  },
): Promise<string> {
  const value = newChallenge();
  const insert = insertWebauthnChallengeStatement(env.DB, {
    challenge_hash: await hashChallenge(value),
    purpose: challenge.purpose,
    customer_id: challenge.customer_id,
    browser_hash: await hashBrowserBinding(challenge.browser),
    rp_id: challenge.rp_id,
    user_handle: challenge.user_handle,
    expires_at: addSeconds(isoNow(), CHALLENGE_TTL_SECONDS),
  });
  // A registration's challenge names the shopper: a foreign key failing means they were erased meanwhile.
  await runBatch(env.DB, [purgeExpiredWebauthnChallengesStatement(env.DB), insert], challenge.customer_id === undefined ? {} : SHOPPER_WRITE);
  return value;
}

/**
 * Registration options for the signed-in shopper (recent authentication required, as for linking a
 * provider): a challenge bound to this browser and this shopper, their passkeys excluded, a discoverable
 * credential with user verification. `user.id` is an opaque random handle per customer, never the email.
 */
export async function registrationOptions(
  env: Bindings,
  shopper: LiveShopper,
  place: { rpId: string; rpName: string; browser: string; currentPassword?: string },
): Promise<PasskeyCreationOptionsJSON> {
  await confirmRecentAuthentication(env, shopper, place.currentPassword);
  const existing = await listPasskeyCredentialIds(env.DB, shopper.id);
  const userHandle = existing[0]?.user_handle ?? base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = await storeChallenge(env, {
    purpose: 'register',
    customer_id: shopper.id,
    browser: place.browser,
    rp_id: place.rpId,
    user_handle: userHandle,
  });
  const displayName = `${shopper.profile.first_name} ${shopper.profile.last_name}`.trim() || shopper.email;
  return {
    challenge,
    rp: { id: place.rpId, name: place.rpName },
    user: { id: userHandle, name: shopper.email, displayName },
    pubKeyCredParams: SUPPORTED_ALGORITHMS.map((alg) => ({ type: 'public-key' as const, alg })),
    timeout: CHALLENGE_TTL_SECONDS * 1000,
    excludeCredentials: existing.map((k) => ({ type: 'public-key' as const, id: k.credential_id, transports: JSON.parse(k.transports) as string[] })),
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
    attestation: 'none',
  };
}

/** Sign-in options for a guest: discoverable credentials (no allowCredentials), so autofill (conditional mediation) works. */
export async function authenticationOptions(env: Bindings, place: { rpId: string; browser: string }): Promise<PasskeyRequestOptionsJSON> {
  const challenge = await storeChallenge(env, { purpose: 'authenticate', browser: place.browser, rp_id: place.rpId });
  return { challenge, rpId: place.rpId, timeout: CHALLENGE_TTL_SECONDS * 1000, userVerification: 'required', allowCredentials: [] };
}

/** The challenge a ceremony answers, checked: known and unused, of this purpose (and customer), this browser, in time. */
async function checkChallenge(
  row: WebauthnChallengeRow | null,
  expected: { purpose: WebauthnChallengeRow['purpose']; customerId?: number; browser: string | undefined },
): Promise<WebauthnChallengeRow> {
  if (!row || row.purpose !== expected.purpose) throw new ApiError('passkey_challenge_invalid', { detail: 'Unknown or already used challenge.' });
  if (expected.customerId !== undefined && row.customer_id !== expected.customerId) {
    throw new ApiError('passkey_challenge_invalid', { detail: 'The challenge was issued to another shopper.' });
  }
  if (!expected.browser || (await hashBrowserBinding(expected.browser)) !== row.browser_hash) throw new ApiError('passkey_other_browser');
  if (row.expires_at < isoNow()) throw new ApiError('passkey_challenge_expired');
  return row;
}

/** The checks every ceremony shares: origin, relying party, user presence and verification. */
async function checkCeremony(parsed: ParsedCeremony, rpId: string, ceremony: Ceremony): Promise<void> {
  const { origin, crossOrigin } = parsed.clientData;
  // Any storefront origin of the store: the browser ties the origin to the relying party id (its domain, or
  // one of the related origins the store lists at https://{rpId}/.well-known/webauthn).
  if (crossOrigin || !(await ceremony.isAllowedOrigin(origin))) {
    throw new ApiError('passkey_origin_invalid', { detail: `Origin ${origin.slice(0, 200)} is not a storefront of this store.` });
  }
  if (!(await rpIdHashMatches(parsed.rpIdHash, rpId))) throw new ApiError('passkey_rp_id_invalid', { detail: `Expected the relying party ${rpId}.` });
  if (!parsed.flags.userPresent) throw new ApiError('passkey_invalid', { detail: 'The user was not present (UP flag).' });
  if (!parsed.flags.userVerified) throw new ApiError('passkey_user_verification_required');
  if (parsed.flags.backedUp && !parsed.flags.backupEligible) throw new ApiError('passkey_invalid', { detail: 'Backed up but not backup eligible.' });
}

/**
 * Adds the passkey of a registration response to the signed-in shopper (after the checks above). The
 * owner is mailed (`mail`: hand it to waitUntil; it waits until after the response).
 */
export async function registerPasskey(
  env: Bindings,
  shopper: LiveShopper,
  credential: RegistrationResponseJSON,
  input: Ceremony & { name?: string; locale?: Locale },
): Promise<{ passkey: Passkey; mail: Promise<void> }> {
  const parsed = parseRegistration(credential);
  const [taken] = await runBatch(env.DB, [consumeWebauthnChallengeStatement(env.DB, await hashChallenge(parsed.clientData.challenge))]);
  const challenge = await checkChallenge(firstRow<WebauthnChallengeRow>(taken), {
    purpose: 'register',
    customerId: shopper.id,
    browser: input.browser,
  });
  await checkCeremony(parsed, challenge.rp_id, input);
  const name = input.name || DEFAULT_PASSKEY_NAME;
  const [inserted] = await runBatch(
    env.DB,
    [
      insertPasskeyStatement(env.DB, {
        customerId: shopper.id,
        credentialId: parsed.credentialId,
        userHandle: challenge.user_handle ?? base64url(crypto.getRandomValues(new Uint8Array(32))),
        publicKey: parsed.publicKey,
        algorithm: parsed.algorithm,
        signCount: parsed.signCount,
        transports: parsed.transports,
        name,
        deviceType: parsed.flags.backupEligible ? 'multi_device' : 'single_device',
        backedUp: parsed.flags.backedUp,
      }),
      insertTimelineEventStatement(env.DB, customerIdRef(shopper.id), 'passkey_added', shopperActor(shopper), { name }),
    ],
    { ...SHOPPER_WRITE, unique: () => new ApiError('passkey_exists') },
  );
  const passkey = toPasskey(firstRow<PasskeyRow>(inserted)!);
  return { passkey, mail: mailPasskeyChange(env, shopper.email, 'added', name, input.locale) };
}

/**
 * Signs in with a passkey: the session (tokens, refresh) of the credential's owner, exactly as a password
 * log-in answers; the counter and last use are recorded in the session's batch. The sign-in counts as
 * recent authentication (a new session family: `auth_time` now).
 */
export async function signInWithPasskey(
  env: Bindings,
  credential: AuthenticationResponseJSON,
  input: Ceremony & { client: ClientInfo },
): Promise<{ customer: OwnProfile; session: IssuedSession }> {
  const db = env.DB;
  const parsed = parseAssertion(credential);
  // The challenge is taken (single-use, whatever follows) and the credential read in one round trip.
  const [taken, found] = await runBatch(db, [
    consumeWebauthnChallengeStatement(db, await hashChallenge(parsed.clientData.challenge)),
    findPasskeyCredentialStatement(db, parsed.credentialId.slice(0, 1400)),
  ]);
  const challenge = await checkChallenge(firstRow<WebauthnChallengeRow>(taken), { purpose: 'authenticate', browser: input.browser });
  await checkCeremony(parsed, challenge.rp_id, input);
  const passkey = firstRow<PasskeyCredentialRow>(found);
  if (!passkey) throw new ApiError('passkey_unknown');
  if (parsed.userHandle !== null && parsed.userHandle !== passkey.user_handle) {
    throw new ApiError('passkey_invalid', { detail: 'The user handle is not the one of this passkey.' });
  }
  if (!(await verifyAssertionSignature(parsed, { publicKey: passkey.public_key, algorithm: passkey.algorithm }))) {
    throw new ApiError('passkey_invalid', { detail: 'The signature does not verify with the stored key.' });
  }
  const regression = () => new ApiError('passkey_counter_regression');
  if ((parsed.signCount !== 0 || passkey.sign_count !== 0) && parsed.signCount <= passkey.sign_count) throw regression();
  if (passkey.force_password_reset) throw new ApiError('password_reset_required');
  // Policy `required` holds for every way in: an account made while it was `optional` signs in by code first.
  if (!passkey.email_verified && (await verificationRequired(env, input.client.channelId ?? 1))) throw new ApiError('email_unverified');
  const { customer, session } = await startSessionWithProfile(
    env,
    { id: passkey.customer_id, token_version: passkey.token_version, customer_group_id: passkey.customer_group_id },
    input.client,
    // Re-checked in the UPDATE: of two sign-ins racing with the same counter, one is refused.
    [recordPasskeyUseStatement(db, { id: passkey.id, signCount: parsed.signCount, backedUp: parsed.flags.backedUp })],
    { notNull: regression },
  );
  return { customer, session };
}

/** The shopper's passkeys, oldest first (a read: rides in the live-shopper batch). */
export async function listShopperPasskeys(db: D1Database, customerId: number): Promise<Passkey[]> {
  return (await listPasskeys(db, customerId)).map(toPasskey);
}

/** Renames one of the shopper's passkeys; another shopper's (or none) is `passkey_not_found`. */
export async function renamePasskey(env: Bindings, shopper: LiveShopper, id: number, name: string): Promise<Passkey> {
  const [renamed] = await runBatch(env.DB, [renamePasskeyStatement(env.DB, shopper.id, id, name)], SHOPPER_WRITE);
  const row = firstRow<PasskeyRow>(renamed);
  if (!row) throw new ApiError('passkey_not_found');
  return toPasskey(row);
}

/**
 * Deletes one of the shopper's passkeys (recent authentication required), unless it is their last way in
 * (409 `last_sign_in_method`, checked inside the DELETE). The owner is mailed (`mail`, after the response).
 */
export async function deletePasskey(
  env: Bindings,
  shopper: LiveShopper,
  id: number,
  proof: { currentPassword?: string; locale?: Locale } = {},
): Promise<{ mail: Promise<void> }> {
  const db = env.DB;
  await confirmRecentAuthentication(env, shopper, proof.currentPassword);
  const [deleted] = await runBatch(db, [deletePasskeyUnlessLastStatement(db, shopper.id, id)]);
  const row = firstRow<{ name: string }>(deleted);
  if (!row) {
    const exists = (await listPasskeys(db, shopper.id)).some((k) => k.id === id);
    if (!exists) throw new ApiError('passkey_not_found');
    throw new ApiError('last_sign_in_method', {
      detail: 'Set a password (through "forgot password"), link a provider or add another passkey before removing it.',
    });
  }
  await runBatch(
    db,
    [insertTimelineEventStatement(db, customerIdRef(shopper.id), 'passkey_removed', shopperActor(shopper), { name: row.name })],
    SHOPPER_WRITE,
  );
  return { mail: mailPasskeyChange(env, shopper.email, 'removed', row.name, proof.locale) };
}

/** Mails the owner that a passkey was added or removed, 50 ms after the response; a failure is logged, never undoes the change. */
async function mailPasskeyChange(env: Bindings, to: string, change: 'added' | 'removed', name: string, locale: Locale = 'en'): Promise<void> {
  await afterTheResponse();
  try {
    await mailerFor(env).send({ to, kind: `passkey_${change}`, ...passkeyMail(locale, change, { name }) });
  } catch (err) {
    console.error('could not mail the passkey change', err);
  }
}
