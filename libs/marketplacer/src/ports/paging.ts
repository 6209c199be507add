/** Forward paging of a port method: pass the previous page's `endCursor` as `after`. */
export interface PageRequest {
  after?: string;
  /** Page size, 1..500 (more is clamped to 500; Marketplacer's default is 50). */
  first?: number;
}

/** One page of a Relay connection: as port methods return it, `paginate()` walks it and the connector's feeds read it (the one page shape). */
export interface PageOf<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
