// /dev/* — local development only (ENVIRONMENT "local" or "test"): the mail outbox.
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';

const dev = new Hono<AppEnv>();

dev.use('*', async (c, next) => {
  if (c.env.ENVIRONMENT !== 'local' && c.env.ENVIRONMENT !== 'test') throw new ApiError(404, 'Not found');
  await next();
});

dev.get('/outbox', async (c) => {
  const { results } = await c.env.DB.prepare(
    'SELECT id, to_email AS "to", subject, text_body AS text, kind, status, date_created FROM mail_outbox ORDER BY id DESC LIMIT 100',
  ).all();
  return c.json({ data: results });
});

export default dev;
