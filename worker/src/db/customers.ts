// SQL for customers: the admin list with its filters, the account reads of sign-in and sessions, the
// live-shopper read, and the statements of every customer write (create, update, password, erasure),
// which the domain (accounts/customers.ts, accounts/sessions.ts, …) runs in one batch. Dependent rows
// (addresses, attribute and form field values, timeline, identities) are written in the same D1 batch
// as their customer and find it by email, which is unique, so one batch is one transaction.
import { type NewAddress, insertAddressStatement } from './addresses';
import { upsertAttributeValueStatement } from './attributes';
import { upsertCustomerFormFieldValueStatement } from './form-fields';
import { type ListResult, listRows } from './list';
import { endEmailChangesStatement } from './email-codes';
import { endResetTokensStatement } from './password-resets';
import { deleteIdentitiesStatement } from './oidc';
import { deletePasskeysStatement } from './passkeys';
import { revokeSessionsStatement } from './refresh-sessions';
import { containsSql, type DateRange, type Paging, type SortDirection, Where } from './sql';
import { deleteSubscriberOfVerifiedCustomerStatement } from './subscribers';
import { type Actor, type CustomerRef, customerIdRef, insertTimelineEventStatement } from './timeline';
import type { OwnProfile } from '../shared/api-types';
import type { FormFieldValue } from '../shared/form-field-rules';
import { isoNow } from '../time';

/** A customers row as the admin API reads it (the own-profile fields, stored forms of the rest). */
export interface CustomerRow extends Pick<
  OwnProfile,
  'id' | 'email' | 'first_name' | 'last_name' | 'company' | 'phone' | 'date_created' | 'date_modified'
> {
  notes: string;
  tax_exempt_category: string;
  customer_group_id: number | null;
  registration_ip_address: string;
  origin_channel_id: number;
  channel_ids: string;
  accepts_product_review_abandoned_cart_emails: number;
  store_credit_amounts: string;
  force_password_reset: number;
  has_password: number;
  /** 1 when email_verified_at is set (the admin shape's `email_verified`, our addition). */
  email_verified: number;
  token_version: number;
  address_count: number;
  attribute_count: number;
  sort_value: string | number;
}

/** Every customer column an API may show: never the password hash itself. */
const CUSTOMER_COLUMNS = `c.id, c.email, c.first_name, c.last_name, c.company, c.phone, c.notes, c.tax_exempt_category,
  c.customer_group_id, c.registration_ip_address, c.origin_channel_id, c.channel_ids,
  c.accepts_product_review_abandoned_cart_emails, c.store_credit_amounts, c.force_password_reset,
  c.password_hash IS NOT NULL AS has_password, c.email_verified_at IS NOT NULL AS email_verified, c.token_version, c.date_created, c.date_modified,
  (SELECT count(*) FROM customer_addresses a WHERE a.customer_id = c.id) AS address_count,
  (SELECT count(*) FROM customer_attribute_values v WHERE v.customer_id = c.id) AS attribute_count`;

export interface CustomerFilter {
  ids?: number[];
  emails?: string[];
  names?: string[];
  nameLike?: string[];
  companies?: string[];
  phones?: string[];
  groupIds?: number[];
  registrationIps?: string[];
  dateCreated?: DateRange;
  dateModified?: DateRange;
}

export type CustomerSort = 'id' | 'date_created' | 'last_name' | 'date_modified';

