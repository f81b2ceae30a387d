// /v3/oidc-providers: the store's OpenID Connect providers for "Continue with …" sign-in
// (`store_v2_customers`; `_read_only` may GET). The client secret is never sent to or stored by this API
// (accounts/oidc-providers.ts says where it comes from and why).
import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import {
  createOidcProvider,
  deleteOidcProvider,
  getProvider,
  listProviders,
  type OidcProviderRow,
  updateOidcProvider,
} from '../../accounts/oidc-providers';
import { allowsInsecureIssuers, hasClientSecret } from '../../auth/oidc';
import type { AppEnv } from '../../env';
import { purgeSharedCacheOnWrite } from '../../middleware/shared-cache';
import { ApiError, fieldError } from '../../errors';
import { validate } from '../../validation';

const slug = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Lowercase letters, digits and dashes (at most 40), starting with a letter or digit'));
const issuer = z.string().check(
  z.trim(),
  z.maxLength(500),
  z.refine((s) => {
    try {
      const url = new URL(s);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.search && !url.hash && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'An http(s) URL without query or fragment: the issuer as the provider publishes it'),
);
const scopes = z.string().check(
  z.trim(),
  z.maxLength(500),
  z.regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, 'Space-separated scope names'),
  z.refine((s) => s.split(' ').includes('openid'), 'Must include "openid"'),
);
const authMethod = z.enum(['client_secret_basic', 'client_secret_post', 'none']);

const createBody = z.strictObject({
  slug,
  name: z.string().check(z.trim(), z.minLength(1, 'Required'), z.maxLength(100)),
  issuer,
  client_id: z.string().check(z.trim(), z.minLength(1, 'Required'), z.maxLength(500)),
  scopes: z.optional(scopes),
  token_endpoint_auth_method: z.optional(authMethod),
  enabled: z.optional(z.boolean()),
  sort_order: z.optional(z.number().check(z.int(), z.minimum(-1000), z.maximum(1000))),
});
const updateBody = z.strictObject(z.partial(z.omit(createBody, { slug: true })).shape);
const idParam = z.object({ id: z.coerce.number().check(z.int(), z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER)) });

function toProvider(c: Context<AppEnv>, row: OidcProviderRow) {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    issuer: row.issuer,
    client_id: row.client_id,
    client_secret_env: row.client_secret_env,
    client_secret_configured: hasClientSecret(c.env, row),
    token_endpoint_auth_method: row.token_endpoint_auth_method,
    scopes: row.scopes,
    enabled: row.enabled === 1,
    sort_order: row.sort_order,
    // What to register at the provider as the allowed redirect URI.
    redirect_uri: `${new URL(c.req.url).origin}/storefront/oidc/${row.slug}/callback`,
    date_created: row.date_created,
    date_modified: row.date_modified,
  };
}

/** Production issuers must be https; http only where ENVIRONMENT is local or test. */
function checkIssuerProtocol(c: Context<AppEnv>, value: string | undefined) {
  if (value !== undefined && new URL(value).protocol === 'http:' && !allowsInsecureIssuers(c.env)) {
    throw new ApiError('validation_failed', { errors: { issuer: fieldError('invalid_format', 'Must be an https URL') } });
  }
}

const notFound = () => new ApiError('provider_not_found');

// A change shows on the storefront at once (the data centre's cached provider list is dropped).
const oidcProviders = new Hono<AppEnv>()
  .use('*', purgeSharedCacheOnWrite('/storefront/oidc/providers'))
  .get('/', async (c) => {
    const rows = await listProviders(c.env.DB);
    return c.json({ data: rows.map((r) => toProvider(c, r)), meta: {} });
  })

  .post('/', validate('json', createBody), async (c) => {
    const body = c.req.valid('json');
    checkIssuerProtocol(c, body.issuer);
    const row = await createOidcProvider(c.env.DB, body);
    return c.json({ data: toProvider(c, row), meta: {} }, 201);
  })

  .get('/:id', validate('param', idParam), async (c) => {
    const row = await getProvider(c.env.DB, c.req.valid('param').id);
    if (!row) throw notFound();
    return c.json({ data: toProvider(c, row), meta: {} });
  })

  .put('/:id', validate('param', idParam), validate('json', updateBody), async (c) => {
    const body = c.req.valid('json');
    checkIssuerProtocol(c, body.issuer);
    const row = await updateOidcProvider(c.env.DB, c.req.valid('param').id, body);
    if (!row) throw notFound();
    return c.json({ data: toProvider(c, row), meta: {} });
  })

  .delete('/:id', validate('param', idParam), async (c) => {
    if (!(await deleteOidcProvider(c.env.DB, c.req.valid('param').id))) throw notFound();
    return c.body(null, 204);
  });

export default oidcProviders;
