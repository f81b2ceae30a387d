// Placeholder: being built (see issue 2). Mounted in ./index.ts.
import { Hono } from 'hono';
import type { AppEnv } from '../../env';

const routes = new Hono<AppEnv>();

export default routes;