function customerWhere(f: CustomerFilter): Where {
  const w = new Where();
  w.in('c.id', f.ids).in('c.email', f.emails).in('c.full_name', f.names);
  if (f.nameLike?.length) nameSearch(w, f.nameLike);
  w.in('c.company', f.companies).in('c.phone', f.phones).in('c.registration_ip_address', f.registrationIps);
  if (f.groupIds?.length) {
    // Group 0 is "no group" in the API.
    const real = f.groupIds.filter((g) => g !== 0);
    const none = f.groupIds.includes(0);
    const parts: string[] = [];
    if (real.length) parts.push(`c.customer_group_id IN (SELECT value FROM json_each(${w.param(JSON.stringify(real))}))`);
    if (none) parts.push('c.customer_group_id IS NULL');
    w.add(parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`);
  }
  w.range('c.date_created', f.dateCreated).range('c.date_modified', f.dateModified);
  return w;
}

/**
 * `name:like`: substring of "first last". Terms of 3+ characters go through the trigram index
 * (migration 0003); shorter ones cannot, and fall back to a scan.
 */
function nameSearch(w: Where, terms: readonly string[]) {
  // Control characters cannot be in a name, and a NUL would end the FTS query string.
  const clean = terms.map((t) => t.replace(/[\u0000-\u001f\u007f]/g, '')).filter((t) => t !== '');
  if (!clean.length) {
    w.add('0');
    return;
  }
  const indexed = clean.filter((t) => [...t].length >= 3);
  const short = clean.filter((t) => [...t].length < 3);
  const parts: string[] = [];
  if (indexed.length) {
    const query = indexed.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ');
    parts.push(`c.id IN (SELECT rowid FROM customers_name_fts WHERE customers_name_fts MATCH ${w.param(query)})`);
  }
  for (const t of short) parts.push(containsSql('c.full_name', w.param(t)));
  w.add(parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`);
}

export function listCustomers(
  db: D1Database,
  filter: CustomerFilter,
  sort: { column: CustomerSort; direction: SortDirection },
  paging: Paging,
): Promise<ListResult<CustomerRow>> {
  return listRows<CustomerRow>(db, {
    from: 'customers c',
    select: `${CUSTOMER_COLUMNS}, c.${sort.column} AS sort_value`,
    idColumn: 'c.id',
    sortColumn: `c.${sort.column}`,
    direction: sort.direction,
    where: customerWhere(filter),
    paging,
  });
}

export async function getCustomersByIds(db: D1Database, ids: readonly number[]): Promise<CustomerRow[]> {
  const { results } = await db
    .prepare(`SELECT ${CUSTOMER_COLUMNS}, c.id AS sort_value FROM customers c WHERE c.id IN (SELECT value FROM json_each(?1)) ORDER BY c.id`)
    .bind(JSON.stringify(ids))
    .all<CustomerRow>();
  return results;
}

/** What signing in, sessions, SSO and OpenID Connect need to know about a customer (never the hash). */
export interface CustomerAccount {
  id: number;
  email: string;
  first_name: string;
  token_version: number;
  customer_group_id: number | null;
  force_password_reset: number;
  has_password: number;
  /** 1 when the email is proven (email_verified_at set). */
  email_verified: number;
  /** JSON array of channel ids. */
  channel_ids: string;
}

const ACCOUNT_COLUMNS =
  'id, email, first_name, token_version, customer_group_id, force_password_reset, password_hash IS NOT NULL AS has_password, email_verified_at IS NOT NULL AS email_verified, channel_ids';

export async function findAccountById(db: D1Database, id: number): Promise<CustomerAccount | null> {
  return db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM customers WHERE id = ?1`).bind(id).first<CustomerAccount>();
}

/** By email, in any case (the column is NOCASE). */
export async function findAccountByEmail(db: D1Database, email: string): Promise<CustomerAccount | null> {
  return db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM customers WHERE email = ?1`).bind(email).first<CustomerAccount>();
}

/** The account and its password hash, for log-in and validate-credentials only. */
export type Credentials = CustomerAccount & { password_hash: string | null };

/** Reads the Credentials of `email` (first row; none without an account), for a batch with other reads. */
export function credentialsByEmailStatement(db: D1Database, email: string): D1PreparedStatement {
  return db.prepare(`SELECT ${ACCOUNT_COLUMNS}, password_hash FROM customers WHERE email = ?1`).bind(email);
}

export async function findCredentialsByEmail(db: D1Database, email: string): Promise<Credentials | null> {
  return credentialsByEmailStatement(db, email).first();
}

