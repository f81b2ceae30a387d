// Applies the real D1 migrations to the test database before each test file (idempotent).
import { applyD1Migrations, env } from 'cloudflare:test';
import type { Bindings } from '../../worker/src/env';

declare global {
  namespace Cloudflare {
    interface Env extends Bindings {
      TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    }
  }
}

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
