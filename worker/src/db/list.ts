// One list query for every collection the APIs page through: filters (a Where), a sort column with
// id as tie-breaker, and either offset paging (with a total) or keyset paging (no count query).
import { type Cursor, type Paging, type SortDirection, Where } from './sql';

export interface ListSpec {
  /** `FROM` clause, e.g. `customers c`. */
  from: string;
  /** Select list; must include the id column as `id` and the sort column as `sort_value`. */
  select: string;
  /** The table alias's id column, e.g. `c.id`. */
  idColumn: string;
  sortColumn: string;
  direction: SortDirection;
  where: Where;
  paging: Paging;
}

export interface ListResult<Row> {
  rows: Row[];
  /** Total matching rows (offset paging only). */
  total: number | null;
  /** Keyset paging only: rows exist beyond the returned ones in the paging direction. */
  hasMore: boolean;
}

export async function listRows<Row extends { id: number; sort_value: string | number }>(db: D1Database, spec: ListSpec): Promise<ListResult<Row>> {
  const { where, paging } = spec;
  if (paging.kind === 'page') {
    const whereSql = where.toString();
    const countParams = [...where.params];
    const limit = where.param(paging.limit);
    const offset = where.param((paging.page - 1) * paging.limit);
    const dir = spec.direction.toUpperCase();
    const [page, count] = await db.batch<Row | { n: number }>([
      db
        .prepare(
          `SELECT ${spec.select} FROM ${spec.from} ${whereSql} ORDER BY ${spec.sortColumn} ${dir}, ${spec.idColumn} ${dir} LIMIT ${limit} OFFSET ${offset}`,
        )
        .bind(...where.params),
      db.prepare(`SELECT count(*) AS n FROM ${spec.from} ${whereSql}`).bind(...countParams),
    ]);
    return { rows: page!.results as Row[], total: (count!.results[0] as { n: number }).n, hasMore: false };
  }

  // Keyset: "before" walks backwards, so flip the order, then reverse the page.
  const backwards = paging.before !== undefined;
  const cursor: Cursor | undefined = paging.before ?? paging.after;
  const ascending = (spec.direction === 'asc') !== backwards;
  if (cursor) {
    where.add(`(${spec.sortColumn}, ${spec.idColumn}) ${ascending ? '>' : '<'} (${where.param(cursor[0])}, ${where.param(cursor[1])})`);
  }
  const dir = ascending ? 'ASC' : 'DESC';
  const limit = where.param(paging.limit + 1);
  const { results } = await db
    .prepare(`SELECT ${spec.select} FROM ${spec.from} ${where} ORDER BY ${spec.sortColumn} ${dir}, ${spec.idColumn} ${dir} LIMIT ${limit}`)
    .bind(...where.params)
    .all<Row>();
  const hasMore = results.length > paging.limit;
  const rows = results.slice(0, paging.limit);
  if (backwards) rows.reverse();
  return { rows, total: null, hasMore };
}
