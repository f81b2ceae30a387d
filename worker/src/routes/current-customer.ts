// Placeholder: being built (issue 3, single sign-on). Mounted by the app.
import { Hono } from 'hono';
import type { AppEnv } from '../env';

const routes = new Hono<AppEnv>();

export default routes;
