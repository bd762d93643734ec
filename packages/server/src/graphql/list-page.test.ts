import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import { listPage } from './list-page.js';

/** A list of `total` numbers, recording what the page asked of it. */
function numbers(total: number) {
  const calls: string[] = [];
  return {
    calls,
    query: {
      count: async () => {
        calls.push('count');
        return total;
      },
      rows: async ({ limit, offset }: { limit: number; offset: number }) => {
        calls.push(`rows ${offset}+${limit}`);
        return Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i);
      },
    },
  };
}

describe('listPage', () => {
  it('pages forwards with cursors, counting the whole list', async () => {
    const list = numbers(5);
    const first = await listPage({ first: 2 }, list.query);
    expect(first.nodes).toEqual([0, 1]);
    expect(first.totalCount).toBe(5);
    expect(first.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    const next = await listPage({ first: 2, after: first.pageInfo.endCursor }, list.query);
    expect(next.nodes).toEqual([2, 3]);
    expect(list.calls).toEqual(['count', 'rows 0+2', 'count', 'rows 2+2']);
  });

  it('counts back from the end for `last` without `before`', async () => {
    const list = numbers(5);
    const page = await listPage({ last: 2 }, list.query);
    expect(page.nodes).toEqual([3, 4]);
    expect(page.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
  });

  it('refuses bad paging arguments before any statement runs', async () => {
    const list = numbers(5);
    await expect(listPage({ first: 101 }, list.query)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(listPage({ after: 'not a cursor' }, list.query)).rejects.toBeInstanceOf(InvalidInputError);
    expect(list.calls).toEqual([]);
  });

  it('fetches no rows for an empty window', async () => {
    const list = numbers(5);
    const page = await listPage({ first: 0 }, list.query);
    expect(page.nodes).toEqual([]);
    expect(page.totalCount).toBe(5);
    expect(list.calls).toEqual(['count']);
  });
});

describe('listPage with a lazy total', () => {
  it('fetches one row more to say whether more follow, and counts only when totalCount is read', async () => {
    const list = numbers(5);
    const first = await listPage({ first: 2 }, list.query, { lazyTotal: true });
    expect(first.nodes).toEqual([0, 1]);
    expect(first.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    expect(list.calls).toEqual(['rows 0+3']);
    expect(await first.totalCount).toBe(5);
    expect(list.calls).toEqual(['rows 0+3', 'count']);
    const rest = await listPage({ first: 3, after: first.pageInfo.endCursor }, list.query, { lazyTotal: true });
    expect(rest.nodes).toEqual([2, 3, 4]);
    expect(rest.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
  });

  it('still counts first for `last` without `before`', async () => {
    const list = numbers(5);
    const page = await listPage({ last: 2 }, list.query, { lazyTotal: true });
    expect(page.nodes).toEqual([3, 4]);
    expect(list.calls).toEqual(['count', 'rows 3+2']);
  });

  it('refuses bad paging arguments before any statement runs', async () => {
    const list = numbers(5);
    await expect(listPage({ last: -1 }, list.query, { lazyTotal: true })).rejects.toBeInstanceOf(InvalidInputError);
    expect(list.calls).toEqual([]);
  });
});
