import { analyseWebhookQuery, CONNECTOR_WEBHOOK_QUERY, MARKETPLACER_DEFAULT_WEBHOOK_QUERY } from './webhook-query.js';

describe('analyseWebhookQuery', () => {
  it("accepts the connector's own query", () => {
    expect(analyseWebhookQuery(CONNECTOR_WEBHOOK_QUERY)).toEqual({ ok: true, missingFields: [], problems: [] });
  });

  it.each([
    ['a named operation selecting more', 'query Advert($id: ID!) { node(id: $id) { __typename id ... on Advert { legacyId title } } }'],
    ['the fields in a fragment on Node', 'query($id: ID!) { node(id: $id) { ...Ids } } fragment Ids on Node { __typename id }'],
    ['an inline fragment without a type condition', 'query($id: ID!) { node(id: $id) { ... { __typename id } } }'],
    ['an inline fragment on Node', 'query($id: ID!) { node(id: $id) { ... on Node { id } __typename } }'],
    ['aliases equal to the field names', 'query($id: ID!) { node: node(id: $id) { __typename: __typename id: id } }'],
    ['a published commercetools-style query', 'query ($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n    ... on Seller { businessName }\n  }\n}'],
  ])('accepts %s', (_case, query) => {
    expect(analyseWebhookQuery(query)).toMatchObject({ ok: true, problems: [] });
  });

  it("flags a webhook with no query: Marketplacer's default selects no id", () => {
    for (const none of [null, '', '   ']) {
      const analysis = analyseWebhookQuery(none);
      expect(analysis).toMatchObject({ ok: false, missingFields: ['id'] });
      expect(analysis.problems).toEqual([expect.stringContaining(MARKETPLACER_DEFAULT_WEBHOOK_QUERY)]);
    }
    expect(analyseWebhookQuery(MARKETPLACER_DEFAULT_WEBHOOK_QUERY)).toEqual({ ok: false, missingFields: ['id'], problems: ["node's selection lacks id"] });
  });

  it('flags a query that does not parse, naming where', () => {
    const analysis = analyseWebhookQuery('query($id: ID!) { node(id: $id) { __typename id }');
    expect(analysis).toMatchObject({ ok: false, missingFields: ['__typename', 'id'] });
    expect(analysis.problems).toEqual([expect.stringMatching(/^the query does not parse: Syntax Error/)]);
  });

  it.each([
    ['lacks __typename', 'query($id: ID!) { node(id: $id) { id } }', ['__typename'], "node's selection lacks __typename"],
    ['renames id', 'query($id: ID!) { node(id: $id) { __typename objectId: id } }', ['id'], "node's selection lacks id"],
    ['puts another field under the name id', 'query($id: ID!) { node(id: $id) { __typename id: legacyId } }', ['id'], "node's selection lacks id"],
    [
      'selects id only under @include',
      'query($id: ID!, $x: Boolean!) { node(id: $id) { __typename id @include(if: $x) } }',
      ['id'],
      "node's selection lacks id",
    ],
  ])('flags a query that %s', (_case, query, missing, problem) => {
    expect(analyseWebhookQuery(query)).toEqual({ ok: false, missingFields: missing, problems: [problem] });
  });

  it('flags id selected for one type only: a deleted or unpublished object arrives as another type', () => {
    const analysis = analyseWebhookQuery('query($id: ID!) { node(id: $id) { __typename ... on Advert { id title } } }');
    expect(analysis).toMatchObject({ ok: false, missingFields: ['id'] });
    expect(analysis.problems).toEqual([expect.stringContaining('only inside a fragment on one type')]);
    expect(analyseWebhookQuery('query($id: ID!) { node(id: $id) { __typename ...A } } fragment A on Advert { id }')).toMatchObject({
      ok: false,
      missingFields: ['id'],
    });
  });

  it.each([
    ['an aliased node', 'query($id: ID!) { object: node(id: $id) { __typename id } }', /does not select node\(id: \$id\) as `node`/],
    ['another field answered as node', 'query($id: ID!) { node: advert(id: $id) { __typename id } }', /does not select node\(id: \$id\) as `node`/],
    ['no node at all', 'query($id: ID!) { brands { totalCount } }', /does not select node/],
    ['a mutation', 'mutation($id: ID!) { node(id: $id) { __typename id } }', /is a mutation, not a query/],
    ['two operations', 'query A($id: ID!) { node(id: $id) { __typename id } } query B { __typename }', /several operations/],
    ['only fragments', 'fragment A on Node { id }', /no operation/],
  ])('flags %s', (_case, query, problem) => {
    const analysis = analyseWebhookQuery(query);
    expect(analysis).toMatchObject({ ok: false, missingFields: ['__typename', 'id'] });
    expect(analysis.problems.join(' ')).toMatch(problem);
  });

  it('flags a query that does not read the node by $id', () => {
    expect(analyseWebhookQuery('query { node(id: "QWR2ZXJ0LTE=") { __typename id } }').problems).toEqual([
      'the query does not declare $id (Marketplacer passes the object id as $id)',
      'node is not read with id: $id',
    ]);
    expect(analyseWebhookQuery('query($id: ID!, $other: ID!) { node(id: $other) { __typename id } }').problems).toEqual(['node is not read with id: $id']);
  });

  it('survives fragment cycles and refuses a huge document before walking it', () => {
    expect(
      analyseWebhookQuery('query($id: ID!) { node(id: $id) { ...A } } fragment A on Node { id ...B } fragment B on Node { __typename ...A }'),
    ).toMatchObject({
      ok: true,
    });
    const huge = `query($id: ID!) { node(id: $id) { __typename id ${'a '.repeat(10_000)} } }`;
    expect(analyseWebhookQuery(huge).problems).toEqual([expect.stringMatching(/does not parse: .*5000 tokens/)]);
  });
});
