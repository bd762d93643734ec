import {
  needsTotalFirst,
  type Page,
  type PageArgs,
  pageWindow,
  settleWindow,
  toLazyPage,
  toPage,
} from './connection.js';

/** How a top-level list counts its (filtered) rows and fetches one window of them, in its order. */
export interface ListQuery<T> {
  count(): Promise<number>;
  rows(window: { limit: number; offset: number }): Promise<T[]>;
}

/** How `listPage` answers. */
export interface ListPageOptions {
  /**
   * Fetch one row more than the window (which says whether more follow) and count the whole list only if
   * `totalCount` is asked for; `last` without `before` still counts first.
   */
  lazyTotal?: boolean;
}

/**
 * One page of a top-level list: checks the paging arguments (before any statement runs), counts the whole
 * list, settles `last` against the total, and fetches only the rows of the window.
 */
export async function listPage<T>(
  page: PageArgs,
  query: ListQuery<T>,
  options: ListPageOptions = {},
): Promise<Page<T>> {
  const asked = pageWindow(page);
  if (options.lazyTotal && !needsTotalFirst(asked)) {
    const rows = await query.rows({ limit: asked.limit + 1, offset: asked.offset });
    return toLazyPage(rows, asked, () => query.count());
  }
  const totalCount = await query.count();
  const window = settleWindow(asked, totalCount);
  const rows = window.limit === 0 ? [] : await query.rows({ limit: window.limit, offset: window.offset });
  return toPage(rows, window, totalCount);
}

/** What `queryBuilderPage` needs of a MikroORM QueryBuilder. */
interface PageableQueryBuilder<T> {
  clone(): { getCount(): Promise<number> };
  limit(limit: number): { offset(offset: number): { getResult(): Promise<T[]> } };
}

/**
 * A page of a list written as a MikroORM QueryBuilder, filtered and ordered (end the order with the id, so
 * that cursors are stable): `queryBuilderPage(qb.orderBy({ name: 'asc', id: 'asc' }), page)`. The count
 * runs on a copy (MikroORM drops the order from it).
 */
export function queryBuilderPage<T>(qb: PageableQueryBuilder<T>, page: PageArgs): Promise<Page<T>> {
  return listPage(page, {
    count: () => qb.clone().getCount(),
    rows: ({ limit, offset }) => qb.limit(limit).offset(offset).getResult(),
  });
}