/** The password hash of a customer (null: no password), for confirming the current password; null row when gone. */
export async function findPasswordHash(db: D1Database, id: number): Promise<{ password_hash: string | null } | null> {
  return db.prepare('SELECT password_hash FROM customers WHERE id = ?1').bind(id).first();
}

/** Emails of `emails` that already belong to a customer (case-insensitive), as stored. */
export async function findTakenEmails(db: D1Database, emails: readonly string[], exceptIds: readonly number[] = []): Promise<string[]> {
  if (!emails.length) return [];
  const { results } = await db
    .prepare('SELECT email FROM customers WHERE email IN (SELECT value FROM json_each(?1)) AND id NOT IN (SELECT value FROM json_each(?2))')
    .bind(JSON.stringify(emails), JSON.stringify(exceptIds))
    .all<{ email: string }>();
  return results.map((r) => r.email);
}

/** Which of `ids` name an existing customer group (what a customer may reference). */
export async function findGroupIds(db: D1Database, ids: readonly number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const { results } = await db
    .prepare('SELECT id FROM customer_groups WHERE id IN (SELECT value FROM json_each(?1))')
    .bind(JSON.stringify(ids))
    .all<{ id: number }>();
  return new Set(results.map((r) => r.id));
}

export interface NewCustomer {
  email: string;
  first_name: string;
  last_name: string;
  company?: string;
  phone?: string;
  notes?: string;
  tax_exempt_category?: string;
  customer_group_id?: number | null;
  /** Put the customer in the store's default group (if there is one), whatever customer_group_id says. */
  default_group?: boolean;
  /** With default_group: the channel's own default group instead (customer settings), while it exists. */
  default_group_id?: number;
  registration_ip_address?: string;
  origin_channel_id?: number;
  channel_ids?: number[];
  accepts_product_review_abandoned_cart_emails?: boolean;
  store_credit_amounts?: { amount: number }[];
  password_hash?: string | null;
  force_password_reset?: boolean;
  /** The email is proven (staff said so, or an OpenID provider verified it): email_verified_at is set. */
  email_verified?: boolean;
  addresses?: NewAddress[];
  attributes?: { attribute_id: number; attribute_value: string }[];
  form_fields?: { name: string; value: FormFieldValue }[];
}

/** SQL yielding the id of the customer with `email`: how rows written in the same batch find a new customer. */
export const customerByEmail = (email: string): CustomerRef => ({ sql: '(SELECT id FROM customers WHERE email = ?1)', params: [email] });

/**
 * Statements creating each customer with everything that belongs to it; run them in one batch. The
 * customer's own INSERT is at `insertAt[i]` and returns `{id, customer_group_id, token_version}` (RETURNING), so nobody reads new rows
 * back by email. The default group is looked up inside the INSERT: no round trip for it.
 */
