// The committed API descriptions (docs/openapi/*.json) are valid OpenAPI 3.1 documents, by a validator
// of the OpenAPI Initiative's published schema, and they are what the code generates today
// (scripts/build-openapi.mjs; `.ci/run` checks the same before the suite, whose pretest rewrites them).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { staleOpenApi } from '../../scripts/build-openapi.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const read = (api: string) => JSON.parse(readFileSync(path.join(root, `docs/openapi/${api}.json`), 'utf8')) as Record<string, any>;

describe('docs/openapi/', () => {
  for (const api of ['storefront', 'admin']) {
    it(`${api}.json is a valid OpenAPI 3.1 document`, async () => {
      const doc = read(api);
      expect(doc.openapi).toBe('3.1.0');
      const result = await new Validator().validate(doc);
      expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)?.slice(0, 2000)).toEqual([]);
      expect(result.valid).toBe(true);
    });
  }

  it('the validator refuses a broken document (so the test above can fail)', async () => {
    const doc = read('admin');
    doc.paths['/v3/customers'].get.responses = 'none';
    expect((await new Validator().validate(doc)).valid).toBe(false);
  });

  it('the committed documents are what the code generates', async () => {
    expect(await staleOpenApi(), 'run `npm run build:openapi` and commit docs/openapi/').toEqual([]);
  }, 60_000);

  it('every operation that follows BigCommerce names an operation of the public spec', () => {
    // Copies of ../shared/reference/bigcommerce/ (a clean checkout has no ../shared).
    const specs = path.join(root, 'test/fixtures/bigcommerce');
    let named = 0;
    for (const [p, item] of [
      ...Object.entries<Record<string, any>>(read('admin').paths),
      ...Object.entries<Record<string, any>>(read('storefront').paths),
    ]) {
      for (const [method, op] of Object.entries<Record<string, any>>(item)) {
        const bc = op['x-bigcommerce-operation'] as { operation: string; spec: string } | undefined;
        if (!bc) continue;
        named++;
        const text = readFileSync(path.join(specs, bc.spec), 'utf8');
        expect(text, `${method.toUpperCase()} ${p}: ${bc.operation} in ${bc.spec}`).toMatch(
          new RegExp(`operationId:\\s*['"]?${bc.operation}['"]?\\s*$`, 'm'),
        );
      }
    }
    expect(named, 'operations naming their BigCommerce operation').toBeGreaterThan(40);
  });
});
