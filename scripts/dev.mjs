// npm run dev: builds the widget, demo page and merchant console into public/ (rebuilt on change), applies the D1
// migrations to the local database, seeds the demo store (once), and serves the API, widget and demo
// storefront on http://localhost:8787 (PORT overrides). The worker runs with DEMO=true: it serves the demo,
// so its own origin is trusted by CORS.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { runWrangler } from './d1.mjs';
import { seedIfEmpty } from '../demo/seed.mjs';
import { ensureDevVars } from './local-secrets.mjs';
import { buildAssets } from './build-assets.mjs';

const port = process.env.PORT ?? '8787';

ensureDevVars();
console.log('Building the widget and demo page into public/…');
await buildAssets({ demo: true });
// Keep the widget and the console rebuilding while dev runs; wrangler dev serves the new files from public/.
const watchers = ['scripts/build-widget.mjs', 'scripts/build-console.mjs'].map((script) =>
  spawn(process.execPath, [path.resolve(script), '--watch'], { stdio: 'inherit' }),
);
console.log('Applying D1 migrations to the local database…');
runWrangler(['d1', 'migrations', 'apply', 'DB', '--local'], { quiet: true });
seedIfEmpty();

console.log(`Starting the worker on http://localhost:${port}`);
const child = spawn(
  path.resolve('node_modules/.bin/wrangler'),
  ['dev', '--port', port, '--ip', '127.0.0.1', '--var', 'DEMO:true', '--var', 'PASSKEY_SIGNUP:true', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  },
);
// wrangler dev runs no cron trigger here (its /__scheduled needs wrangler's bundling, which we skip, and
// Miniflare's /cdn-cgi/handler/scheduled fails beside [assets] in this version): call what the
// every-minute cron does (wrangler.toml [triggers]: webhook events that never reached the queue)
// through the local-only route instead.
const cron = setInterval(() => {
  fetch(`http://127.0.0.1:${port}/dev/webhooks/sweep`, { method: 'POST' }).catch(() => {});
}, 60_000);
cron.unref();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const w of watchers) w.kill(signal);
    child.kill(signal);
  });
}
child.on('exit', (code) => {
  for (const w of watchers) w.kill();
  process.exit(code ?? 0);
});
