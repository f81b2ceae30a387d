// SQL for newsletter subscribers (BigCommerce's Subscribers V3 records) and their consents (stored as a
// JSON array; which consents exist is accounts/subscribers.ts's CONSENTS).
import { type ListResult, listRows } from './list';
import { type DateRange, type Paging, Where } from './sql';
import type { Actor } from './timeline';
import { addSeconds, isoNow } from '../time';

/** Creates or updates the subscriber record of an email with exactly these consents. */
export function upsertSubscriberStatement(
  db: D1Database,
  s: { email: string; first_name?: string; last_name?: string; source: string; channel_id?: number; consents: readonly string[] },
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

export function deleteSubscriberByEmailStatement(db: D1Database, email: string): D1PreparedStatement {
  return db.prepare('DELETE FROM subscribers WHERE email = ?1').bind(email);
}

/**
 * Deletes the subscriber record of the customer's email only when that email is verified (for erasure:
 * the record of an unverified email may be a guest's, and an account that never proved the address must
 * not remove it). Run it before the customer row goes.
 */
export function deleteSubscriberOfVerifiedCustomerStatement(db: D1Database, customerId: number): D1PreparedStatement {
  return db
    .prepare('DELETE FROM subscribers WHERE email = (SELECT email FROM customers WHERE id = ?1 AND email_verified_at IS NOT NULL)')
    .bind(customerId);
}

/** The consents (JSON text) of the subscriber record of `email` (any case), or null when there is none. */
export async function findConsentsOfEmail(db: D1Database, email: string): Promise<string | null> {
  const row = await db.prepare('SELECT consents FROM subscribers WHERE email = ?1').bind(email).first<{ consents: string }>();
  return row?.consents ?? null;
}

/** The consents of the subscriber record of a customer's email, only when that email is verified. */
export async function findConsentsOfVerifiedCustomer(db: D1Database, customerId: number): Promise<string | null> {
  const row = await db
    .prepare('SELECT consents FROM subscribers WHERE email = (SELECT email FROM customers WHERE id = ?1 AND email_verified_at IS NOT NULL)')
    .bind(customerId)
    .first<{ consents: string }>();
  return row?.consents ?? null;
}

// ——— Double opt-in (guest sign-ups waiting for their confirmation link) ———

/** Deletes expired pending sign-ups (they name a guest's email and serve nothing; the caps count only a day). */
export function deleteExpiredNewsletterConfirmationsStatement(db: D1Database, now = isoNow()): D1PreparedStatement {
  return db.prepare('DELETE FROM newsletter_confirmations WHERE expires_at < ?1').bind(now);
}

/** A pending guest sign-up as stored (the token only as its hash). */
export interface NewsletterConfirmation {
  tokenHash: string;
  email: string;
  first_name: string;
  last_name: string;
  consents: readonly string[];
  channel_id: number;
  expiresAt: string;
}

/**
 * Stores a pending guest sign-up while the email got fewer than `perHour` confirmation mails in the last
 * hour and `perDay` in the last 24 hours (checked inside the INSERT, so concurrent requests cannot pass
 * it). Answers `RETURNING id`: no row means over the limit, nothing stored (and no mail is to be sent).
 */
export function insertNewsletterConfirmationStatement(
  db: D1Database,
  p: NewsletterConfirmation,
  limits: { perHour: number; perDay: number },
  now = isoNow(),
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO newsletter_confirmations (token_hash, email, first_name, last_name, consents, channel_id, expires_at, date_created)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
       WHERE (SELECT count(*) FROM newsletter_confirmations WHERE email = ?2 AND date_created > ?9) < ?10
         AND (SELECT count(*) FROM newsletter_confirmations WHERE email = ?2 AND date_created > ?11) < ?12
       RETURNING id`,
    )
    .bind(
      p.tokenHash,
      p.email,
      p.first_name,
      p.last_name,
      JSON.stringify(p.consents),
      p.channel_id,
      p.expiresAt,
      now,
      addSeconds(now, -3600),
      limits.perHour,
      addSeconds(now, -86_400),
      limits.perDay,
    );
}

// The subscriber's consents after a confirmation: what it had plus what the link confirms, each once,
// sorted (as normalizeConsents in accounts/subscribers.ts keeps them). `before` and `added` are JSON texts.
const mergedConsents = (before: string, added: string) =>
  `(SELECT json_group_array(value) FROM (SELECT value FROM json_each(${before}) UNION SELECT value FROM json_each(${added}) ORDER BY 1))`;

/**
 * Confirms a guest sign-up by its token, in one transaction: the token is taken (live, unused, not
 * expired: the first statement answers `RETURNING email`, nothing when the token is no good), a
 * `consents_changed` timeline entry goes to a registered customer with that email when their consents
 * grow, and the subscriber row is created or given the confirmed consents (only ever added: a link
 * cannot unsubscribe anyone). The later statements act only on the row this batch took.
 */
export function confirmNewsletterStatements(db: D1Database, tokenHash: string, now = isoNow()): D1PreparedStatement[] {
  return [
    db
      .prepare(`UPDATE newsletter_confirmations SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2 RETURNING email`)
      .bind(tokenHash, now),
    db
      .prepare(
        `INSERT INTO timeline_events (customer_id, type, detail, actor_type, actor_name, date_created)
         SELECT c.id, 'consents_changed', json_object('from', json(m.before), 'to', json(m.after)), 'shopper', c.email, ?2
         FROM (SELECT n.email, coalesce(s.consents, '[]') AS before, ${mergedConsents("coalesce(s.consents, '[]')", 'n.consents')} AS after
               FROM newsletter_confirmations n LEFT JOIN subscribers s ON s.email = n.email
               WHERE n.token_hash = ?1 AND n.used_at = ?2) m
         JOIN customers c ON c.email = m.email
         WHERE m.before <> m.after`,
      )
      .bind(tokenHash, now),
    db
      .prepare(
        `INSERT INTO subscribers (email, first_name, last_name, source, channel_id, consents, date_created, date_modified)
         SELECT n.email, n.first_name, n.last_name, 'storefront', n.channel_id, ${mergedConsents("'[]'", 'n.consents')}, ?2, ?2
         FROM newsletter_confirmations n WHERE n.token_hash = ?1 AND n.used_at = ?2
         ON CONFLICT (email) DO UPDATE SET consents = ${mergedConsents('subscribers.consents', 'excluded.consents')},
           date_modified = excluded.date_modified`,
      )
      .bind(tokenHash, now),
  ];
}

// ——— Admin API (/v3/customers/subscribers) ———
// Consent changes of a registered customer's email also go on that customer's timeline, in the same
// batch as the change: the INSERT … SELECT finds the customer by email and adds nothing for guests.

export interface SubscriberFilter {
  id?: number;
  ids?: number[];
  email?: string;
  firstName?: string;
  lastName?: string;
  source?: string;
  orderId?: number;
  channelId?: number;
  dateCreated?: DateRange;
  dateModified?: DateRange;
}

export interface SubscriberFields {
  email: string;
  first_name: string;
  last_name: string;
  source: string;
  order_id: number | null;
  channel_id: number;
  consents: readonly string[];
}

/** A subscribers row (consents as JSON text) with the list's sort column. */
export type SubscriberRow = Omit<SubscriberFields, 'consents'> & {
  id: number;
  consents: string;
  date_created: string;
  date_modified: string;
  sort_value: number;
};

const SUBSCRIBER_COLUMNS =
  's.id, s.email, s.first_name, s.last_name, s.source, s.order_id, s.channel_id, s.consents, s.date_created, s.date_modified';

/** True when the filter narrows anything (a DELETE without one must not touch the table). */
export function hasSubscriberFilter(f: SubscriberFilter): boolean {
  return Object.values(f).some((v) => v !== undefined && !(Array.isArray(v) && v.length === 0));
}

function subscriberWhere(f: SubscriberFilter): Where {
  const w = new Where();
  if (f.id !== undefined) w.add(`s.id = ${w.param(f.id)}`);
  w.in('s.id', f.ids);
  // Email is unique without regard to case, so its filter is too; names match the same way.
  if (f.email !== undefined) w.add(`s.email = ${w.param(f.email)}`);
  if (f.firstName !== undefined) w.add(`s.first_name = ${w.param(f.firstName)} COLLATE NOCASE`);
  if (f.lastName !== undefined) w.add(`s.last_name = ${w.param(f.lastName)} COLLATE NOCASE`);
  if (f.source !== undefined) w.add(`s.source = ${w.param(f.source)}`);
  if (f.orderId !== undefined) w.add(`s.order_id = ${w.param(f.orderId)}`);
  if (f.channelId !== undefined) w.add(`s.channel_id = ${w.param(f.channelId)}`);
  w.range('s.date_created', f.dateCreated).range('s.date_modified', f.dateModified);
  return w;
}

/** The subscribers a filter matches (the webhook events of a filtered DELETE, run before it). */
export function matchingSubscriberIds(filter: SubscriberFilter): { sql: string; params: unknown[] } {
  const w = subscriberWhere(filter);
  return { sql: `SELECT s.id FROM subscribers s ${w}`, params: w.params };
}

/** The subscriber a newsletter confirmation just created (`created`) or added consents to (db/webhooks.ts EventIds). */
export function confirmedSubscriberIds(tokenHash: string, now: string, created: boolean): { sql: string; params: unknown[] } {
  return {
    sql: `SELECT s.id FROM subscribers s JOIN newsletter_confirmations n ON n.email = s.email
          WHERE n.token_hash = ?1 AND n.used_at = ?2 AND s.date_created ${created ? '=' : '<>'} ?2`,
    params: [tokenHash, now],
  };
}

export function listSubscribers(db: D1Database, filter: SubscriberFilter, paging: Paging): Promise<ListResult<SubscriberRow>> {
  return listRows<SubscriberRow>(db, {
    from: 'subscribers s',
    select: `${SUBSCRIBER_COLUMNS}, s.id AS sort_value`,
    idColumn: 's.id',
    sortColumn: 's.id',
    direction: 'asc',
    where: subscriberWhere(filter),
    paging,
  });
}

export function getSubscriberById(db: D1Database, id: number): Promise<SubscriberRow | null> {
  return db.prepare(`SELECT ${SUBSCRIBER_COLUMNS}, s.id AS sort_value FROM subscribers s WHERE s.id = ?1`).bind(id).first<SubscriberRow>();
}

/** The id of the subscriber holding `email` (any case), other than `exceptId`. */
export async function findSubscriberIdByEmail(db: D1Database, email: string, exceptId = 0): Promise<number | null> {
  const row = await db.prepare('SELECT id FROM subscribers WHERE email = ?1 AND id <> ?2').bind(email, exceptId).first<{ id: number }>();
  return row?.id ?? null;
}

/** Inserts one subscriber, answering with its id (`RETURNING id`). */
export function insertSubscriberStatement(db: D1Database, s: SubscriberFields, now = isoNow()): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO subscribers (email, first_name, last_name, source, order_id, channel_id, consents, date_created, date_modified)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) RETURNING id`,
    )
    .bind(s.email, s.first_name, s.last_name, s.source, s.order_id, s.channel_id, JSON.stringify(s.consents), now);
}

