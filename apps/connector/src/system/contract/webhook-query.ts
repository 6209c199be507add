import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
} from 'graphql';

/**
 * What the receiver reads of a delivery's payload (webhook-delivery.ts `readDelivery`): the object's
 * type and id at `payload.data.node.__typename` / `.id`. Everything else it re-reads itself; the
 * envelope's `id` and `event_name` are Marketplacer's, whatever the query.
 */
export const RECEIVER_NODE_FIELDS = ['__typename', 'id'] as const;

/** The query the connector registers: exactly what the receiver reads, nothing more to send. */
export const CONNECTOR_WEBHOOK_QUERY = 'query($id: ID!) { node(id: $id) { __typename id } }';

/** What Marketplacer runs when a webhook has no query (graph-doc `webhook`): no `id`, so no object to re-read. */
export const MARKETPLACER_DEFAULT_WEBHOOK_QUERY = 'query($id: ID!) { node(id: $id) { __typename } }';

/** Webhook queries are short; a longer one is refused before parsing rather than walked. */
const MAX_TOKENS = 5_000;

export interface WebhookQueryAnalysis {
  /** The payload will carry what the receiver needs. */
  ok: boolean;
  /** Receiver fields the node selection lacks (`__typename`, `id`); all of them when the query is unusable. */
  missingFields: string[];
  /** Why not, for admins (empty when ok). */
  problems: string[];
}

/**
 * Whether a webhook's `queryString` selects what the receiver needs: one query operation declaring
 * `$id`, a root field `node(id: $id)` (not aliased), and in its selection `__typename` and `id` for
 * every type of object (plain fields, or inside a fragment on `Node`: a deleted or unpublished object
 * arrives as another type, e.g. `DeletedAdvert`, so `... on Advert { id }` is not enough). Null is
 * Marketplacer's default query, which lacks `id`.
 */
export function analyseWebhookQuery(queryString: string | null): WebhookQueryAnalysis {
  if (queryString === null || queryString.trim() === '') {
    const missing = nodeFieldsOf(parse(MARKETPLACER_DEFAULT_WEBHOOK_QUERY)).missing;
    return fail(missing, [`no query: Marketplacer sends its default (${MARKETPLACER_DEFAULT_WEBHOOK_QUERY}), which lacks ${missing.join(', ')}`]);
  }
  let document: DocumentNode;
  try {
    document = parse(queryString, { noLocation: true, maxTokens: MAX_TOKENS });
  } catch (error) {
    const reason = error instanceof GraphQLError ? error.message : String(error);
    return fail([...RECEIVER_NODE_FIELDS], [`the query does not parse: ${reason}`]);
  }
  const { missing, problems } = nodeFieldsOf(document);
  return problems.length === 0 ? { ok: true, missingFields: [], problems: [] } : fail(missing, problems);
}

function fail(missingFields: string[], problems: string[]): WebhookQueryAnalysis {
  return { ok: false, missingFields, problems };
}

function nodeFieldsOf(document: DocumentNode): { missing: string[]; problems: string[] } {
  const everything = [...RECEIVER_NODE_FIELDS];
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) {
    return { missing: everything, problems: [operations.length === 0 ? 'the document has no operation' : 'the document has several operations'] };
  }
  const [operation] = operations;
  if (operation.operation !== 'query') return { missing: everything, problems: [`the operation is a ${operation.operation}, not a query`] };
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const problems: string[] = [];
  if (!operation.variableDefinitions?.some((definition) => definition.variable.name.value === 'id')) {
    problems.push('the query does not declare $id (Marketplacer passes the object id as $id)');
  }
  const nodes = fieldsOf(operation.selectionSet, fragments, 'Query').filter((field) => responseKey(field) === 'node');
  if (nodes.length === 0 || nodes.some((field) => field.name.value !== 'node')) {
    return { missing: everything, problems: [...problems, 'the query does not select node(id: $id) as `node` (the receiver reads payload.data.node)'] };
  }
  if (!nodes.every(readsById)) problems.push('node is not read with id: $id');
  const selected = nodes.flatMap((field) => (field.selectionSet ? fieldsOf(field.selectionSet, fragments, 'Node') : []));
  const missing = RECEIVER_NODE_FIELDS.filter((name) => !selected.some((field) => field.name.value === name && responseKey(field) === name));
  if (missing.length > 0) {
    const conditional = nodes.flatMap((field) => (field.selectionSet ? fieldsOf(field.selectionSet, fragments, null) : []));
    const onlySome = missing.filter((name) => conditional.some((field) => field.name.value === name && responseKey(field) === name));
    problems.push(
      `node's selection lacks ${missing.join(', ')}` +
        (onlySome.length > 0
          ? ` for some types (${onlySome.join(', ')} only inside a fragment on one type: a deleted or unpublished object is another type)`
          : ''),
    );
  }
  return { missing, problems };
}

/**
 * The fields a selection set always selects on an object of `on`'s interface: its own fields, and
 * those of fragments without a type condition or on `on` (every fragment when `on` is null).
 * A field under @include/@skip is not always selected.
 */
function fieldsOf(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, on: string | null, seen = new Set<string>()): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.directives?.length) continue;
    if (selection.kind === Kind.FIELD) fields.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (on === null || !selection.typeCondition || selection.typeCondition.name.value === on)
        fields.push(...fieldsOf(selection.selectionSet, fragments, on, seen));
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) continue;
      if (on === null || fragment.typeCondition.name.value === on)
        fields.push(...fieldsOf(fragment.selectionSet, fragments, on, new Set([...seen, fragment.name.value])));
    }
  }
  return fields;
}

function responseKey(field: FieldNode): string {
  return field.alias?.value ?? field.name.value;
}

function readsById(field: FieldNode): boolean {
  const id = field.arguments?.find((argument) => argument.name.value === 'id');
  return id?.value.kind === Kind.VARIABLE && id.value.name.value === 'id';
}
