// The OpenAPI 3.1 documents of the storefront API and the admin API, generated from the code: every
// route the worker registers (routes.ts), the request schemas its validators check and the security its
// middleware enforces (route-meta.ts), plus what operations/ says of each (summary, answers, the
// BigCommerce operation it follows). scripts/build-openapi.mjs writes them (docs/openapi/*.json, served
// at /openapi/*.json); test/worker/openapi/ checks every route is described and every response the test
// suite receives matches its description.
import * as z from 'zod';
import { ERROR_CODES, type ErrorCode } from '../shared/error-codes';
import type { RouteMeta } from '../route-meta';
import { ErrorBodySchema, V2ErrorSchema } from './components';
import { OPERATIONS } from './operations';
import type { OperationDoc, OperationKey } from './types';
import { type RegisteredRoute, registeredRoutes } from './routes';

type Json = Record<string, unknown>;
export type Api = 'storefront' | 'admin';

const INFO: Record<Api, { title: string; description: string }> = {
  storefront: {
    title: 'Storefront Accounts — storefront API',
    description:
      "What the widget calls from the shop's pages: sign-up, sessions, the shopper's profile, addresses, orders, consents, passkeys and OpenID Connect; plus BigCommerce's Customer Login (`/login/token`) and Current Customer (`/customer/current.jwt`). Errors: one body with a stable `code` (see the `Error` schema).",
  },
  admin: {
    title: 'Storefront Accounts — admin API',
    description:
      "BigCommerce's Customers V3 (and V2 customer groups) for store back offices and apps, with our additions (orders, overview, timeline, apps, OpenID Connect providers, channels, hooks). Operations that follow BigCommerce name the operation (`x-bigcommerce-operation`); deliberate differences are stated per operation (`x-differs-from-bigcommerce`). Authenticate with `X-Auth-Token`; the scopes an operation accepts are listed in its security requirement.",
  },
};

/** Zod (classic or mini) → JSON Schema 2020-12; named schemas (`.meta({id})`) go to `components.schemas`. */
class SchemaSet {
  readonly components: Record<string, Json> = {};

  convert(schema: z.core.$ZodType, io: 'input' | 'output'): Json {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline' }) as Json;
    const defs = (json.$defs ?? {}) as Record<string, Json>;
    delete json.$defs;
    delete json.$schema;
    for (const [id, def] of Object.entries(defs)) this.add(id, def);
    // A named schema at the top is a reference to its component, like everywhere else.
    if (typeof json.id === 'string') {
      const id = json.id;
      delete json.id;
      this.add(id, json);
      return { $ref: `#/components/schemas/${id}` };
    }
    return rewriteRefs(json);
  }

  private add(id: string, def: Json) {
    const rewritten = rewriteRefs(def);
    delete rewritten.id;
    const known = this.components[id];
    if (known && JSON.stringify(known) !== JSON.stringify(rewritten)) throw new Error(`Two different schemas are both named ${id}`);
    this.components[id] = rewritten;
  }
}

function rewriteRefs<T>(value: T): T {
  if (Array.isArray(value)) return value.map(rewriteRefs) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : rewriteRefs(v),
      ]),
    ) as T;
  }
  return value;
}

/** `getV3CustomersById`-style ids, unique per document. */
function operationId(route: RegisteredRoute): string {
  const words = route.path
    .split('/')
    .filter(Boolean)
    .map((part) => (part.startsWith('{') ? `by ${part.slice(1, -1)}` : part))
    .join(' ')
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean);
  return route.method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** A tag per resource: the path's first meaningful segments (`/v3/customers/addresses` → "customers/addresses"). */
function defaultTag(route: RegisteredRoute): string {
  const parts = route.path.split('/').filter((p) => p && !p.startsWith('{') && !/^v\d$/.test(p));
  if (route.api === 'admin') return parts.slice(0, 2).join('/') || 'admin';
  return parts.slice(0, parts[0] === 'storefront' ? 2 : 1).join('/') || 'health';
}

const metaOf = <K extends RouteMeta['kind']>(route: RegisteredRoute, kind: K) =>
  route.metas.filter((m): m is Extract<RouteMeta, { kind: K }> => m.kind === kind);