export function insertCustomerStatements(
  db: D1Database,
  customers: readonly NewCustomer[],
  actor: Actor,
  now = isoNow(),
): { statements: D1PreparedStatement[]; insertAt: number[] } {
  const statements: D1PreparedStatement[] = [];
  const insertAt: number[] = [];
  for (const c of customers) {
    const channelIds = c.channel_ids ?? [c.origin_channel_id ?? 1];
    insertAt.push(statements.length);
    statements.push(
      db
        .prepare(
          `INSERT INTO customers (email, first_name, last_name, company, phone, notes, tax_exempt_category, customer_group_id,
             registration_ip_address, origin_channel_id, channel_ids, accepts_product_review_abandoned_cart_emails,
             store_credit_amounts, password_hash, force_password_reset, date_created, date_modified, email_verified_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,
             CASE WHEN ?17 = 1 THEN COALESCE((SELECT id FROM customer_groups WHERE id = ?19), (SELECT id FROM customer_groups WHERE is_default = 1))
               ELSE ?8 END,
             ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16, CASE WHEN ?18 = 1 THEN ?16 END)
           RETURNING id, customer_group_id, token_version`,
        )
        .bind(
          c.email,
          c.first_name,
          c.last_name,
          c.company ?? '',
          c.phone ?? '',
          c.notes ?? '',
          c.tax_exempt_category ?? '',
          c.customer_group_id || null,
          c.registration_ip_address ?? '',
          c.origin_channel_id ?? channelIds[0] ?? 1,
          JSON.stringify(channelIds),
          c.accepts_product_review_abandoned_cart_emails ? 1 : 0,
          JSON.stringify(c.store_credit_amounts ?? []),
          c.password_hash ?? null,
          c.force_password_reset ? 1 : 0,
          now,
          c.default_group ? 1 : 0,
          c.email_verified ? 1 : 0,
          c.default_group_id ?? null,
        ),
    );
    const ref = customerByEmail(c.email);
    for (const a of c.addresses ?? []) statements.push(insertAddressStatement(db, ref, a, now));
    for (const v of c.attributes ?? []) statements.push(upsertAttributeValueStatement(db, ref, v.attribute_id, v.attribute_value, now));
    for (const f of c.form_fields ?? []) statements.push(upsertCustomerFormFieldValueStatement(db, ref, f.name, f.value));
    statements.push(insertTimelineEventStatement(db, ref, 'account_created', actor, {}, now));
    if (c.email_verified) statements.push(insertTimelineEventStatement(db, ref, 'email_verified', actor, {}, now));
  }
  return { statements, insertAt };
}

export interface CustomerUpdate {
  id: number;
  email?: string;
  first_name?: string;
  last_name?: string;
  company?: string;
  phone?: string;
  notes?: string;
  tax_exempt_category?: string;
  customer_group_id?: number | null;
  registration_ip_address?: string;
  origin_channel_id?: number;
  channel_ids?: number[];
  accepts_product_review_abandoned_cart_emails?: boolean;
  store_credit_amounts?: { amount: number }[];
  /** A new hash; also ends every session of the customer. */
  password_hash?: string;
  force_password_reset?: boolean;
  /**
   * Sets or clears email_verified_at. Without it, a new email clears it (a case-only change keeps it):
   * nobody proved the new address.
   */
  email_verified?: boolean;
  form_fields?: { name: string; value: FormFieldValue }[];
}

const PLAIN_COLUMNS = [
  'email',
  'first_name',
  'last_name',
  'company',
  'phone',
  'notes',
  'tax_exempt_category',
  'registration_ip_address',
  'origin_channel_id',
] as const;

/**
 * Statements applying each update; run them in one batch. Changing the password or forcing a reset
 * bumps token_version (older access tokens stop working) and revokes refresh sessions.
 * `before` carries current notes so a note change lands on the timeline.
 */
