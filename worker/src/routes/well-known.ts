// GET /.well-known/jwks.json — public keys that verify customer access tokens (current + previous).
import { Hono } from 'hono';
import { publicJwks } from '../auth/customer-tokens';
import type { AppEnv } from '../env';

const wellKnown = new Hono<AppEnv>().get('/jwks.json', async (c) => {
  c.header('Cache-Control', 'public, max-age=300');
  return c.json(await publicJwks(c.env));
});

export default wellKnown;
