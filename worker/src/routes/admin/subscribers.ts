// Placeholder: being built (issue 4). Mounted by the route group.
import { Hono } from 'hono';
import type { AppEnv } from '../../env';

const routes = new Hono<AppEnv>();

export default routes;
