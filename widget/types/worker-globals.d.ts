// The few Workers globals that the widget's type-only import of the worker's route types reaches
// (widget/src/api.ts → worker/src/routes/storefront → worker/src/db/*). The widget program cannot load
// @cloudflare/workers-types: its global Element, HTMLRewriter, Response … declarations clash with the
// DOM's (e.g. "Argument of type 'AccountLogin' is not assignable to parameter of type 'ParentNode'").
// Copied from @cloudflare/workers-types (same shapes); the worker itself is checked with the real
// package by the root tsconfig.json, so nothing here loosens its checking.

interface D1Meta {
  duration: number;
  size_after: number;
  rows_read: number;
  rows_written: number;
  last_row_id: number;
  changed_db: boolean;
  changes: number;
  served_by_region?: string;
  served_by_colo?: string;
  served_by_primary?: boolean;
  timings?: { sql_duration_ms: number };
  total_attempts?: number;
}
interface D1Response {
  success: true;
  meta: D1Meta & Record<string, unknown>;
  error?: never;
}
type D1Result<T = unknown> = D1Response & { results: T[] };
interface D1ExecResult {
  count: number;
  duration: number;
}
type D1SessionConstraint = 'first-primary' | 'first-unconstrained';
type D1SessionBookmark = string;
declare abstract class D1Database {
  prepare(query: string): D1PreparedStatement;
  batch<T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]>;
  exec(query: string): Promise<D1ExecResult>;
  /** A D1SessionConstraint ('first-primary' | 'first-unconstrained') or a bookmark: any string. */
  withSession(constraintOrBookmark?: D1SessionBookmark): D1DatabaseSession;
  dump(): Promise<ArrayBuffer>;
}
declare abstract class D1DatabaseSession {
  prepare(query: string): D1PreparedStatement;
  batch<T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]>;
  getBookmark(): D1SessionBookmark | null;
}
declare abstract class D1PreparedStatement {
  bind(...values: unknown[]): D1PreparedStatement;
  first<T = unknown>(colName: string): Promise<T | null>;
  first<T = Record<string, unknown>>(): Promise<T | null>;
  run<T = Record<string, unknown>>(): Promise<D1Result<T>>;
  all<T = Record<string, unknown>>(): Promise<D1Result<T>>;
  raw<T = unknown[]>(options: { columnNames: true }): Promise<[string[], ...T[]]>;
  raw<T = unknown[]>(options?: { columnNames?: false }): Promise<T[]>;
}

/** The part of a Queues producer binding the worker's env type names (accounts/webhooks.ts sends through it). */
interface Queue<Body = unknown> {
  send(body: Body, options?: { contentType?: string; delaySeconds?: number }): Promise<void>;
  sendBatch(messages: Iterable<{ body: Body; contentType?: string; delaySeconds?: number }>): Promise<void>;
}

declare module 'cloudflare:email' {
  export class EmailMessage {
    constructor(from: string, to: string, raw: ReadableStream | string);
    readonly from: string;
    readonly to: string;
  }
}
