// Worker tests run inside workerd (the Workers runtime) against a real local D1, migrations applied in
// test/helpers/apply-migrations.ts. Widget and e2e suites have their own configs.
import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { newAppSecretsKey, newSigningKey } from './scripts/local-secrets.mjs';

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, 'worker/migrations'));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            ENVIRONMENT: 'test',
            // Fresh keys per run: tests never depend on a committed secret.
            TOKEN_SIGNING_KEY: newSigningKey('test-current'),
            APP_SECRETS_KEY: newAppSecretsKey(),
          },
        },
      }),
    ],
    test: {
      include: ['test/worker/**/*.test.ts'],
      setupFiles: ['./test/helpers/apply-migrations.ts'],
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  };
});