/** The error codes a route can answer: what its middleware implies, and what its description adds. */
export function errorCodesOf(route: RegisteredRoute, doc: OperationDoc | undefined): ErrorCode[] {
  const codes = new Set<ErrorCode>(doc?.errors ?? []);
  for (const input of metaOf(route, 'input')) {
    if (input.target === 'json') {
      ['malformed_json', 'unsupported_media_type', 'payload_too_large', 'validation_failed'].forEach((c) => codes.add(c as ErrorCode));
      // validation.ts answers a too-long batch (an array body) 413 `too_many_items`.
      if (input.schema._zod.def.type === 'array') codes.add('too_many_items');
    } else if (input.target === 'query') codes.add('invalid_query');
    else codes.add('validation_failed');
  }
  if (metaOf(route, 'admin').length)
    ['admin_token_missing', 'admin_token_invalid', 'scope_missing', 'store_not_found'].forEach((c) => codes.add(c as ErrorCode));
  if (metaOf(route, 'shopper').length) ['sign_in_required', 'token_invalid', 'token_revoked'].forEach((c) => codes.add(c as ErrorCode));
  if (metaOf(route, 'rate-limit').length) codes.add('rate_limited');
  // Any request body is limited and must be JSON (index.ts bodyLimit, middleware/json-only.ts).
  if (route.method !== 'GET' && route.method !== 'DELETE')
    ['unsupported_media_type', 'payload_too_large', 'malformed_json'].forEach((c) => codes.add(c as ErrorCode));
  codes.add('internal_error');
  // The middleware's codes only where this API answers them; the description's codes always (the Customer
  // Login codes are marked `admin`, not for the widget to translate, yet /login/token is in the storefront document).
  const named = new Set(doc?.errors ?? []);
  return [...codes].filter((c) => ERROR_CODES[c] && (named.has(c) || ERROR_CODES[c].api === 'both' || ERROR_CODES[c].api === route.api));
}

/** What every 429 carries (errors.ts rateLimitHeaders; the quota and window where a binding limit refused). */
const RATE_LIMIT_HEADERS: Json = {
  'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } },
  'X-Retry-After': { description: "The same, by BigCommerce's name.", schema: { type: 'integer' } },
  'X-Rate-Limit-Requests-Left': { description: '`0`.', schema: { type: 'integer' } },
  'X-Rate-Limit-Time-Reset-Ms': { description: 'Milliseconds to the end of the window.', schema: { type: 'integer' } },
  'X-Rate-Limit-Requests-Quota': { description: 'Requests allowed per window (per-IP limits).', schema: { type: 'integer' } },
  'X-Rate-Limit-Time-Window-Ms': { description: 'The window (per-IP limits).', schema: { type: 'integer' } },
};

function security(route: RegisteredRoute, doc: OperationDoc | undefined): Json[] | undefined {
  const admin = metaOf(route, 'admin');
  if (admin.length) {
    // One requirement per way to hold every family the route needs: the full scope, or (for a read, and
    // for an `also` family) its `_read_only` variant.
    let ways: string[][] = [[]];
    for (const meta of [...admin].sort((a, b) => Number(!!a.also) - Number(!!b.also))) {
      const full = `store_v2_${meta.family}`;
      const variants = route.method === 'GET' || meta.also ? [full, `${full}_read_only`] : [full];
      ways = ways.flatMap((way) => variants.map((v) => [...way, v]));
    }
    return ways.map((scopes) => ({ admin_token: scopes }));
  }
  if (metaOf(route, 'shopper').length || doc?.auth === 'bearer') return [{ customer_bearer: [] }];
  if (doc?.auth === 'bearer-optional') return [{ customer_bearer: [] }, {}];
  if (doc?.auth === 'bearer-or-refresh') return [{ customer_bearer: [] }, { refresh_cookie: [] }, {}];
  // The cookie, or (where REFRESH_IN_BODY allows it) `refresh_token` in the body, which the schema shows.
  if (doc?.auth === 'refresh') return [{ refresh_cookie: [] }, {}];
  return [];
}

function parameters(route: RegisteredRoute, doc: OperationDoc | undefined, schemas: SchemaSet): Json[] {
  const params: Json[] = [];
  const paramSchema = metaOf(route, 'input').find((m) => m.target === 'param');
  const paramProps = paramSchema ? ((schemas.convert(paramSchema.schema, 'input').properties ?? {}) as Record<string, Json>) : {};
  for (const name of route.params) params.push({ name, in: 'path', required: true, schema: paramProps[name] ?? { type: 'string' } });
  const queries = metaOf(route, 'input')
    .filter((m) => m.target === 'query')
    .map((m) => m.schema);
  if (doc?.query) queries.push(doc.query);
  for (const query of queries) {
    const json = schemas.convert(query, 'input');
    const required = new Set((json.required ?? []) as string[]);
    for (const [name, schema] of Object.entries((json.properties ?? {}) as Record<string, Json>)) {
      const { description, ...rest } = schema;
      params.push({ name, in: 'query', required: required.has(name), ...(description ? { description } : {}), schema: rest });
    }
  }
  return params;
}