export function updateSubscriberStatement(db: D1Database, id: number, s: SubscriberFields, now = isoNow()): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE subscribers SET email = ?2, first_name = ?3, last_name = ?4, source = ?5, order_id = ?6, channel_id = ?7,
         consents = ?8, date_modified = ?9 WHERE id = ?1`,
    )
    .bind(id, s.email, s.first_name, s.last_name, s.source, s.order_id, s.channel_id, JSON.stringify(s.consents), now);
}

export function deleteSubscriberStatement(db: D1Database, id: number): D1PreparedStatement {
  return db.prepare('DELETE FROM subscribers WHERE id = ?1').bind(id);
}

/** A `consents_changed` timeline event for the customer with `email`, if there is one. */
export function consentsChangedEventStatement(
  db: D1Database,
  email: string,
  actor: Actor,
  from: readonly string[],
  to: readonly string[],
  now = isoNow(),
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO timeline_events (customer_id, type, detail, actor_type, actor_name, date_created)
       SELECT id, 'consents_changed', ?2, ?3, ?4, ?5 FROM customers WHERE email = ?1`,
    )
    .bind(email, JSON.stringify({ from, to }), actor.type, actor.name, now);
}

/**
 * Statements deleting the subscribers matching a non-empty filter, with a timeline event for each
 * registered customer who loses consents (the events first: they read the rows being deleted). The
 * last statement's `meta.changes` is how many subscribers went.
 */
export function deleteSubscribersWhereStatements(db: D1Database, filter: SubscriberFilter, actor: Actor, now = isoNow()): D1PreparedStatement[] {
  // A guard, not a rule: an empty WHERE here would empty the table.
  if (!hasSubscriberFilter(filter)) throw new Error('deleteSubscribersWhereStatements needs a filter');
  const events = subscriberWhere(filter);
  events.add("s.consents <> '[]'");
  const eventSql = `INSERT INTO timeline_events (customer_id, type, detail, actor_type, actor_name, date_created)
    SELECT c.id, 'consents_changed', json_object('from', json(s.consents), 'to', json_array()),
      ${events.param(actor.type)}, ${events.param(actor.name)}, ${events.param(now)}
    FROM subscribers s JOIN customers c ON c.email = s.email ${events}`;
  const del = subscriberWhere(filter);
  return [
    db.prepare(eventSql).bind(...events.params),
    db.prepare(`DELETE FROM subscribers WHERE id IN (SELECT s.id FROM subscribers s ${del})`).bind(...del.params),
  ];
}