export function updateCustomerStatements(
  db: D1Database,
  updates: readonly CustomerUpdate[],
  before: ReadonlyMap<number, { notes: string }>,
  actor: Actor,
  now = isoNow(),
): D1PreparedStatement[] {
  const stmts: D1PreparedStatement[] = [];
  for (const u of updates) {
    const w = new Where();
    const sets: string[] = [];
    for (const col of PLAIN_COLUMNS) {
      if (u[col] !== undefined) sets.push(`${col} = ${w.param(u[col])}`);
    }
    if (u.customer_group_id !== undefined) sets.push(`customer_group_id = ${w.param(u.customer_group_id || null)}`);
    if (u.channel_ids !== undefined) sets.push(`channel_ids = ${w.param(JSON.stringify(u.channel_ids))}`);
    if (u.accepts_product_review_abandoned_cart_emails !== undefined) {
      sets.push(`accepts_product_review_abandoned_cart_emails = ${w.param(u.accepts_product_review_abandoned_cart_emails ? 1 : 0)}`);
    }
    if (u.store_credit_amounts !== undefined) sets.push(`store_credit_amounts = ${w.param(JSON.stringify(u.store_credit_amounts))}`);
    if (u.force_password_reset !== undefined) sets.push(`force_password_reset = ${w.param(u.force_password_reset ? 1 : 0)}`);
    if (u.email_verified !== undefined) {
      sets.push(`email_verified_at = CASE WHEN ${w.param(u.email_verified ? 1 : 0)} = 1 THEN coalesce(email_verified_at, ${w.param(now)}) END`);
    } else if (u.email !== undefined) {
      // Before the SET, `email` is the old address (NOCASE): unchanged but for case keeps the proof.
      sets.push(`email_verified_at = CASE WHEN email = ${w.param(u.email)} THEN email_verified_at END`);
    }
    const revokes = u.password_hash !== undefined || u.force_password_reset === true;
    if (u.password_hash !== undefined) sets.push(`password_hash = ${w.param(u.password_hash)}`);
    sets.push(`date_modified = ${w.param(now)}`);
    stmts.push(db.prepare(`UPDATE customers SET ${sets.join(', ')} WHERE id = ${w.param(u.id)}`).bind(...w.params));

    const ref = customerIdRef(u.id);
    for (const f of u.form_fields ?? []) stmts.push(upsertCustomerFormFieldValueStatement(db, ref, f.name, f.value));
    if (revokes) stmts.push(...revokeEverywhereStatements(db, u.id, now));
    // Reset links were sent to the old address (or are for the old password): they end here.
    if (u.email !== undefined || u.password_hash !== undefined) stmts.push(endResetTokensStatement(db, u.id, now));
    // A pending change to another address is moot once staff set the email.
    if (u.email !== undefined) stmts.push(endEmailChangesStatement(db, u.id, now));
    if (u.notes !== undefined && u.notes !== before.get(u.id)?.notes) {
      stmts.push(insertTimelineEventStatement(db, ref, 'note_changed', actor, { notes: u.notes }, now));
    }
    const changed = Object.entries(u)
      .filter(([k, v]) => v !== undefined && k !== 'id' && k !== 'notes' && k !== 'password_hash')
      .map(([k]) => k);
    if (changed.length) stmts.push(insertTimelineEventStatement(db, ref, 'profile_updated', actor, { fields: changed }, now));
    if (u.password_hash !== undefined) stmts.push(insertTimelineEventStatement(db, ref, 'password_changed', actor, {}, now));
  }
  return stmts;
}

/** Deletes customers; addresses, values, sessions and timeline go with them (foreign keys), orders stay unlinked. */
export function deleteCustomersStatement(db: D1Database, ids: readonly number[]): D1PreparedStatement {
  return db.prepare('DELETE FROM customers WHERE id IN (SELECT value FROM json_each(?1))').bind(JSON.stringify(ids));
}

export async function getExistingCustomerIds(db: D1Database, ids: readonly number[]): Promise<Set<number>> {
  const { results } = await db
    .prepare('SELECT id FROM customers WHERE id IN (SELECT value FROM json_each(?1))')
    .bind(JSON.stringify(ids))
    .all<{ id: number }>();
  return new Set(results.map((r) => r.id));
}

/**
 * Sets a new password hash, ends every session and makes older access tokens fail. A reset proves
 * control of the mailbox and nothing else may keep a way in: sign-in providers linked before it
 * (possibly by someone who signed up with this email first) are unlinked; the owner can link their own again.
 */
export function setPasswordStatements(
  db: D1Database,
  id: number,
  hash: string,
  actor: Actor,
  event: 'password_changed' | 'password_reset',
  now = isoNow(),
): D1PreparedStatement[] {
  return [
    db.prepare('UPDATE customers SET password_hash = ?2, force_password_reset = 0, date_modified = ?3 WHERE id = ?1').bind(id, hash, now),
    ...revokeEverywhereStatements(db, id, now),
    // Outstanding reset links die with the old password: a link read from a mailbox later must not win.
    endResetTokensStatement(db, id, now),
    ...(event === 'password_reset' ? [deleteIdentitiesStatement(db, id), deletePasskeysStatement(db, id)] : []),
    insertTimelineEventStatement(db, customerIdRef(id), event, actor, {}, now),
  ];
}

