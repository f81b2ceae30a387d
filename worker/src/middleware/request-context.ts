// Request facts the storefront flows that mail something share: where mail links point, and finishing
// work after the response (so a mail's time never shows in the answer: no enumeration by timing).
import type { Context } from 'hono';
import type { AppEnv } from '../env';

/** Where mail links point: the page with <account-portal> (ACCOUNT_URL) or the worker's origin. */
export const accountUrlOf = (c: Context<AppEnv>) => c.env.ACCOUNT_URL ?? `${new URL(c.req.url).origin}/`;

/** Finishes `work` after the response (waitUntil); inline where there is no execution context. */
export async function afterResponse(c: Context<AppEnv>, work: Promise<unknown> | undefined): Promise<void> {
  if (!work) return;
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    await work;
  }
}
