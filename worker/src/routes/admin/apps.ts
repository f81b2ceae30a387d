// /v3/apps: API accounts for Customer Login SSO and Current Customer. Creating an app returns its
// client secret once, in that response only (accounts/apps.ts). DELETE revokes; a revoked app's SSO
// tokens and current-customer requests fail.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { type AppRow, createApp, getAppById, listAppsPage, revokeApp } from '../../accounts/apps';
import type { AppEnv } from '../../env';
import { ApiError } from '../../errors';
import { validate } from '../../validation';
import { listMeta, pagingQuery, toPaging } from './paging';

const createBody = z.strictObject({ name: z.string().check(z.trim(), z.minLength(1, 'Required'), z.maxLength(255)) });
const listQuery = z.strictObject(pagingQuery);
const idParam = z.object({ id: z.coerce.number().check(z.int(), z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER)) });

function toApp(row: AppRow, storeHash: string) {
  return {
    id: row.id,
    name: row.name,
    client_id: row.client_id,
    store_hash: storeHash,
    date_created: row.date_created,
    revoked_at: row.revoked_at,
  };
}

const notFound = () => new ApiError('app_not_found');

const apps = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
    const paging = toPaging(c.req.valid('query'));
    const result = await listAppsPage(c.env.DB, paging);
    return c.json({ data: result.rows.map((r) => toApp(r, c.env.STORE_HASH)), meta: listMeta(result, paging) });
  })

  .post('/', validate('json', createBody), async (c) => {
    const { app, secret } = await createApp(c.env, c.req.valid('json').name);
    c.header('Cache-Control', 'no-store');
    return c.json({ data: { ...toApp(app, c.env.STORE_HASH), client_secret: secret }, meta: {} }, 201);
  })

  .get('/:id', validate('param', idParam), async (c) => {
    const row = await getAppById(c.env.DB, c.req.valid('param').id);
    if (!row) throw notFound();
    return c.json({ data: toApp(row, c.env.STORE_HASH), meta: {} });
  })

  .delete('/:id', validate('param', idParam), async (c) => {
    const row = await revokeApp(c.env, c.req.valid('param').id);
    if (!row) throw notFound();
    return c.body(null, 204);
  });

export default apps;
