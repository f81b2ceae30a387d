// /v3/hooks — webhooks in BigCommerce's V3 shape (docs/webhooks.md; delivery in accounts/webhooks.ts):
//   GET    /v3/hooks                 list (filters is_active, scope, destination; page, limit)
//   POST   /v3/hooks                 {scope, destination, is_active?, events_history_enabled?, headers?}
//                                    → {data: hook + secret (shown this once)}
//   GET/PUT/DELETE /v3/hooks/{id}
//   GET    /v3/hooks/events          events history (filters hook_id, status, scope), ours
//   GET    /v3/hooks/{id}/events     one hook's
//   POST   /v3/hooks/events/{id}/redeliver   ours: send a delivered or failed event again
// `store_v2_customers` manages hooks; `_read_only` may list (adminAuth('customers') in index.ts).
import { type Context, Hono } from 'hono';
import * as z from 'zod/mini';
import { encryptHookSecret, isHookScope, newHookSecret, newKeyId, sendEvents } from '../../accounts/webhooks';
import {
  deleteHook,
  getHook,
  type HookRow,
  insertHook,
  listHooks,
  listWebhookEvents,
  redeliverEvent,
  updateHook,
  type WebhookEventRow,
} from '../../db/webhooks';
import { allows } from '../../auth/admin-scopes';
import type { AppEnv } from '../../env';
import { ApiError, fieldError } from '../../errors';
import { afterResponse } from '../../middleware/request-context';
import { isoNow } from '../../time';
import { validate } from '../../validation';
import { DEFAULT_LIMIT, MAX_LIMIT } from './paging';

const scope = z.string().check(z.maxLength(100), z.refine(isHookScope, 'Not a webhook scope (see docs/webhooks.md "Scopes")'));
const destination = z.string().check(
  z.trim(),
  z.maxLength(2000),
  z.refine((s) => {
    try {
      const url = new URL(s);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && !url.hash;
    } catch {
      return false;
    }
  }, 'An https URL'),
);
// Header names a receiver may want (an API key); not ours to overwrite, and none that change the request's framing.
const RESERVED_HEADER =
  /^(content-(type|length|encoding)|host|user-agent|transfer-encoding|connection|upgrade|expect|te|forwarded|x-forwarded-.*|cf-.*|proxy-.*|webhook-(id|timestamp|signature))$/i;
const headers = z
  .record(
    z.string().check(
      z.regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/, 'A header name'),
      z.refine((n) => !RESERVED_HEADER.test(n), 'Set by the worker'),
    ),
    // What an HTTP header value may hold (tab, visible ASCII, Latin-1): anything else fails at delivery.
    z.string().check(z.maxLength(1000), z.regex(/^[\t\x20-\x7e\x80-\xff]*$/, 'Printable characters on one line')),
  )
  .check(z.refine((h) => Object.keys(h).length <= 20, 'At most 20 headers'));

const createBody = z.strictObject({
  scope,
  destination,
  is_active: z.optional(z.boolean()),
  events_history_enabled: z.optional(z.boolean()),
  headers: z.optional(z.nullable(headers)),
});
const updateBody = z.strictObject(z.partial(createBody).shape);
const idParam = z.object({ id: z.coerce.number().check(z.int(), z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER)) });
const paging = {
  page: z.optional(z.coerce.number().check(z.int(), z.minimum(1))),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(MAX_LIMIT))),
};
const booleanQuery = z.pipe(
  z.enum(['true', 'false', '1', '0']),
  z.transform((s) => s === 'true' || s === '1'),
);
const listQuery = z.strictObject({
  ...paging,
  is_active: z.optional(booleanQuery),
  scope: z.optional(z.string().check(z.maxLength(100))),
  destination: z.optional(z.string().check(z.maxLength(2000))),
});
const eventsQuery = z.strictObject({
  ...paging,
  hook_id: z.optional(z.coerce.number().check(z.int(), z.minimum(1))),
  status: z.optional(z.enum(['pending', 'queued', 'delivered', 'failed'])),
  scope: z.optional(z.string().check(z.maxLength(100))),
});

/** Production destinations are https; http only for a local receiver in local runs (ENVIRONMENT local or test). */
function checkDestination(c: Context<AppEnv>, value: string | undefined): void {
  if (value === undefined) return;
  const url = new URL(value);
  const local = (c.env.ENVIRONMENT === 'local' || c.env.ENVIRONMENT === 'test') && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !local) {
    throw new ApiError('validation_failed', { errors: { destination: fieldError('invalid_format', 'Must be an https URL') } });
  }
}

/**
 * A hook's headers usually carry the receiver's credentials (an API key): a read-only token sees their
 * names only, a token that may manage hooks sees the values too (as BigCommerce shows them).
 */
