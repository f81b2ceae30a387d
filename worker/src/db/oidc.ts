// SQL for OpenID Connect sign-in: providers, customer identities (provider, subject) and one-time
// authorization states. A state row is consumed with DELETE ... RETURNING, so of two concurrent
// callbacks with the same state exactly one gets it (replays find nothing). Reads run here; every
// write is a builder the domain (accounts/identities.ts, accounts/oidc-providers.ts) runs.
import { isoNow } from '../time';
import { keepsAnotherWayInSql } from './ways-in';

export type TokenEndpointAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';

export interface OidcProviderRow {
  id: number;
  slug: string;
  name: string;
  issuer: string;
  client_id: string;
  client_secret_env: string;
  token_endpoint_auth_method: TokenEndpointAuthMethod;
  scopes: string;
  enabled: number;
  sort_order: number;
  date_created: string;
  date_modified: string;
}

const PROVIDER_COLUMNS =
  'id, slug, name, issuer, client_id, client_secret_env, token_endpoint_auth_method, scopes, enabled, sort_order, date_created, date_modified';

/** A provider to store: the row without what the database sets, `enabled` as a boolean. */
export type NewOidcProvider = Omit<OidcProviderRow, 'id' | 'enabled' | 'date_created' | 'date_modified'> & { enabled: boolean };

export async function listOidcProviders(db: D1Database, options: { enabledOnly?: boolean } = {}): Promise<OidcProviderRow[]> {
  const where = options.enabledOnly ? 'WHERE enabled = 1' : '';
  const { results } = await db.prepare(`SELECT ${PROVIDER_COLUMNS} FROM oidc_providers ${where} ORDER BY sort_order, id`).all<OidcProviderRow>();
  return results;
}

export async function getOidcProvider(db: D1Database, id: number): Promise<OidcProviderRow | null> {
  return db.prepare(`SELECT ${PROVIDER_COLUMNS} FROM oidc_providers WHERE id = ?1`).bind(id).first<OidcProviderRow>();
}

export async function getOidcProviderBySlug(db: D1Database, slug: string): Promise<OidcProviderRow | null> {
  return db.prepare(`SELECT ${PROVIDER_COLUMNS} FROM oidc_providers WHERE slug = ?1`).bind(slug).first<OidcProviderRow>();
}