function responses(route: RegisteredRoute, doc: OperationDoc | undefined, schemas: SchemaSet): Json {
  const out: Json = {};
  for (const [status, res] of Object.entries(doc?.responses ?? {})) {
    if (!res) continue;
    out[status] = {
      description: res.description,
      ...(res.headers ? { headers: res.headers } : {}),
      ...(res.schema ? { content: { [res.contentType ?? 'application/json']: { schema: schemas.convert(res.schema, 'output') } } } : {}),
    };
  }
  const v2 = route.path.startsWith('/v2/');
  const errorSchema = schemas.convert(v2 ? V2ErrorSchema : ErrorBodySchema, 'output');
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(route, doc)) {
    const status = ERROR_CODES[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[String(status)] = {
      description: codes.map((c) => `\`${c}\`: ${ERROR_CODES[c].title}`).join('; '),
      'x-error-codes': codes,
      ...(status === 429 ? { headers: RATE_LIMIT_HEADERS } : {}),
      content: {
        'application/json': { schema: errorSchema },
        // A browser navigating here gets a page, not JSON (middleware/browser-flows.ts failurePage).
        ...(doc?.browserFlow
          ? { 'text/html': { schema: { type: 'string', description: 'A script-free page: the error’s title and detail.' } } }
          : {}),
      },
    };
  }
  return out;
}

function operation(route: RegisteredRoute, doc: OperationDoc | undefined, schemas: SchemaSet): Json {
  const description = [
    doc?.description,
    doc?.bigcommerce ? `Follows BigCommerce's \`${doc.bigcommerce.operation}\` (${doc.bigcommerce.spec}).` : undefined,
    doc?.differs ? `**Differs from BigCommerce:** ${doc.differs}` : undefined,
  ]
    .filter(Boolean)
    .join('\n\n');
  const body = metaOf(route, 'input').find((m) => m.target === 'json')?.schema ?? doc?.body;
  const params = parameters(route, doc, schemas);
  return {
    operationId: operationId(route),
    tags: doc?.tags ?? [defaultTag(route)],
    summary: doc?.summary ?? `${route.method} ${route.path}`,
    ...(description ? { description } : {}),
    ...(doc?.bigcommerce ? { 'x-bigcommerce-operation': doc.bigcommerce } : {}),
    ...(doc?.differs ? { 'x-differs-from-bigcommerce': doc.differs } : {}),
    ...(params.length ? { parameters: params } : {}),
    // A body the route also accepts absent (refresh, log-out, account deletion) is not `required`.
    ...(body
      ? {
          requestBody: {
            required: !z.safeParse(body, undefined).success,
            content: { 'application/json': { schema: schemas.convert(body, 'input') } },
          },
        }
      : {}),
    responses: responses(route, doc, schemas),
    security: security(route, doc),
  };
}

const SECURITY_SCHEMES: Record<Api, Json> = {
  storefront: {
    customer_bearer: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: "The shopper's access token (a short-lived JWT from sign-up, log-in or refresh). Verify it with `/.well-known/jwks.json`.",
    },
    refresh_cookie: {
      type: 'apiKey',
      in: 'cookie',
      name: 'sfa_refresh',
      description:
        'The rotating refresh token: an HttpOnly, Secure, SameSite=None, Partitioned cookie on Path=/storefront/session. Where the store allows it (REFRESH_IN_BODY), a browser that refuses partitioned third-party cookies sends `refresh_token` in the JSON body instead.',
    },
  },
  admin: {
    admin_token: {
      type: 'apiKey',
      in: 'header',
      name: 'X-Auth-Token',
      description:
        "An admin API token (BigCommerce's store API account token). Scopes: `store_v2_customers` (modify) or `store_v2_customers_read_only` (GET only) for customer resources, `store_v2_orders` / `_read_only` for orders.",
    },
  },
};

/** Both documents, from the routes the worker registers. */
export async function generateDocuments(version: string): Promise<Record<Api, Json>> {
  const routes = await registeredRoutes();
  const docs = {} as Record<Api, Json>;
  for (const api of ['storefront', 'admin'] as const) {
    const schemas = new SchemaSet();
    const paths: Record<string, Json> = {};
    for (const route of routes.filter((r) => r.api === api).sort((a, b) => a.path.localeCompare(b.path))) {
      const doc = OPERATIONS[`${route.method} ${route.path}` as OperationKey];
      (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, doc, schemas);
    }
    docs[api] = {
      openapi: '3.1.0',
      info: { ...INFO[api], version },
      servers:
        api === 'admin'
          ? [
              { url: '/', description: 'The worker' },
              {
                url: '/stores/{store_hash}',
                description: 'The same, as a BigCommerce client addresses it',
                variables: {
                  store_hash: { default: 'demo01', description: 'The worker’s `STORE_HASH` (wrangler.toml; `demo01` is the demo store’s).' },
                },
              },
            ]
          : [{ url: '/', description: 'The worker' }],
      paths,
      components: {
        schemas: Object.fromEntries(Object.entries(schemas.components).sort(([a], [b]) => a.localeCompare(b))),
        securitySchemes: SECURITY_SCHEMES[api],
      },
    };
  }
  return docs;
}

/** Routes without a description in operations/ (the generator describes them from their middleware only). */
export async function undescribedRoutes(): Promise<string[]> {
  return (await registeredRoutes()).map((r) => `${r.method} ${r.path}`).filter((key) => !OPERATIONS[key as OperationKey]);
}