function headersFor(c: Context<AppEnv>, stored: string): Record<string, string> {
  const headers = JSON.parse(stored) as Record<string, string>;
  if (allows(c.var.admin.scopes, 'customers', true)) return headers;
  return Object.fromEntries(Object.keys(headers).map((name) => [name, '********']));
}

function toHook(c: Context<AppEnv>, row: HookRow) {
  return {
    id: row.id,
    client_id: '',
    store_hash: c.env.STORE_HASH,
    scope: row.scope,
    destination: row.destination,
    headers: headersFor(c, row.headers),
    is_active: row.is_active === 1,
    events_history_enabled: row.events_history_enabled === 1,
    created_at: Math.floor(Date.parse(row.created_at) / 1000),
    updated_at: Math.floor(Date.parse(row.updated_at) / 1000),
    // Ours: why a hook is off when the worker turned it off (48 hours of failed deliveries).
    failing_since: row.failing_since,
    deactivated_reason: row.deactivated_reason,
  };
}

const toEvent = (row: WebhookEventRow) => ({
  id: row.id,
  event_id: row.event_id,
  hook_id: row.hook_id,
  scope: row.scope,
  data: JSON.parse(row.data) as Record<string, unknown>,
  created_at: row.created_at,
  status: row.status,
  attempts: row.attempts,
  last_response_code: row.last_response_code,
  last_attempt_at: row.last_attempt_at,
  delivered_at: row.delivered_at,
});

const pagination = (total: number, page: number, limit: number, count: number) => ({
  pagination: { total, count, per_page: limit, current_page: page, total_pages: Math.max(1, Math.ceil(total / limit)) },
});

const notFound = () => new ApiError('hook_not_found');

const hooks = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
    const { page = 1, limit = DEFAULT_LIMIT, ...filter } = c.req.valid('query');
    const { rows, total } = await listHooks(c.env.DB, filter, page, limit);
    return c.json({ data: rows.map((r) => toHook(c, r)), meta: pagination(total, page, limit, rows.length) });
  })

  .post('/', validate('json', createBody), async (c) => {
    const body = c.req.valid('json');
    checkDestination(c, body.destination);
    const secret = newHookSecret();
    const keyId = newKeyId();
    const row = await insertHook(
      c.env.DB,
      {
        scope: body.scope,
        destination: body.destination,
        is_active: body.is_active ?? true,
        events_history_enabled: body.events_history_enabled ?? true,
        headers: body.headers ?? {},
        key_id: keyId,
        secret: await encryptHookSecret(c.env, keyId, secret),
      },
      isoNow(),
    );
    // The secret in plain text this once: the receiver verifies signatures with it (docs/webhooks.md "Signing").
    return c.json({ data: { ...toHook(c, row!), secret }, meta: {} });
  })

  .get('/events', validate('query', eventsQuery), async (c) => {
    const { page = 1, limit = DEFAULT_LIMIT, ...filter } = c.req.valid('query');
    const { rows, total } = await listWebhookEvents(c.env.DB, filter, page, limit);
    return c.json({ data: rows.map(toEvent), meta: pagination(total, page, limit, rows.length) });
  })

  .post('/events/:id/redeliver', validate('param', idParam), async (c) => {
    const row = await redeliverEvent(c.env.DB, c.req.valid('param').id);
    if (!row) throw new ApiError('webhook_event_not_found');
    await afterResponse(c, sendEvents(c.env, [row.id]));
    return c.json({ data: toEvent(row), meta: {} }, 202);
  })

  .get('/:id', validate('param', idParam), async (c) => {
    const row = await getHook(c.env.DB, c.req.valid('param').id);
    if (!row) throw notFound();
    return c.json({ data: toHook(c, row), meta: {} });
  })

  .get('/:id/events', validate('param', idParam), validate('query', z.strictObject(z.omit(eventsQuery, { hook_id: true }).shape)), async (c) => {
    const hookId = c.req.valid('param').id;
    if (!(await getHook(c.env.DB, hookId))) throw notFound();
    const { page = 1, limit = DEFAULT_LIMIT, ...filter } = c.req.valid('query');
    const { rows, total } = await listWebhookEvents(c.env.DB, { ...filter, hook_id: hookId }, page, limit);
    return c.json({ data: rows.map(toEvent), meta: pagination(total, page, limit, rows.length) });
  })

  .put('/:id', validate('param', idParam), validate('json', updateBody), async (c) => {
    const body = c.req.valid('json');
    checkDestination(c, body.destination);
    const row = await updateHook(c.env.DB, c.req.valid('param').id, { ...body, headers: body.headers === null ? {} : body.headers }, isoNow());
    if (!row) throw notFound();
    return c.json({ data: toHook(c, row), meta: {} });
  })

  .delete('/:id', validate('param', idParam), async (c) => {
    const row = await deleteHook(c.env.DB, c.req.valid('param').id);
    if (!row) throw notFound();
    return c.json({ data: toHook(c, row), meta: {} });
  });

export default hooks;
