// SQL for newsletter subscribers (BigCommerce's Subscribers V3 records) and their consents.
import { isoNow } from '../time';

export const CONSENTS = ['marketing_newsletter', 'abandoned_cart'] as const;
export type Consent = (typeof CONSENTS)[number];

/** Creates or updates the subscriber record of an email with exactly these consents. */
export function upsertSubscriber(
  db: D1Database,
  s: { email: string; first_name?: string; last_name?: string; source: string; channel_id?: number; consents: readonly Consent[] },
  now = isoNow(),
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO subscribers (email, first_name, last_name, source, channel_id, consents, date_created, date_modified)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
       ON CONFLICT (email) DO UPDATE SET consents = excluded.consents, date_modified = excluded.date_modified`,
    )
    .bind(s.email, s.first_name ?? '', s.last_name ?? '', s.source, s.channel_id ?? 1, JSON.stringify(s.consents), now);
}

export function deleteSubscriberByEmail(db: D1Database, email: string): D1PreparedStatement {
  return db.prepare('DELETE FROM subscribers WHERE email = ?1').bind(email);
}