/** Re-hash with current parameters after a successful log-in (only if nobody changed it meanwhile). */
export function upgradePasswordHashStatement(db: D1Database, id: number, oldHash: string, newHash: string): D1PreparedStatement {
  return db.prepare('UPDATE customers SET password_hash = ?3 WHERE id = ?1 AND password_hash = ?2').bind(id, oldHash, newHash);
}

/**
 * Revokes every way in a customer holds: token_version moves on (every access token issued so far stops
 * working: the live-shopper check compares it) and every refresh family ends. Log out everywhere, a
 * password change or reset, a forced reset: the one place the version is bumped.
 */
export function revokeEverywhereStatements(db: D1Database, id: number, now = isoNow()): D1PreparedStatement[] {
  return [db.prepare('UPDATE customers SET token_version = token_version + 1 WHERE id = ?1').bind(id), revokeSessionsStatement(db, id, now)];
}

/**
 * Right to erasure: the customer and everything personal goes (addresses, attribute and form values,
 * sessions, reset tokens, identities, timeline via foreign keys; the subscriber record of the email once
 * it was verified).
 * Orders stay for the store's books, stripped of personal data: name, email and addresses are replaced,
 * and what remains is the order number, status, currency, amounts, items, channel and dates.
 */
export function eraseCustomerStatements(db: D1Database, id: number, now = isoNow()): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE orders SET email = 'erased-' || id || '@invalid', first_name = '', last_name = '', billing_address = '{}',
           shipping_address = '{}', anonymized = 1, date_modified = ?2 WHERE customer_id = ?1`,
      )
      .bind(id, now),
    // Only a proven address's subscriber record goes with the account: the record of an unverified
    // email may be a guest's (someone else's newsletter sign-up), which this account never owned.
    deleteSubscriberOfVerifiedCustomerStatement(db, id),
    db.prepare('DELETE FROM customers WHERE id = ?1').bind(id),
  ];
}

/** The customer columns of the live-shopper read (its own profile, the session facts). */
export type LiveShopperRow = Omit<OwnProfile, 'customer_group_id' | 'has_password' | 'email_verified' | 'form_fields'> & {
  customer_group_id: number | null;
  has_password: number;
  email_verified: number;
  token_version: number;
};

/** What the live-shopper read found: the customer (null when gone or the version is stale) and its form field values (JSON text). */
export interface LiveShopperRows {
  customer: LiveShopperRow | null;
  fields: { name: string; value: string }[];
}

/**
 * The two reads of the live-shopper check, to run in one batch (alone, or after the writes of a
 * sign-in so the new session's profile costs no extra round trip): the customer if its token_version is
 * `tokenVersion`, and its form field values under the same condition. `liveShopperRowsOf` reads their results.
 */
export function liveShopperStatements(db: D1Database, id: number, tokenVersion: number): [D1PreparedStatement, D1PreparedStatement] {
  return [
    db.prepare(`SELECT ${LIVE_SHOPPER_COLUMNS} FROM customers WHERE id = ?1 AND token_version = ?2`).bind(id, tokenVersion),
    db
      .prepare(
        'SELECT name, value FROM customer_form_field_values WHERE customer_id = ?1 AND EXISTS (SELECT 1 FROM customers WHERE id = ?1 AND token_version = ?2) ORDER BY name',
      )
      .bind(id, tokenVersion),
  ];
}

/**
 * The live-shopper reads for the customer of a refresh token that was stored earlier in the same batch
 * (a refresh: nothing is known of the customer before the batch runs); no rows when it was not stored.
 */
export function liveShopperOfRefreshTokenStatements(db: D1Database, tokenHash: string): [D1PreparedStatement, D1PreparedStatement] {
  const customer = '(SELECT customer_id FROM refresh_sessions WHERE token_hash = ?1)';
  return [
    db.prepare(`SELECT ${LIVE_SHOPPER_COLUMNS} FROM customers WHERE id = ${customer}`).bind(tokenHash),
    db.prepare(`SELECT name, value FROM customer_form_field_values WHERE customer_id = ${customer} ORDER BY name`).bind(tokenHash),
  ];
}

const LIVE_SHOPPER_COLUMNS = `id, email, first_name, last_name, company, phone, customer_group_id, password_hash IS NOT NULL AS has_password,
  email_verified_at IS NOT NULL AS email_verified,
  (SELECT new_email FROM email_codes e WHERE e.customer_id = customers.id AND e.purpose = 'email_change' AND e.used_at IS NULL
     AND e.attempts < 5 AND e.expires_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now') ORDER BY e.id DESC LIMIT 1) AS pending_email,
  token_version, date_created, date_modified`;

/** The rows of liveShopperStatements' two results (the last two of a batch). */
export function liveShopperRowsOf(customer: D1Result | undefined, fields: D1Result | undefined): LiveShopperRows {
  return {
    customer: (customer?.results[0] as LiveShopperRow | undefined) ?? null,
    fields: (fields?.results ?? []) as { name: string; value: string }[],
  };
}

/** The live-shopper read on its own, in one round trip: no customer when gone or the token's version is stale. */
export async function findLiveShopperRows(db: D1Database, id: number, tokenVersion: number): Promise<LiveShopperRows> {
  const [customer, fields] = await db.batch(liveShopperStatements(db, id, tokenVersion));
  return liveShopperRowsOf(customer, fields);
}

/** Removes the password (the first proof of a never-confirmed email: whoever set it must keep no way in). */
export function clearPasswordStatement(db: D1Database, customerId: number, now = isoNow()): D1PreparedStatement {
  return db.prepare('UPDATE customers SET password_hash = NULL, date_modified = ?2 WHERE id = ?1').bind(customerId, now);
}

/** Customer ?1 was not created by the store's staff (the admin API, the console): its `account_created` entry says who. */
const notByStaff = `NOT EXISTS (SELECT 1 FROM timeline_events WHERE customer_id = ?1 AND type = 'account_created' AND actor_type = 'staff')`;

/** The addresses deletePlantedDataStatements removes (for their webhook events, selected before it runs). */
export const plantedAddressIds = (customerId: number) => ({
  sql: `SELECT id FROM customer_addresses WHERE customer_id = ?1 AND ${notByStaff}`,
  params: [customerId],
});

/**
 * What the creator of a never-confirmed account may have planted: addresses, attribute and form-field
 * values go; open claim codes end (their rows stay: they are the per-email limits' memory). Not when
 * the store's staff created the account (the admin API, the console's "New customer"): what they
 * entered is the store's record of its customer, not a stranger's plant, and must not be lost.
 */
export function deletePlantedDataStatements(db: D1Database, customerId: number, now = isoNow()): D1PreparedStatement[] {
  return [
    db.prepare(`DELETE FROM customer_addresses WHERE customer_id = ?1 AND ${notByStaff}`).bind(customerId),
    db.prepare(`DELETE FROM customer_attribute_values WHERE customer_id = ?1 AND ${notByStaff}`).bind(customerId),
    db.prepare(`DELETE FROM customer_form_field_values WHERE customer_id = ?1 AND ${notByStaff}`).bind(customerId),
    db.prepare('UPDATE order_claim_codes SET used_at = ?2 WHERE customer_id = ?1 AND used_at IS NULL').bind(customerId, now),
  ];
}

/** Moves the shopper's email to a proven new address (only while their token version is current); answers the id. */
export function setConfirmedEmailStatement(
  db: D1Database,
  customerId: number,
  email: string,
  tokenVersion: number,
  now = isoNow(),
): D1PreparedStatement {
  return db
    .prepare('UPDATE customers SET email = ?2, email_verified_at = ?3, date_modified = ?3 WHERE id = ?1 AND token_version = ?4 RETURNING id')
    .bind(customerId, email, now, tokenVersion);
}
