// Response-shape assertions for the BigCommerce-shaped resources: exactly these keys, each of this JS type.
import { expect } from 'vitest';

export type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null';

export function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (Number.isInteger(value)) return 'integer';
  return value === null ? 'null' : typeof value;
}

/** Exactly these keys, each of this JS type. */
export function expectShape(obj: Record<string, unknown>, shape: Record<string, Kind>) {
  expect(Object.keys(obj).sort()).toEqual(Object.keys(shape).sort());
  for (const [key, kind] of Object.entries(shape)) expect(kindOf(obj[key]), key).toBe(kind);
}

/** BigCommerce's meta.pagination. */
export const PAGINATION_SHAPE: Record<string, Kind> = {
  total: 'integer',
  count: 'integer',
  per_page: 'integer',
  current_page: 'integer',
  total_pages: 'integer',
  links: 'object',
};
