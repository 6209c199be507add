import { MarketplacerError } from '../errors/marketplacer-error.js';
import type { PageOf } from '../ports/paging.js';
import { MAX_PAGE_SIZE, pageSize, paginate, presentNodes } from './paginate.js';

function pagesOf(items: number[], size: number): (after?: string) => Promise<PageOf<number>> {
  return async (after) => {
    const start = after === undefined ? 0 : Number(after);
    const nodes = items.slice(start, start + size);
    const end = start + nodes.length;
    return { nodes, pageInfo: { hasNextPage: end < items.length, endCursor: nodes.length ? String(end) : null } };
  };
}

async function collect<T>(pages: AsyncIterable<PageOf<T>>): Promise<T[][]> {
  const seen: T[][] = [];
  for await (const page of pages) seen.push(page.nodes);
  return seen;
}

describe('paginate', () => {
  it('yields every page in order, each node once, passing the previous endCursor', async () => {
    const cursors: Array<string | undefined> = [];
    const fetch = pagesOf([1, 2, 3, 4, 5, 6, 7], 3);
    const pages = await collect(paginate((after) => (cursors.push(after), fetch(after))));
    expect(pages).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(cursors).toEqual([undefined, '3', '6']);
  });

  it('yields one empty page for an empty connection', async () => {
    expect(await collect(paginate(pagesOf([], 3)))).toEqual([[]]);
  });

  it('fetches lazily: stopping early asks for no further page', async () => {
    let requests = 0;
    const fetch = pagesOf([1, 2, 3, 4, 5, 6], 2);
    for await (const page of paginate((after) => (requests++, fetch(after)))) {
      expect(page.nodes).toEqual([1, 2]);
      break;
    }
    expect(requests).toBe(1);
  });

  it('refuses a next page without a new cursor instead of looping', async () => {
    const stuck = async () => ({ nodes: [1], pageInfo: { hasNextPage: true, endCursor: 'same' } });
    let error: unknown;
    try {
      await collect(paginate(stuck));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MarketplacerError);
    expect((error as MarketplacerError).code).toBe('MARKETPLACER_UNEXPECTED_RESPONSE');
  });
});

describe('pageSize', () => {
  it('defaults to 50 and clamps to 500', () => {
    expect(pageSize()).toBe(50);
    expect(pageSize(120)).toBe(120);
    expect(pageSize(5000)).toBe(MAX_PAGE_SIZE);
  });

  it.each([0, -1, 2.5, Number.NaN])('rejects %p', (first) => {
    expect(() => pageSize(first)).toThrow(/Page size must be a whole number/);
  });
});

describe('presentNodes', () => {
  it('drops nulls and tolerates a null list', () => {
    expect(presentNodes([1, null, 2, undefined])).toEqual([1, 2]);
    expect(presentNodes(null)).toEqual([]);
  });
});
