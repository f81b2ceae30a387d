// Read replicas (D1's Sessions API). Every request runs its D1 queries in one D1 session, so they are
// sequentially consistent among themselves, and the session says where its first query may go:
//
// - `first-unconstrained` only for the store configuration a guest's page view reads (form fields,
//   providers, the JWKS): a moment of staleness is harmless there (and they are cached for a minute).
// - the bookmark from `X-D1-Bookmark` for an admin client's GET that sends one (the console): a replica
//   at least as new as that bookmark, so a client that carries the bookmark of its write reads it back.
// - `first-primary` for everything else: every write, every sign-in flow (log-in, refresh, SSO, OpenID
//   Connect callbacks, Current Customer), every GET of a signed-in shopper (its first query is the
//   live-shopper check: the token version must never come from a replica that has not yet seen a
//   revocation), and admin GETs without a bookmark (an integrator that writes then reads must see it).
//
// Only admin answers carry `X-D1-Bookmark`, and only once the admin token was accepted (`answerBookmark`,
// called by middleware/admin-auth.ts): a bookmark moves when anything is written, so handed to anyone it
// would tell whether a guest's log-in, code or reset request found an account. Where replication is off
// (local dev, tests, a database without read replication) D1 serves every query from the primary and
// bookmarks only order them: the same code, the same answers.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';

/** The request header a client sends the bookmark of its last request in, and the response header with the new one. */
export const BOOKMARK_HEADER = 'X-D1-Bookmark';

// D1 bookmarks are dash-separated hex groups; anything else is ignored (the default constraint applies).
const BOOKMARK = /^[0-9a-f]{1,64}(?:-[0-9a-f]{1,64}){1,7}$/i;

/** Guest reads of store configuration: the only requests that may start at any replica. */
const ANY_REPLICA = new Set(['/storefront/form-fields', '/storefront/oidc/providers', '/.well-known/jwks.json']);

// The bookmark of this isolate's last admin write to the store configuration (channels, settings), for
// a minute: the guest configuration reads start at a replica at least that new. That write dropped the
// isolate's cached configuration (accounts/settings.ts), and its next request (often the widget's
// GET /storefront/form-fields, whose CORS check refills it) must not refill it from a replica that
// has not seen the change yet, or a newly added storefront origin would be refused for 30 s.
const CONFIG_FLOOR_MS = 60_000;
let configFloor: { bookmark: string; until: number } | undefined;

/** Where the request's first D1 query may go (see the file comment). */
export function sessionConstraint(c: Context<AppEnv>): string {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return 'first-primary';
  if (ANY_REPLICA.has(c.req.path)) return configFloor && configFloor.until > Date.now() ? configFloor.bookmark : 'first-unconstrained';
  const bookmark = c.req.header(BOOKMARK_HEADER);
  if (c.req.header('X-Auth-Token') !== undefined && bookmark !== undefined && BOOKMARK.test(bookmark)) return bookmark;
  return 'first-primary';
}

/**
 * Runs the request's D1 queries in one D1 session (`c.env.DB` becomes the session). Registered first,
 * before anything reads D1; route groups loaded on demand get this `c.env`.
 * @example app.use('*', d1Session)
 */
export const d1Session = createMiddleware<AppEnv>(async (c, next) => {
  const session = c.env.DB.withSession(sessionConstraint(c));
  // A session has prepare() and batch(), all our code uses of a D1Database (db/ never calls exec or dump).
  c.env = { ...c.env, DB: session as unknown as D1Database };
  await next();
});

/** Puts the request's D1 session bookmark on the answer (admin answers only: see the file comment). */
export function answerBookmark(c: Context<AppEnv>): void {
  const bookmark = (c.env.DB as unknown as Partial<D1DatabaseSession>).getBookmark?.();
  if (bookmark) c.res.headers.set(BOOKMARK_HEADER, bookmark);
}

/**
 * On the admin routes that change store configuration: after a successful write, remembers its bookmark
 * as the floor of this isolate's guest configuration reads (see `configFloor`).
 * @example channels.use('*', noteConfigWrite)
 */
export const noteConfigWrite = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.res.status >= 400) return;
  const bookmark = (c.env.DB as unknown as Partial<D1DatabaseSession>).getBookmark?.();
  if (bookmark) configFloor = { bookmark, until: Date.now() + CONFIG_FLOOR_MS };
});
