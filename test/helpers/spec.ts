// Shapes read from BigCommerce's public spec files (../shared/reference/bigcommerce/*.yml) without a YAML
// library: the schemas we check are plain blocks of `required:` and `properties:` under
// `components: schemas:`, found by their indentation.
import { expect } from 'vitest';
import { kindOf } from './shape';

export interface SpecSchema {
  required: string[];
  /** Property → its `type` (`oneOf` / `$ref` / `allOf` when it has none). */
  properties: Record<string, string>;
}

const indentOf = (line: string) => line.length - line.trimStart().length;

/** The lines of the block that starts at `header` (a line `<indent>name:`), without the header. */
function block(lines: string[], at: number): string[] {
  const indent = indentOf(lines[at]!);
  const out: string[] = [];
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    if (indentOf(line) <= indent) break;
    out.push(line);
  }
  return out;
}

/** `components.schemas.<name>` of a spec file's text. */
export function specSchema(spec: string, name: string): SpecSchema {
  const lines = spec.split('\n');
  const at = lines.findIndex((l) => l === `    ${name}:`);
  if (at < 0) throw new Error(`no schema ${name} in the spec`);
  const body = block(lines, at);
  const own = indentOf(body[0]!);
  const required: string[] = [];
  const properties: Record<string, string> = {};
  for (let i = 0; i < body.length; i++) {
    const line = body[i]!;
    if (indentOf(line) !== own) continue;
    if (line.trim() === 'required:') {
      for (const item of block(body, i)) required.push(item.trim().replace(/^- /, ''));
    }
    if (line.trim() === 'properties:') {
      const props = block(body, i);
      const propIndent = indentOf(props[0]!);
      props.forEach((p, j) => {
        if (indentOf(p) !== propIndent) return;
        const key = p.trim().replace(/:.*$/, '');
        const inner = block(props, j);
        const type = inner.find((l) => indentOf(l) === propIndent + 2 && /^\s*(type|oneOf|\$ref|allOf):/.test(l));
        properties[key] = type
          ? type
              .trim()
              .replace(/^type:\s*/, '')
              .replace(/:.*$/, '')
          : 'any';
      });
    }
  }
  return { required, properties };
}

/** The `enum` of a query parameter `name` of the first operation that declares it after `path:` in the spec. */
export function specQueryEnum(spec: string, path: string, name: string): string[] {
  const lines = spec.split('\n');
  const start = lines.findIndex((l) => l === `  '${path}':` || l === `  ${path}:`);
  if (start < 0) throw new Error(`no path ${path} in the spec`);
  const paramAt = lines.findIndex((l, i) => i > start && l.trim() === `- name: ${name}`);
  if (paramAt < 0) throw new Error(`no parameter ${name} under ${path}`);
  const param = block(lines, paramAt);
  const enumAt = param.findIndex((l) => l.trim() === 'enum:');
  if (enumAt < 0) throw new Error(`parameter ${name} has no enum`);
  return block(param, enumAt).map((l) => l.trim().replace(/^- /, ''));
}

const KIND_OF_TYPE: Record<string, string[]> = {
  string: ['string'],
  integer: ['integer'],
  number: ['integer', 'number'],
  boolean: ['boolean'],
  array: ['array'],
  object: ['object'],
};

/**
 * `obj` as the spec's schema has it: every required property there, no property the schema lacks (but for
 * `additions`, our documented extras), and each typed property of its JS type.
 */
export function expectSpecShape(obj: Record<string, unknown>, schema: SpecSchema, additions: string[] = []) {
  for (const key of schema.required) expect(obj, `required ${key}`).toHaveProperty(key);
  const known = new Set([...Object.keys(schema.properties), ...additions]);
  expect(Object.keys(obj).filter((k) => !known.has(k))).toEqual([]);
  for (const [key, type] of Object.entries(schema.properties)) {
    if (!(key in obj) || !KIND_OF_TYPE[type]) continue;
    expect(KIND_OF_TYPE[type], `${key}: ${type}`).toContain(kindOf(obj[key]));
  }
}