/** Inserts a provider; the first row of its result is the new OidcProviderRow. */
export function insertOidcProviderStatement(db: D1Database, p: NewOidcProvider, now = isoNow()): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO oidc_providers (slug, name, issuer, client_id, client_secret_env, token_endpoint_auth_method, scopes, enabled, sort_order, date_created, date_modified)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10) RETURNING ${PROVIDER_COLUMNS}`,
    )
    .bind(p.slug, p.name, p.issuer, p.client_id, p.client_secret_env, p.token_endpoint_auth_method, p.scopes, p.enabled ? 1 : 0, p.sort_order, now);
}

/**
 * Applies the given fields; the first row is the updated provider, none when there is no such provider or
 * when `issuer` changes while customers are linked under the current one. The slug never changes (links name it).
 */
export function updateOidcProviderStatement(
  db: D1Database,
  id: number,
  changes: Partial<Omit<NewOidcProvider, 'slug' | 'client_secret_env'>>,
  now = isoNow(),
): D1PreparedStatement {
  const sets: string[] = [];
  const params: unknown[] = [id];
  const set = (column: string, value: unknown) => {
    params.push(value);
    sets.push(`${column} = ?${params.length}`);
  };
  if (changes.name !== undefined) set('name', changes.name);
  if (changes.issuer !== undefined) set('issuer', changes.issuer);
  const issuerParam = params.length;
  if (changes.client_id !== undefined) set('client_id', changes.client_id);
  if (changes.token_endpoint_auth_method !== undefined) set('token_endpoint_auth_method', changes.token_endpoint_auth_method);
  if (changes.scopes !== undefined) set('scopes', changes.scopes);
  if (changes.enabled !== undefined) set('enabled', changes.enabled ? 1 : 0);
  if (changes.sort_order !== undefined) set('sort_order', changes.sort_order);
  set('date_modified', now);
  // Links are keyed with the issuer: a new issuer while customers are linked under the old one would
  // strand them, so the update then changes nothing (checked in the statement: no link can slip in between).
  const keepsLinks =
    changes.issuer === undefined
      ? ''
      : ` AND (issuer = ?${issuerParam} OR NOT EXISTS (SELECT 1 FROM customer_identities i WHERE i.provider = oidc_providers.slug AND i.issuer = oidc_providers.issuer))`;
  return db.prepare(`UPDATE oidc_providers SET ${sets.join(', ')} WHERE id = ?1${keepsLinks} RETURNING ${PROVIDER_COLUMNS}`).bind(...params);
}

/** Deletes a provider and its states in flight. Links stay: re-adding the same slug brings them back. */
export function deleteOidcProviderStatements(db: D1Database, provider: { id: number; slug: string }): D1PreparedStatement[] {
  return [
    db.prepare('DELETE FROM oidc_states WHERE provider = ?1').bind(provider.slug),
    db.prepare('DELETE FROM oidc_providers WHERE id = ?1').bind(provider.id),
  ];
}

export interface OidcStateRow {
  state_hash: string;
  provider: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  link_customer_id: number | null;
  expires_at: string;
}

export function insertOidcStateStatement(db: D1Database, s: OidcStateRow): D1PreparedStatement {
  return db
    .prepare(
      'INSERT INTO oidc_states (state_hash, provider, nonce, code_verifier, return_to, link_customer_id, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)',
    )
    .bind(s.state_hash, s.provider, s.nonce, s.code_verifier, s.return_to, s.link_customer_id, s.expires_at);
}

export function purgeExpiredOidcStatesStatement(db: D1Database, now = isoNow()): D1PreparedStatement {
  return db.prepare('DELETE FROM oidc_states WHERE expires_at < ?1').bind(now);
}

/** Takes a state (one-time): the first row is the state, expired or not; none when never issued or already used. */
export function consumeOidcStateStatement(db: D1Database, stateHash: string): D1PreparedStatement {
  return db
    .prepare(
      'DELETE FROM oidc_states WHERE state_hash = ?1 RETURNING state_hash, provider, nonce, code_verifier, return_to, link_customer_id, expires_at',
    )
    .bind(stateHash);
}

export function purgeExpiredOidcLinkTicketsStatement(db: D1Database, now = isoNow()): D1PreparedStatement {
  return db.prepare('DELETE FROM oidc_link_tickets WHERE expires_at < ?1').bind(now);
}

export interface IdentityRow {
  id: number;
  provider: string;
  /** The provider's issuer when the link was made: a link matches only while its provider has this issuer. */
  issuer: string;
  subject: string;
  customer_id: number;
  email: string;
  date_created: string;
}

/** The link of (provider, issuer, subject): a subject is only unique within its issuer. */
export async function findIdentity(db: D1Database, provider: { slug: string; issuer: string }, subject: string): Promise<IdentityRow | null> {
  return db
    .prepare(
      'SELECT id, provider, issuer, subject, customer_id, email, date_created FROM customer_identities WHERE provider = ?1 AND issuer = ?2 AND subject = ?3',
    )
    .bind(provider.slug, provider.issuer, subject)
    .first<IdentityRow>();
}

/** A customer's links, with the provider's display name (null when the provider was removed, disabled or has another issuer now). */
export async function listCustomerIdentities(db: D1Database, customerId: number): Promise<(IdentityRow & { provider_name: string | null })[]> {
  const { results } = await db
    .prepare(
      `SELECT i.id, i.provider, i.issuer, i.subject, i.customer_id, i.email, i.date_created, p.name AS provider_name
       FROM customer_identities i LEFT JOIN oidc_providers p ON p.slug = i.provider AND p.issuer = i.issuer AND p.enabled = 1
       WHERE i.customer_id = ?1 ORDER BY i.id`,
    )
    .bind(customerId)
    .all<IdentityRow & { provider_name: string | null }>();
  return results;
}

/** Links (provider, issuer, subject) to the customer `customerRef` selects (an id, or a subquery for a customer in the same batch). */
export function insertIdentityStatement(
  db: D1Database,
  link: { provider: string; issuer: string; subject: string; email: string; customerRef: { sql: string; params: unknown[] } },
  now = isoNow(),
): D1PreparedStatement {
  const n = link.customerRef.params.length;
  return db
    .prepare(
      `INSERT INTO customer_identities (provider, issuer, subject, customer_id, email, date_created)
       VALUES (?${n + 1}, ?${n + 5}, ?${n + 2}, ${link.customerRef.sql}, ?${n + 3}, ?${n + 4})`,
    )
    .bind(...link.customerRef.params, link.provider, link.subject, link.email, now, link.issuer);
}

/**
 * Removes a customer's links to `provider`, unless that would leave no way to sign in (no password, no
 * link to another enabled provider, no passkey: db/ways-in.ts). One statement, so two concurrent unlinks
 * cannot both pass the check; `meta.changes` says how many links were removed.
 */
export function deleteIdentityUnlessLastStatement(db: D1Database, customerId: number, provider: string): D1PreparedStatement {
  return db
    .prepare(`DELETE FROM customer_identities WHERE customer_id = ?1 AND provider = ?2 AND ${keepsAnotherWayInSql({ exceptProvider: '?2' })}`)
    .bind(customerId, provider);
}

/** Removes every link of a customer (a password reset: nothing linked before it may keep a way in). */
export function deleteIdentitiesStatement(db: D1Database, customerId: number): D1PreparedStatement {
  return db.prepare('DELETE FROM customer_identities WHERE customer_id = ?1').bind(customerId);
}
