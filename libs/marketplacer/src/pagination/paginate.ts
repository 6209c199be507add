import { InvalidInputError } from '#common';
import { MarketplacerError } from '../errors/marketplacer-error.js';
import type { PageOf } from '../ports/paging.js';

/** Marketplacer's page size default and ceiling. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** A valid `first`: a whole number of at least 1; more than 500 is clamped to 500. */
export function pageSize(first: number = DEFAULT_PAGE_SIZE): number {
  if (!Number.isInteger(first) || first < 1) {
    throw new InvalidInputError(`Page size must be a whole number from 1 to ${MAX_PAGE_SIZE} (got ${first})`, [
      { field: 'first', messages: [`must be a whole number from 1 to ${MAX_PAGE_SIZE}`] },
    ]);
  }
  return Math.min(first, MAX_PAGE_SIZE);
}

/** Relay `nodes` without the nulls GraphQL allows in them. */
export function presentNodes<T>(nodes: ReadonlyArray<T | null | undefined> | null | undefined): T[] {
  return (nodes ?? []).filter((node): node is T => node != null);
}

/**
 * Walks a Relay connection forward (Marketplacer has no backward paging), one page in memory at a
 * time. Stops when `hasNextPage` is false; a next page without a new cursor is a contract breach.
 */
export async function* paginate<T>(fetchPage: (after?: string) => Promise<PageOf<T>>): AsyncGenerator<PageOf<T>, void, undefined> {
  let after: string | undefined;
  for (;;) {
    const page = await fetchPage(after);
    yield page;
    if (!page.pageInfo.hasNextPage) return;
    const next = page.pageInfo.endCursor;
    if (!next || next === after) {
      throw new MarketplacerError('MARKETPLACER_UNEXPECTED_RESPONSE', `Marketplacer reported another page but no new cursor (after ${after ?? 'the start'})`);
    }
    after = next;
  }
}

/** A Relay connection as the contract's documents select it. */
export interface Connection<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: ReadonlyArray<T | null> | null;
}

/**
 * One page of a root connection, its nodes mapped. These roots are nullable in the contract schema; a
 * null without a GraphQL error (the client throws on those) breaks the contract.
 */
export function pageOf<T, R>(field: string, connection: Connection<T> | null, map: (node: T) => R): PageOf<R> {
  if (connection === null) throw new MarketplacerError('MARKETPLACER_UNEXPECTED_RESPONSE', `Marketplacer answered ${field} with null`);
  return {
    nodes: presentNodes(connection.nodes).map(map),
    pageInfo: { hasNextPage: connection.pageInfo.hasNextPage, endCursor: connection.pageInfo.endCursor },
  };
}
