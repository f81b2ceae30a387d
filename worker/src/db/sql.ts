// Building blocks for the query modules: a WHERE builder with numbered parameters, list filters
// passed as one JSON parameter (so an `id:in` of 500 values stays one bound parameter instead of
// hitting D1's 100-parameter limit), and keyset cursors.
import { base64url, fromBase64url } from '../shared/base64url';

export class Where {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  /** Adds a parameter and returns its placeholder (?N). */
  param(value: unknown): string {
    this.params.push(value);
    return `?${this.params.length}`;
  }

  add(condition: string): this {
    this.parts.push(condition);
    return this;
  }

  /** `column IN (values)` through json_each: one bound parameter whatever the list length. */
  in(column: string, values: readonly (string | number)[] | undefined): this {
    if (values?.length) this.parts.push(`${column} IN (SELECT value FROM json_each(${this.param(JSON.stringify(values))}))`);
    return this;
  }

  range(column: string, range: DateRange | undefined): this {
    if (!range) return this;
    if (range.min !== undefined) this.parts.push(`${column} >= ${this.param(range.min)}`);
    if (range.max !== undefined) this.parts.push(`${column} <= ${this.param(range.max)}`);
    return this;
  }

  /**
   * Substring match on any of `values`, ignoring ASCII case. instr(), not LIKE: D1 refuses LIKE patterns
   * over 50 bytes ("pattern too complex", a 500 that local workerd does not reproduce), and there is
   * nothing to escape.
   */
  like(column: string, values: readonly string[] | undefined): this {
    if (!values?.length) return this;
    const ors = values.map((v) => containsSql(column, this.param(v)));
    this.parts.push(ors.length === 1 ? ors[0]! : `(${ors.join(' OR ')})`);
    return this;
  }

  toString(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/** SQL true when `column` contains the bound text `placeholder`, ignoring ASCII case. */
export function containsSql(column: string, placeholder: string): string {
  return `instr(lower(${column}), lower(${placeholder})) > 0`;
}

export interface DateRange {
  min?: string;
  max?: string;
}

export type SortDirection = 'asc' | 'desc';

/** Offset paging (page/limit) or keyset paging (after/before cursor). */
export type Paging = { kind: 'page'; page: number; limit: number } | { kind: 'cursor'; limit: number; after?: Cursor; before?: Cursor };

/** Position of a row in a sorted list: its sort value and id. */
export type Cursor = [value: string | number, id: number];

export function encodeCursor(cursor: Cursor): string {
  return base64url(new TextEncoder().encode(JSON.stringify(cursor)));
}

export function decodeCursor(text: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(fromBase64url(text)));
    if (Array.isArray(value) && value.length === 2 && (typeof value[0] === 'string' || typeof value[0] === 'number') && Number.isInteger(value[1])) {
      return value as Cursor;
    }
  } catch {
    // fall through: not a cursor we issued
  }
  return null;
}
