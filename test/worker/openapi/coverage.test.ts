// Every route the worker registers is in the committed OpenAPI documents (docs/openapi/*.json), with a
// description of its own (worker/src/openapi/operations/), and the documents describe no route the worker
// does not have. The routes come from the worker's own Hono apps (routes/groups.ts, as index.ts mounts
// them), so a route added without a description fails here.
import { describe, expect, it } from 'vitest';
import admin from '../../../docs/openapi/admin.json';
import storefront from '../../../docs/openapi/storefront.json';
import { OPERATIONS } from '../../../worker/src/openapi/operations';
import { registeredRoutes } from '../../../worker/src/openapi/routes';
import type { OperationKey } from '../../../worker/src/openapi/types';
import { call } from '../../helpers/api';

type Paths = Record<string, Record<string, unknown>>;
const documented = (paths: Paths) => Object.entries(paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));

describe('the OpenAPI documents and the registered routes', () => {
  it('document every route the worker registers, each in its API’s document', async () => {
    const routes = await registeredRoutes();
    expect(routes.length).toBeGreaterThan(100);
    const docs = { storefront: new Set(documented(storefront.paths)), admin: new Set(documented(admin.paths)) };
    const missing = routes.filter((r) => !docs[r.api].has(`${r.method} ${r.path}`)).map((r) => `${r.api}: ${r.method} ${r.path}`);
    expect(missing, 'routes missing from docs/openapi/ (run npm run build:openapi)').toEqual([]);
  });

  it('describe no route the worker does not have', async () => {
    const routes = new Set((await registeredRoutes()).map((r) => `${r.method} ${r.path}`));
    const stale = [...documented(storefront.paths as Paths), ...documented(admin.paths as Paths)].filter((key) => !routes.has(key));
    expect(stale).toEqual([]);
  });

  it('have a written description (summary and answers) for every route, and none for a route that is gone', async () => {
    const routes = await registeredRoutes();
    const keys = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const undescribed = [...keys].filter((key) => !OPERATIONS[key as OperationKey]);
    expect(undescribed, 'add them to worker/src/openapi/operations/').toEqual([]);
    expect(Object.keys(OPERATIONS).filter((key) => !keys.has(key))).toEqual([]);
  });

  it('a route that is not registered is not in the documents and answers the one not-found error', async () => {
    expect(Object.keys(admin.paths)).not.toContain('/v3/no-such-resource');
    const res = await call('GET', '/v3/no-such-resource');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });
});
