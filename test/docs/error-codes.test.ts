// docs/admin-api.md "Errors and codes" is the integrators' list of error codes (for both APIs): every code
// the worker can answer (the one catalog, worker/src/shared/error-codes.ts) must be in it with its status,
// and the page must not list codes that no longer exist.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, FIELD_CODES } from '../../worker/src/shared/error-codes';

const doc = readFileSync(new URL('../../docs/admin-api.md', import.meta.url), 'utf8');
const start = doc.indexOf('\n## Errors and codes\n');
const fieldStart = doc.indexOf('\n### Field codes\n', start);
const next = doc.indexOf('\n## ', fieldStart);
const end = next < 0 ? doc.length : next;
const errorTable = doc.slice(start, fieldStart);
const fieldTable = doc.slice(fieldStart, end);

/** `| \`code\` | status | …` rows of a table in the section. */
function rows(section: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const m = /^\| `([a-z_]+)` \|(.*)\|$/.exec(line);
    if (m)
      out.set(
        m[1]!,
        m[2]!.split('|').map((c) => c.trim()),
      );
  }
  return out;
}

describe('docs/admin-api.md: Errors and codes', () => {
  const listed = rows(errorTable);
  const fields = rows(fieldTable);

  it('has the section and both tables', () => {
    expect(start).toBeGreaterThan(0);
    expect(fieldStart).toBeGreaterThan(start);
  });

  it('lists every error code with its status', () => {
    const missing = Object.keys(ERROR_CODES).filter((code) => !listed.has(code));
    expect(missing).toEqual([]);
    for (const [code, info] of Object.entries(ERROR_CODES)) {
      expect(listed.get(code)?.[0], code).toBe(String(info.status));
    }
  });

  it('lists every field code', () => {
    const missing = Object.keys(FIELD_CODES).filter((code) => !fields.has(code));
    expect(missing).toEqual([]);
  });

  it('lists no code the worker does not have', () => {
    expect([...listed.keys()].filter((code) => !(code in ERROR_CODES))).toEqual([]);
    expect([...fields.keys()].filter((code) => !(code in FIELD_CODES))).toEqual([]);
  });
});
