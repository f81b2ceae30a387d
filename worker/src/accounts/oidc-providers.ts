// The store's OpenID Connect providers (the admin API's /v3/oidc-providers): the client secret is never
// stored or sent; each provider reads it from the Worker secret OIDC_<SLUG>_CLIENT_SECRET, a name derived
// from the slug, never chosen by the caller, so an admin token cannot make the worker send another
// secret (a signing key, say) to an issuer of its choosing. The slug is fixed once created: links name it.
import { clearOidcCache, clientSecretEnvName } from '../auth/oidc';
import { firstRow, runBatch } from '../db/batch';
import {
  deleteOidcProviderStatements,
  getOidcProvider,
  insertOidcProviderStatement,
  listOidcProviders,
  type NewOidcProvider,
  type OidcProviderRow,
  updateOidcProviderStatement,
} from '../db/oidc';
import { ApiError, fieldError } from '../errors';

export type { OidcProviderRow };

/** Every provider, enabled or not, in their sort order (the admin list). */
export function listProviders(db: D1Database): Promise<OidcProviderRow[]> {
  return listOidcProviders(db);
}

/** One provider by id; null when there is none. */
export function getProvider(db: D1Database, id: number): Promise<OidcProviderRow | null> {
  return getOidcProvider(db, id);
}

export type OidcProviderInput = Omit<NewOidcProvider, 'client_secret_env' | 'scopes' | 'token_endpoint_auth_method' | 'enabled' | 'sort_order'> &
  Partial<Pick<NewOidcProvider, 'scopes' | 'token_endpoint_auth_method' | 'enabled' | 'sort_order'>>;

export async function createOidcProvider(db: D1Database, input: OidcProviderInput): Promise<OidcProviderRow> {
  const [inserted] = await runBatch(
    db,
    [
      insertOidcProviderStatement(db, {
        ...input,
        client_secret_env: clientSecretEnvName(input.slug),
        token_endpoint_auth_method: input.token_endpoint_auth_method ?? 'client_secret_basic',
        scopes: input.scopes ?? 'openid email profile',
        enabled: input.enabled ?? true,
        sort_order: input.sort_order ?? 0,
      }),
    ],
    { unique: () => new ApiError('name_taken', { errors: { slug: fieldError('taken', 'Already in use') } }) },
  );
  return firstRow<OidcProviderRow>(inserted)!;
}

/**
 * Applies changes; null when there is no such provider. Discovered metadata of the old issuer is forgotten.
 * Links are keyed with the issuer (a subject means someone else at another issuer), so a new issuer is
 * refused (`issuer_in_use`, 409) while customers are linked under the current one: the merchant adds
 * the new issuer as another provider instead (customers link it from their profile).
 */
export async function updateOidcProvider(
  db: D1Database,
  id: number,
  changes: Partial<Omit<NewOidcProvider, 'slug' | 'client_secret_env'>>,
): Promise<OidcProviderRow | null> {
  const before = await getOidcProvider(db, id);
  if (!before) return null;
  const [updated] = await runBatch(db, [updateOidcProviderStatement(db, id, changes)]);
  clearOidcCache(before.issuer);
  const row = firstRow<OidcProviderRow>(updated);
  if (!row && changes.issuer !== undefined && (await getOidcProvider(db, id))) {
    throw new ApiError('issuer_in_use', {
      detail: 'Customers are linked to this provider under its current issuer; add the new issuer as another provider.',
      errors: { issuer: fieldError('invalid_value', 'Customers are linked under the current issuer') },
    });
  }
  return row;
}

/** Deletes a provider and its sign-ins in flight; links stay (re-adding the slug with the same issuer brings them back). Null when there is none. */
export async function deleteOidcProvider(db: D1Database, id: number): Promise<OidcProviderRow | null> {
  const row = await getOidcProvider(db, id);
  if (!row) return null;
  await runBatch(db, deleteOidcProviderStatements(db, row));
  clearOidcCache(row.issuer);
  return row;
}
