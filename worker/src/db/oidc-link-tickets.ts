// SQL for the one-time link URLs of OpenID Connect linking (migration 0008): `POST …/oidc/{p}/link`
// stores a ticket (its SHA-256), the shopper's browser opens it once, within two minutes. Builders only.
import { isoNow } from '../time';

/** A ticket as opened. */
export interface OidcLinkTicketRow {
  provider: string;
  customer_id: number;
  return_to: string;
  expires_at: string;
  /** 1 when the customer still has the token_version of the session that asked for the ticket. */
  session_live: number;
}

export function insertOidcLinkTicketStatement(
  db: D1Database,
  t: { ticket_hash: string; provider: string; customer_id: number; token_version: number; return_to: string; expires_at: string },
): D1PreparedStatement {
  return db
    .prepare(
      'INSERT INTO oidc_link_tickets (ticket_hash, provider, customer_id, token_version, return_to, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)',
    )
    .bind(t.ticket_hash, t.provider, t.customer_id, t.token_version, t.return_to, t.expires_at);
}

/** Takes a ticket (one-time: deleted as it is read) with whether its session is still live; no row when unknown or used. */
export function consumeOidcLinkTicketStatement(db: D1Database, ticketHash: string): D1PreparedStatement {
  return db
    .prepare(
      `DELETE FROM oidc_link_tickets WHERE ticket_hash = ?1
       RETURNING provider, customer_id, return_to, expires_at,
         EXISTS (SELECT 1 FROM customers c WHERE c.id = oidc_link_tickets.customer_id AND c.token_version = oidc_link_tickets.token_version) AS session_live`,
    )
    .bind(ticketHash);
}

export function purgeExpiredOidcLinkTicketsStatement(db: D1Database, now = isoNow()): D1PreparedStatement {
  return db.prepare('DELETE FROM oidc_link_tickets WHERE expires_at < ?1').bind(now);
}
