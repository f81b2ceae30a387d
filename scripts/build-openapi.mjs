// Generates the OpenAPI 3.1 documents of the storefront and admin APIs from the worker's code
// (worker/src/openapi/generate.ts): bundled with esbuild for Node and run here, then written to
// docs/openapi/{storefront,admin}.json (committed, so they can be read and diffed without a build) and to
// the static assets (public/openapi/, served at /openapi/*.json). Run by scripts/build-assets.mjs (so by
// `npm run build`, `npm test`, `npm run dev`).
// `--check`: write nothing; exit 1 when the committed documents differ from what the code generates
// (CI: a route or schema changed without `npm run build:openapi`).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const committedDir = path.join(root, 'docs/openapi');
const APIS = ['storefront', 'admin'];

/** The two documents as the code describes them today: `{ storefront: string, admin: string }` (JSON text). */
export async function generateOpenApi() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sfa-openapi-'));
  try {
    const outfile = path.join(dir, 'generate.mjs');
    await esbuild.build({
      entryPoints: [path.join(root, 'worker/src/openapi/generate.ts')],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // The worker's packages as the worker resolves them; workerd's own modules are never loaded here.
      conditions: ['workerd', 'worker', 'browser'],
      external: ['cloudflare:*'],
      logLevel: 'error',
    });
    const { generateDocuments } = await import(pathToFileURL(outfile).href);
    const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const docs = await generateDocuments(version);
    return Object.fromEntries(APIS.map((api) => [api, `${JSON.stringify(docs[api], null, 2)}\n`]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Writes the documents to docs/openapi/ and to `assetsDir`/openapi/.
 * @param {{ assetsDir?: string }} [options]
 */
export async function buildOpenApi({ assetsDir } = {}) {
  const docs = await generateOpenApi();
  for (const dir of [committedDir, assetsDir && path.join(assetsDir, 'openapi')].filter(Boolean)) {
    mkdirSync(dir, { recursive: true });
    for (const api of APIS) writeFileSync(path.join(dir, `${api}.json`), docs[api]);
  }
  return docs;
}

/** The committed documents that differ from the generated ones (their file names). */
export async function staleOpenApi() {
  const docs = await generateOpenApi();
  return APIS.filter((api) => {
    try {
      return readFileSync(path.join(committedDir, `${api}.json`), 'utf8') !== docs[api];
    } catch {
      return true;
    }
  }).map((api) => `docs/openapi/${api}.json`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--check')) {
    const stale = await staleOpenApi();
    if (stale.length) {
      console.error(`${stale.join(' and ')} differ from what the code describes: run \`npm run build:openapi\` and commit the result.`);
      process.exit(1);
    }
    console.log('docs/openapi/*.json match the code');
  } else {
    await buildOpenApi({ assetsDir: path.join(root, 'public') });
    console.log('wrote docs/openapi/storefront.json and docs/openapi/admin.json (and public/openapi/)');
  }
}
