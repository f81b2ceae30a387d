// SQL for a customer's cookie-tracking consent (BigCommerce's /v3/customers/{id}/consent): one row per
// customer that has declared one, JSON arrays of allowed and denied categories. accounts/tracking-consent.ts
// owns the rules.

export interface TrackingConsentRow {
  allow: string;
  deny: string;
  updated_at: string;
}

/** [whether the customer exists, their stored consent]: one round trip for a read that 404s an unknown customer. */
export function trackingConsentStatements(db: D1Database, customerId: number): [D1PreparedStatement, D1PreparedStatement] {
  return [
    db.prepare('SELECT id FROM customers WHERE id = ?1').bind(customerId),
    db.prepare('SELECT allow, deny, updated_at FROM customer_tracking_consents WHERE customer_id = ?1').bind(customerId),
  ];
}

/** Replaces the customer's declaration; an unknown customer fails the foreign key (runBatch's `foreignKey`). */
export function putTrackingConsentStatement(
  db: D1Database,
  customerId: number,
  allow: readonly string[],
  deny: readonly string[],
  now: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO customer_tracking_consents (customer_id, allow, deny, updated_at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (customer_id) DO UPDATE SET allow = excluded.allow, deny = excluded.deny, updated_at = excluded.updated_at
       RETURNING allow, deny, updated_at`,
    )
    .bind(customerId, JSON.stringify(allow), JSON.stringify(deny), now);
}
