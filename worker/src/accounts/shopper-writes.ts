// What a constraint failure means when a signed-in shopper writes their own records (address book,
// consents, order claims): runBatch's options for those writes, in one place.
import type { ConstraintErrors } from '../db/batch';
import { ApiError } from '../errors';

/**
 * A foreign key failing on the shopper's own write means the account was erased after the live-shopper
 * check: their token is dead, so answer `token_revoked` (what the widget handles by signing out), not
 * the admin API's `reference_gone`. A unique index keeps its default (`concurrent_change`: e.g. two
 * requests each made a different address the default).
 */
export const SHOPPER_WRITE: ConstraintErrors = {
  foreignKey: () => new ApiError('token_revoked', { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } }),
};
