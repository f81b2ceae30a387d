// The worker's HTTP app: security headers, JSON-only bodies, the route groups, the one error handler.
// Its own module, not an export of index.ts: a named export of the main module with a `fetch` would be
// a second entry point other workers could bind to. index.ts serves it; openapi/routes.ts walks it.
// The route groups are loaded on their first request (see `lazy`): a cold isolate compiles and runs only
// this file and what it imports statically (the startup budget of bench/worker-size.bench.mjs).
import { Hono, type Context, type Handler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './env';
import { ApiError, handleError, handleNotFound } from './errors';
import { bodiless } from './middleware/bodiless';
import { d1Session } from './middleware/d1-session';
import { jsonOnly } from './middleware/json-only';
import { webhookDispatch } from './middleware/webhooks';
import { ROUTE_GROUPS } from './routes/groups';

/** The request's ExecutionContext; a test may call `app.fetch(request, env)` without one. */
function executionCtx(c: Context<AppEnv>) {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}

/**
 * A route group loaded on its first request: `load` imports the group's modules (`import()`, so each is
 * its own module chunk, scripts/build-worker.mjs) and mounts them at the paths a static `app.route()`
 * would. The group runs behind every middleware above, with this request's `c.env` (the D1 session of
 * d1Session), the one error handler and the one not-found answer, so it answers exactly as if it were
 * mounted statically. Context variables do not cross into the group: nothing above sets any.
 * The loaded group is kept for the isolate's life; a failed load is retried by the next request.
 */
function lazy(load: () => Promise<Hono<AppEnv>>): Handler<AppEnv> {
  let group: Promise<Hono<AppEnv>> | undefined;
  return async (c) => {
    group ??= load().then(
      (routes) => routes.onError(handleError).notFound(handleNotFound),
      (err: unknown) => {
        group = undefined;
        throw err;
      },
    );
    return (await group).fetch(c.req.raw, c.env, executionCtx(c));
  };
}

/** The worker's app: served by index.ts, walked by the API description (worker/src/openapi/routes.ts). */
export const app = new Hono<AppEnv>();

// First: every D1 query of the request runs in one D1 session (read replicas; middleware/d1-session.ts).
app.use('*', d1Session);
app.use('*', webhookDispatch);

// Bodiless answers (204, 304) are explicit, so no layer compresses them (middleware/bodiless.ts).
app.use('*', bodiless);
app.use('*', secureHeaders({ crossOriginResourcePolicy: false, crossOriginOpenerPolicy: 'same-origin' }));
app.use('*', jsonOnly);
// The largest legitimate body is a batch of 100 customers with addresses (well under 1 MB).
app.use(
  '*',
  bodyLimit({
    maxSize: 1024 * 1024,
    onError: () => {
      throw new ApiError('payload_too_large', { detail: 'At most 1 MB per request.' });
    },
  }),
);

app.get('/health', (c) => c.json({ ok: true }));

// The route groups (routes/groups.ts), each loaded on its first request (`lazy`). The admin API answers
// under /stores/{STORE_HASH}/ too, so a BigCommerce client can be pointed at the worker by base URL.
for (const group of ROUTE_GROUPS) {
  const routes = lazy(group.load);
  for (const path of group.paths) app.all(path, routes);
}
const admin = ROUTE_GROUPS.find((group) => group.api === 'admin')!;
app.use('/stores/:store_hash/*', async (c, next) => {
  if (c.req.param('store_hash') !== c.env.STORE_HASH) throw new ApiError('store_not_found');
  await next();
});
app.all(
  '/stores/:store_hash/*',
  lazy(async () => new Hono<AppEnv>().route('/stores/:store_hash', await admin.load())),
);

app.onError(handleError);
app.notFound(handleNotFound);
