import { GraphQLError } from 'graphql';
import { byIdConnection, connection, decodeCursor, encodeCursor, pageSize } from './connection.js';

const items = Array.from({ length: 120 }, (_, i) => ({ legacyId: 1000 + i * 2 }));

describe('Relay connections', () => {
  it('pages forward: 50 by default, cursors opaque base64 of the sort key', () => {
    const page = byIdConnection(items, {});
    expect(page.nodes).toHaveLength(50);
    expect(page.totalCount).toBe(120);
    const info = page.pageInfo();
    expect(info).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(decodeCursor(info.endCursor!)).toEqual([1098]);
    expect(page.edges()[0]).toEqual({ cursor: encodeCursor([1000]), node: items[0] });
  });

  it('visits every item exactly once', () => {
    const seen: number[] = [];
    let after: string | null = null;
    do {
      const page: ReturnType<typeof byIdConnection<{ legacyId: number }>> = byIdConnection(items, { first: 17, after });
      seen.push(...page.nodes.map((n) => n.legacyId));
      after = page.pageInfo().hasNextPage ? page.pageInfo().endCursor : null;
    } while (after);
    expect(seen).toEqual(items.map((i) => i.legacyId));
  });

  it('resumes after the cursor key even when that item is gone', () => {
    const page = byIdConnection(items, { first: 2, after: encodeCursor([1001]) });
    expect(page.nodes.map((n) => n.legacyId)).toEqual([1002, 1004]);
  });

  it('starts from a lower bound', () => {
    const page = connection(items, (i) => [i.legacyId], { first: 5 }, 100);
    expect(page.totalCount).toBe(20);
    expect(page.nodes[0].legacyId).toBe(1200);
  });

  it('refuses pages above 500, negative sizes and bad cursors', () => {
    expect(pageSize(500)).toBe(500);
    expect(() => pageSize(501)).toThrow(GraphQLError);
    expect(() => pageSize(-1)).toThrow(GraphQLError);
    expect(() => decodeCursor('%%%')).toThrow('Invalid cursor');
    expect(() => decodeCursor(Buffer.from('{"a":1}').toString('base64'))).toThrow('Invalid cursor');
  });
});
