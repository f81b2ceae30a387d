// /dev/* — local development only (ENVIRONMENT "local" or "test"): the mail outbox, and the bare
// password verification the log-in benchmark compares log-in against.
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { hashPassword, verifyPassword } from '../auth/passwords';
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

let benchHash: Promise<string> | undefined;

/** One password verification (the current parameters) and nothing else: the floor of a log-in. */
dev.post('/bench/password-hash', async (c) => {
  benchHash ??= hashPassword('bench-password-2026');
  const { password } = await c.req.json<{ password: string }>();
  const { valid } = await verifyPassword(String(password), await benchHash);
  return c.json({ valid });
});

export default dev;
