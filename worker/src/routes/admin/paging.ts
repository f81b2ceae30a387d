// Paging as BigCommerce V3 lists do it: `page`/`limit` with `meta.pagination`, or `after`/`before`
// cursors with `meta.cursor_pagination`. Shared by every admin collection route.
import * as z from 'zod/mini';
import type { ListResult } from '../../db/list';
import { type Cursor, decodeCursor, encodeCursor, type Paging } from '../../db/sql';
import { addSeconds, toIso } from '../../time';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 250;

const cursorParam = z.string().check(
  z.maxLength(500),
  z.refine((s) => decodeCursor(s) !== null, 'Not a cursor this API issued'),
);

/** Query keys every paged list accepts; spread into the resource's query schema. */
export const pagingQuery = {
  page: z.optional(z.coerce.number().check(z.int(), z.minimum(1))),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(MAX_LIMIT))),
  after: z.optional(cursorParam),
  before: z.optional(cursorParam),
};

export interface PagingParams {
  page?: number;
  limit?: number;
  after?: string;
  before?: string;
}

export function toPaging(q: PagingParams): Paging {
  const limit = q.limit ?? DEFAULT_LIMIT;
  if (q.after !== undefined || q.before !== undefined) {
    return {
      kind: 'cursor',
      limit,
      after: q.after !== undefined ? (decodeCursor(q.after) ?? undefined) : undefined,
      before: q.before !== undefined ? (decodeCursor(q.before) ?? undefined) : undefined,
    };
  }
  return { kind: 'page', page: q.page ?? 1, limit };
}

function cursorOf(row: { id: number; sort_value: string | number } | undefined): string | undefined {
  return row ? encodeCursor([row.sort_value, row.id] satisfies Cursor) : undefined;
}

/** `meta` for a list response: pagination (offset paging) and cursor_pagination (both kinds). */
export function listMeta(result: ListResult<{ id: number; sort_value: string | number }>, paging: Paging) {
  const first = cursorOf(result.rows[0]);
  const last = cursorOf(result.rows[result.rows.length - 1]);
  const limit = paging.limit;
  const cursorLinks: { previous?: string; next?: string } = {};
  if (paging.kind === 'cursor') {
    const backwards = paging.before !== undefined;
    const moreBefore = backwards ? result.hasMore : paging.after !== undefined;
    const moreAfter = backwards ? true : result.hasMore;
    if (moreBefore && first) cursorLinks.previous = `?before=${first}&limit=${limit}`;
    if (moreAfter && last) cursorLinks.next = `?after=${last}&limit=${limit}`;
  } else {
    if (paging.page > 1 && first) cursorLinks.previous = `?before=${first}&limit=${limit}`;
    if ((result.total ?? 0) > paging.page * limit && last) cursorLinks.next = `?after=${last}&limit=${limit}`;
  }
  const cursor_pagination = {
    count: result.rows.length,
    per_page: limit,
    start_cursor: first ?? '',
    end_cursor: last ?? '',
    links: cursorLinks,
  };
  if (paging.kind === 'cursor') return { cursor_pagination };

  const total = result.total ?? 0;
  const totalPages = Math.max(1, Math.ceil(total / limit));
  const links: { previous?: string; current: string; next?: string } = { current: `?page=${paging.page}&limit=${limit}` };
  if (paging.page > 1) links.previous = `?page=${paging.page - 1}&limit=${limit}`;
  if (paging.page < totalPages) links.next = `?page=${paging.page + 1}&limit=${limit}`;
  return {
    pagination: { total, count: result.rows.length, per_page: limit, current_page: paging.page, total_pages: totalPages, links },
    cursor_pagination,
  };
}

/** Splits a comma-separated filter value (`id:in=1,2,3`). */
export const csv = z.pipe(
  z.string(),
  z.transform((s) =>
    s
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== ''),
  ),
);

export const csvInts = z.pipe(
  z.string(),
  z.transform((s, ctx) => {
    const parts = s
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    const out: number[] = [];
    for (const p of parts) {
      if (!/^\d{1,15}$/.test(p)) {
        ctx.issues.push({ code: 'custom', message: `"${p}" is not a positive integer`, input: s });
        return z.NEVER;
      }
      out.push(Number(p));
    }
    return out;
  }),
);

/** A date or date-time filter value, normalised to our stored form; a bare date's `max` means end of day. */
export function dateParam(endOfDay: boolean) {
  return z.pipe(
    z.string(),
    z.transform((s, ctx) => {
      const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(s);
      const ms = Date.parse(dateOnly ? `${s}T00:00:00Z` : s);
      if (!/^\d{4}-\d{2}-\d{2}/.test(s) || Number.isNaN(ms)) {
        ctx.issues.push({ code: 'custom', message: 'Expected a date (YYYY-MM-DD) or an ISO 8601 date-time', input: s });
        return z.NEVER;
      }
      const at = new Date(dateOnly && endOfDay ? ms + 86_399_000 : ms);
      return { iso: toIso(at), dateOnly };
    }),
  );
}

/** `date_created`, `date_created:min`, `date_created:max` → one range (an exact bare date = that whole day). */
export function dateRange(
  exact: { iso: string; dateOnly: boolean } | undefined,
  min: { iso: string } | undefined,
  max: { iso: string } | undefined,
): { min?: string; max?: string } | undefined {
  if (!exact && !min && !max) return undefined;
  const range: { min?: string; max?: string } = {};
  if (exact) {
    range.min = exact.iso;
    range.max = exact.dateOnly ? addSeconds(exact.iso, 86_399) : exact.iso;
  }
  if (min && (!range.min || min.iso > range.min)) range.min = min.iso;
  if (max && (!range.max || max.iso < range.max)) range.max = max.iso;
  return range;
}

/** The date filters every BigCommerce list takes; spread into the resource's query schema. */
export const dateQuery = {
  date_created: z.optional(dateParam(false)),
  'date_created:min': z.optional(dateParam(false)),
  'date_created:max': z.optional(dateParam(true)),
  date_modified: z.optional(dateParam(false)),
  'date_modified:min': z.optional(dateParam(false)),
  'date_modified:max': z.optional(dateParam(true)),
};

type DateValue = { iso: string; dateOnly: boolean } | undefined;

/** `dateQuery`'s values as the two ranges the query modules take. */
export function dateRanges(q: Partial<Record<keyof typeof dateQuery, DateValue>>) {
  return {
    dateCreated: dateRange(q.date_created, q['date_created:min'], q['date_created:max']),
    dateModified: dateRange(q.date_modified, q['date_modified:min'], q['date_modified:max']),
  };
}
