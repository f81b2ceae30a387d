// Starts the worker as `npm run dev` serves it (API, widget, demo page) on a free port with its own
// fresh persist dir: migrations applied, demo seed loaded (scripts/private-worker.mjs: a snapshot of the
// worker and of public/, its own .dev.vars, never the developer's). stop() ends the process group and
// removes the data; E2E_KEEP=1 keeps it.
import { freePort, startPrivateWorker } from '../../scripts/private-worker.mjs';

export { freePort };

/** `vars`: extra worker variables (written into the private .dev.vars), e.g. an OpenID provider's client secret. */
export async function startDevServer(options: { vars?: Record<string, string> } = {}): Promise<{ base: string; stop: () => Promise<void> }> {
  // PASSKEY_SIGNUP as scripts/dev.mjs sets it for the demo store.
  const { base, stop } = await startPrivateWorker({
    seed: true,
    vars: { PASSKEY_SIGNUP: 'true', ...options.vars },
    keep: Boolean(process.env.E2E_KEEP),
    prefix: 'sfa-e2e-',
  });
  return { base, stop };
}
