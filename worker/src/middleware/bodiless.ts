// Answers without a body (204, 205, 304) say so explicitly, so no layer between the worker and the client
// compresses them. `wrangler dev` (miniflare's entry worker, emulating Cloudflare's front line) treats a
// response without Content-Type as compressible and sets `Content-Encoding: gzip` on a 204 whose body stays
// empty, which clients that gunzip every gzip answer (node-bigcommerce) fail on. `Content-Encoding: identity`
// (no coding) is left alone by that layer and by Cloudflare's; a Content-Type or Content-Length on a
// bodiless answer would describe a body that is not there, so they go.
import { createMiddleware } from 'hono/factory';

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

export const bodiless = createMiddleware(async (c, next) => {
  await next();
  const status = c.res.status;
  if (!NULL_BODY_STATUSES.has(status)) return;
  const headers = new Headers(c.res.headers);
  headers.delete('Content-Type');
  headers.delete('Content-Length');
  headers.set('Content-Encoding', 'identity');
  // A fresh Response, not the old one's headers changed in place: a response from a nested fetch (the
  // lazily loaded route groups) may have immutable headers. Unset first, so Hono does not copy the old
  // headers back over these.
  c.res = undefined;
  c.res = new Response(null, { status, headers });
});
