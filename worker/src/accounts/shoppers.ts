// The signed-in shopper: the live-shopper read (the customer whose token_version is the token's, with
// their own profile: what the live-shopper middleware, sign-in, sign-up and a profile change answer),
// who the timeline says acted when a shopper writes, and what a constraint failure means on such a write.
import type { ConstraintErrors } from '../db/batch';
import { findLiveShopperRows, liveShopperRowsOf, liveShopperStatements, type LiveShopperRows } from '../db/customers';
import { withReadsAlong } from '../db/ride-along';
import type { Actor } from '../db/timeline';
import type { LiveShopper } from '../env';
import { tokenRevoked } from '../errors';
import type { OwnProfile } from '../shared/api-types';
import type { FormFieldValue } from '../shared/form-field-rules';

/** The shopper from the live-shopper read (db/customers.ts liveShopperStatements); null when gone or the token's version is stale. */
export function toLiveShopper({ customer, fields }: LiveShopperRows): LiveShopper | null {
  if (!customer) return null;
  const profile: OwnProfile = {
    id: customer.id,
    email: customer.email,
    first_name: customer.first_name,
    last_name: customer.last_name,
    company: customer.company,
    phone: customer.phone,
    customer_group_id: customer.customer_group_id ?? 0,
    has_password: customer.has_password === 1,
    email_verified: customer.email_verified === 1,
    pending_email: customer.pending_email ?? null,
    date_created: customer.date_created,
    date_modified: customer.date_modified,
    form_fields: fields.map((f) => ({ name: f.name, value: JSON.parse(f.value) as FormFieldValue })),
  };
  return {
    id: customer.id,
    email: customer.email,
    groupId: profile.customer_group_id,
    tokenVersion: customer.token_version,
    hasPassword: profile.has_password,
    emailVerified: profile.email_verified,
    profile,
  };
}

/**
 * The signed-in shopper with their own profile and form field values, in one round trip. Null when
 * the customer is gone or the token's version is stale (password changed, reset, logged out everywhere).
 */
export async function findLiveShopper(db: D1Database, id: number, tokenVersion: number): Promise<LiveShopper | null> {
  return toLiveShopper(await findLiveShopperRows(db, id, tokenVersion));
}

/**
 * A signed-in shopper's read in one round trip: the live-shopper check with the reads `read` makes riding
 * in its batch (db/ride-along.ts). `read` gets the customer id of the token, not yet proven live, so it
 * must only read; what it read (or its error) is handed out only when the check passes (else `token_revoked`).
 */
export async function readAsLiveShopper<T>(
  db: D1Database,
  token: { customerId: number; tokenVersion: number },
  read: (db: D1Database, customerId: number) => Promise<T>,
): Promise<{ shopper: LiveShopper; value: Promise<T> }> {
  const { head, value } = await withReadsAlong(db, liveShopperStatements(db, token.customerId, token.tokenVersion), (d) => read(d, token.customerId));
  const shopper = toLiveShopper(liveShopperRowsOf(head[0], head[1]));
  if (!shopper) throw tokenRevoked();
  // `value` may still reject (e.g. order_not_found): the caller knows the shopper is live either way.
  return { shopper, value };
}

/** The shopper as the timeline names them (their email at the time). */
export function shopperActor(shopper: { email: string }): Actor {
  return { type: 'shopper', name: shopper.email };
}

/**
 * runBatch's options for a signed-in shopper's writes to their own records (profile, password, address
 * book, consents, order claims, sessions). A foreign key failing there means the account was erased
 * after the live-shopper check: their token is dead, so answer `token_revoked` (what the widget handles
 * by signing out), not the admin API's `reference_gone`. A unique index keeps its default
 * (`concurrent_change`: e.g. two requests each made a different address the default) unless a caller
 * says otherwise.
 */
export const SHOPPER_WRITE: ConstraintErrors = { foreignKey: tokenRevoked };
