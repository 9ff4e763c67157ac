import { describe, expect, it } from 'vitest';
import { allItems, allPages, type CursorPage } from './all-pages';

/** A list served from fixed pages, chained by cursors 'c1', 'c2', …, that records the cursor of every read. */
function pagedList<T>(pages: T[][], end: null | undefined = null) {
  const reads: (string | undefined)[] = [];
  const read = async (cursor: string | undefined): Promise<CursorPage<T, string>> => {
    reads.push(cursor);
    const index = cursor ? Number(cursor.slice(1)) : 0;
    return { items: pages[index]!, cursor: index + 1 < pages.length ? `c${index + 1}` : end };
  };
  return { read, reads };
}

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const seen: T[][] = [];
  for await (const page of pages) seen.push(page);
  return seen;
}

describe('allPages', () => {
  it('reads several pages in order, each with the cursor the last one gave, and stops at a null cursor', async () => {
    const list = pagedList([[1, 2], [3], [4, 5]]);
    expect(await collect(allPages(list.read))).toEqual([[1, 2], [3], [4, 5]]);
    expect(list.reads).toEqual([undefined, 'c1', 'c2']);
  });

  it('reads past an empty page that still has a cursor, as a filtered Scan returns, without handing it on', async () => {
    const list = pagedList([[], [], ['a'], []]);
    expect(await collect(allPages(list.read))).toEqual([['a']]);
    expect(list.reads).toEqual([undefined, 'c1', 'c2', 'c3']);
  });

  it('ends at a missing cursor too (S3 and raw DynamoDB leave it out)', async () => {
    const list = pagedList([['a'], ['b']], undefined);
    expect(await collect(allPages(list.read))).toEqual([['a'], ['b']]);
  });

  it('reads a single empty page once and hands on nothing', async () => {
    const list = pagedList([[]]);
    expect(await collect(allPages(list.read))).toEqual([]);
    expect(list.reads).toEqual([undefined]);
  });

  it('reads no further page once the caller stops', async () => {
    const list = pagedList([[1], [2], [3]]);
    for await (const page of allPages(list.read)) {
      if (page.includes(1)) break;
    }
    expect(list.reads).toEqual([undefined]);
  });

  it('passes a failed read on to the caller', async () => {
    const failing = async (cursor: string | undefined): Promise<CursorPage<number, string>> => {
      if (cursor) throw new Error('throttled');
      return { items: [1], cursor: 'c1' };
    };
    await expect(collect(allPages(failing))).rejects.toThrow('throttled');
  });

  it('takes any cursor the reader names, such as a DynamoDB key', async () => {
    const reads: unknown[] = [];
    const read = async (cursor?: { pk: string }) => {
      reads.push(cursor);
      return cursor ? { items: ['second'] } : { items: ['first'], cursor: { pk: 'p1' } };
    };
    expect(await collect(allPages(read))).toEqual([['first'], ['second']]);
    expect(reads).toEqual([undefined, { pk: 'p1' }]);
  });
});

describe('allItems', () => {
  it('gathers every item of every page, in order', async () => {
    const list = pagedList([['a', 'b'], [], ['c']]);
    expect(await allItems(list.read)).toEqual(['a', 'b', 'c']);
  });

  it('answers an empty list for a list with nothing in it', async () => {
    expect(await allItems(pagedList<string>([[]]).read)).toEqual([]);
  });
});
