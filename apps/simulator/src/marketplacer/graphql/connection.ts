import { GraphQLError } from 'graphql';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Sort key of an item; lists are sorted ascending by it, and a cursor is the key of the last item seen. */
export type CursorKey = readonly number[];

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/**
 * A Relay connection. `edges` and `pageInfo` are methods, which graphql-js's default resolver calls
 * only when they are selected: most queries ask for `nodes`, and cursors are not free to build.
 */
export interface Connection<T> {
  nodes: T[];
  edges(): { cursor: string; node: T }[];
  pageInfo(): PageInfo;
  totalCount: number;
}

/** Opaque cursor: base64 of the JSON sort key, like Marketplacer's `WzAsMS4wLDUyXQ` (= `[0,1.0,52]`). */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64');
}

export function decodeCursor(cursor: string): CursorKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
    if (Array.isArray(key) && key.length > 0 && key.every((part) => typeof part === 'number')) return key;
  } catch {
    // falls through to the error below
  }
  throw new GraphQLError(`Invalid cursor: ${JSON.stringify(cursor)}`);
}

/**
 * The page size: 50 by default, at most 500. INFERRED: Marketplacer documents the maximum but not what
 * happens above it; the simulator refuses with a GraphQL error so that a client asking for more notices.
 */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (first < 0) throw new GraphQLError(`Argument 'first' must be a non-negative integer (got ${first})`);
  if (first > MAX_PAGE_SIZE)
    throw new GraphQLError(`Argument 'first' cannot exceed ${MAX_PAGE_SIZE} (got ${first}); the maximum page size is ${MAX_PAGE_SIZE}`);
  return first;
}

export function compareKeys(a: CursorKey, b: CursorKey): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length - b.length;
}

/**
 * A forward page of `items` (sorted ascending by `keyOf`, considered from index `from`). Keyset paging:
 * the page after a cursor starts at the first item whose key is above it (binary search), so items
 * that change position between requests never shift the rest of the list.
 */
export function connection<T>(items: readonly T[], keyOf: (item: T, index: number) => CursorKey, args: PageArgs, from = 0): Connection<T> {
  const size = pageSize(args.first);
  let start = from;
  if (args.after) {
    const after = decodeCursor(args.after);
    let high = items.length;
    while (start < high) {
      const mid = (start + high) >>> 1;
      if (compareKeys(keyOf(items[mid], mid), after) <= 0) start = mid + 1;
      else high = mid;
    }
  }
  const end = Math.min(items.length, start + size);
  const nodes = items.slice(start, end);
  const cursorAt = (offset: number): string => encodeCursor(keyOf(nodes[offset], start + offset));
  return {
    nodes,
    edges: () => nodes.map((node, offset) => ({ cursor: cursorAt(offset), node })),
    pageInfo: () => ({
      hasNextPage: end < items.length,
      hasPreviousPage: start > from,
      startCursor: nodes.length ? cursorAt(0) : null,
      endCursor: nodes.length ? cursorAt(nodes.length - 1) : null,
    }),
    totalCount: items.length - from,
  };
}

/** Paging over a small list kept in its own order (nested lists): the key is the position. */
export function listConnection<T>(items: readonly T[], args: PageArgs): Connection<T> {
  return connection(items, (_item, index) => [index], args);
}

/** Paging over records sorted by ascending database id. */
export function byIdConnection<T extends { legacyId: number }>(items: readonly T[], args: PageArgs): Connection<T> {
  return connection(items, (item) => [item.legacyId], args);
}
