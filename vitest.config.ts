// Three projects. `docs`: the docs against the code they document (node). `worker`: tests run inside workerd (the Workers runtime) against a real local D1,
// migrations applied in test/helpers/apply-migrations.ts. `widget`: the elements' component tests in
// happy-dom with a stubbed fetch. The e2e suite (real Chromium) has its own config: test/e2e/vitest.config.ts.
import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { newAppSecretsKey, newSigningKey } from './scripts/local-secrets.mjs';

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, 'worker/migrations'));
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              // The sources, not wrangler.toml's `main` (the build in dist/worker/): SELF runs the worker as
              // the tests import it.
              main: './worker/src/index.ts',
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  ENVIRONMENT: 'test',
                  // As `npm run dev` runs it: the worker serves the demo, so its own origin is trusted by
                  // CORS. test/worker/security/demo-deploy.test.ts checks the production default (off).
                  DEMO: 'true',
                  // As `npm run dev` runs it: passkey sign-up on (wrangler.toml's default is off; the
                  // passkey-sign-up suite checks the off case too).
                  PASSKEY_SIGNUP: 'true',
                  // Fresh keys per run: tests never depend on a committed secret.
                  TOKEN_SIGNING_KEY: newSigningKey('test-current'),
                  APP_SECRETS_KEY: newAppSecretsKey(),
                },
              },
            }),
          ],
          test: {
            name: 'worker',
            include: ['test/worker/**/*.test.ts'],
            setupFiles: ['./test/helpers/apply-migrations.ts'],
            testTimeout: 60_000,
            hookTimeout: 60_000,
          },
        },
        {
          test: {
            name: 'docs',
            environment: 'node',
            include: ['test/docs/**/*.test.ts'],
          },
        },
        {
          test: {
            name: 'widget',
            environment: 'happy-dom',
            include: ['test/widget/**/*.test.ts'],
          },
        },
      ],
    },
  };
});
