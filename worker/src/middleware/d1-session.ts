// Read replicas (D1's Sessions API). Every request runs its D1 queries in one session, so they are
// sequentially consistent among themselves, and the session says where its first query may go:
//
// - `first-primary` for anything auth-critical or writing: every non-GET request (log-in, refresh,
//   sign-up, every write), every GET of a signed-in shopper (its first query is the live-shopper check:
//   the token version must never be read from a replica that has not yet seen a revocation), and admin
//   GETs that bring no bookmark (an integrator that writes then reads must see the write).
// - the bookmark from `X-D1-Bookmark` for GETs that bring one (admin clients, the console): a replica at
//   least as new as that bookmark, so a client that carries the bookmark of its write reads it back.
// - `first-unconstrained` for a guest's GETs without one (store configuration: form fields, providers),
//   which may be a moment stale (and are publicly cached for a minute anyway).
//
// Admin API answers carry `X-D1-Bookmark`: the session's latest bookmark, for the client's next request.
// Storefront answers do not: a shopper needs none (their requests start at the primary), and a bookmark
// moves when a request writes, so on a guest's log-in, code or reset request it would tell whether the
// email has an account (the enumeration suite compares those answers header by header).
// Where replication is off (local dev, tests, a database without read replication) D1 serves every
// query from the primary and bookmarks only order them: the same code, the same answers.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';

/** The request header a client sends the bookmark of its last request in, and the response header with the new one. */
export const BOOKMARK_HEADER = 'X-D1-Bookmark';

// D1 bookmarks are dash-separated hex groups; anything else is ignored (the default constraint applies).
const BOOKMARK = /^[0-9a-f]{1,64}(?:-[0-9a-f]{1,64}){1,7}$/i;

/** Where the request's first D1 query may go (see the file comment). */
export function sessionConstraint(c: Context<AppEnv>): string {
  const read = c.req.method === 'GET' || c.req.method === 'HEAD';
  if (!read || c.req.header('Authorization') !== undefined) return 'first-primary';
  const bookmark = c.req.header(BOOKMARK_HEADER);
  if (bookmark !== undefined && BOOKMARK.test(bookmark)) return bookmark;
  return c.req.header('X-Auth-Token') !== undefined ? 'first-primary' : 'first-unconstrained';
}

/**
 * Runs the request's D1 queries in one D1 session (`c.env.DB` becomes the session) and answers an admin
 * client its bookmark in `X-D1-Bookmark`. Registered first, before anything reads D1.
 * @example app.use('*', d1Session)
 */
export const d1Session = createMiddleware<AppEnv>(async (c, next) => {
  const session = c.env.DB.withSession(sessionConstraint(c));
  // A session has prepare() and batch(), all our code uses of a D1Database (db/ never calls exec or dump).
  c.env = { ...c.env, DB: session as unknown as D1Database };
  await next();
  const bookmark = c.req.header('X-Auth-Token') !== undefined ? session.getBookmark() : null;
  if (bookmark) c.res.headers.set(BOOKMARK_HEADER, bookmark);
});
