// A customer's consent to cookie tracking on the storefront (BigCommerce's /v3/customers/{id}/consent,
// not the newsletter consents of subscribers.ts): which of the categories functional, analytics and
// targeting they allow or deny. `essential` cookies are what the store needs to work, so they are always
// allowed and cannot be denied. A PUT declares the whole choice: a category it names in neither list is
// undecided (in neither list) afterwards. A customer who never declared answers `essential` alone and no
// `updated_at`.
import { firstRow, runBatch } from '../db/batch';
import { putTrackingConsentStatement, type TrackingConsentRow, trackingConsentStatements } from '../db/tracking-consent';
import { ApiError, fieldError, type FieldErrors, throwIfInvalid } from '../errors';
import { isoNow } from '../time';

export const CONSENT_CATEGORIES = ['essential', 'functional', 'analytics', 'targeting'] as const;
export type ConsentCategory = (typeof CONSENT_CATEGORIES)[number];

/** The spec's consent_Full: categories in the spec's order, `essential` always allowed. */
export interface TrackingConsent {
  allow: ConsentCategory[];
  deny: ConsentCategory[];
  updated_at?: string;
}

const inOrder = (set: ReadonlySet<string>) => CONSENT_CATEGORIES.filter((c) => set.has(c));

function toConsent(row: TrackingConsentRow | null): TrackingConsent {
  if (!row) return { allow: ['essential'], deny: [] };
  const allow = new Set<string>(JSON.parse(row.allow) as string[]).add('essential');
  return { allow: inOrder(allow), deny: inOrder(new Set(JSON.parse(row.deny) as string[])), updated_at: row.updated_at };
}

export async function getTrackingConsent(db: D1Database, customerId: number): Promise<TrackingConsent> {
  const [customer, consent] = await db.batch(trackingConsentStatements(db, customerId));
  if (!firstRow(customer)) throw new ApiError('customer_not_found');
  return toConsent(firstRow<TrackingConsentRow>(consent));
}

/** Declares the customer's choice: a category in both lists, or `essential` denied → 422 naming it. */
export async function setTrackingConsent(
  db: D1Database,
  customerId: number,
  input: { allow?: readonly ConsentCategory[]; deny?: readonly ConsentCategory[] },
): Promise<TrackingConsent> {
  const allow = new Set(input.allow ?? []);
  const deny = new Set(input.deny ?? []);
  const errors: FieldErrors = {};
  if (deny.has('essential')) errors.deny = fieldError('invalid_value', 'Essential cookies are always allowed: the store cannot work without them');
  const both = inOrder(allow).filter((c) => deny.has(c));
  if (both.length) errors.deny ??= fieldError('invalid_value', `Allowed and denied at once: ${both.join(', ')}`);
  throwIfInvalid(errors);
  allow.delete('essential');
  // One round trip: an unknown customer fails the foreign key and nothing is written.
  const [result] = await runBatch(db, [putTrackingConsentStatement(db, customerId, inOrder(allow), inOrder(deny), isoNow())], {
    foreignKey: () => new ApiError('customer_not_found'),
  });
  return toConsent(firstRow<TrackingConsentRow>(result));
}
