import { execute, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { globalId } from '../state/global-id.js';
import type { ChangeEvent, WebhookEntity } from '../state/marketplacer-state.js';
import type { MarketplacerState } from '../state/marketplacer-state.js';
import { WEBHOOK_QUERIES } from './webhook-queries.js';

/** Builds a webhook's `payload` by running the entity's webhook query with `$id` bound, as Marketplacer does. */
export class WebhookPayloadBuilder {
  private readonly documents = new Map<WebhookEntity, DocumentNode>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly currentState: () => MarketplacerState,
  ) {
    for (const [entity, query] of Object.entries(WEBHOOK_QUERIES)) this.documents.set(entity as WebhookEntity, parse(query));
  }

  build(event: ChangeEvent): unknown {
    const result = execute({
      schema: this.schema,
      document: this.documents.get(event.entity)!,
      variableValues: { id: globalId(event.entity, event.legacyId) },
      contextValue: { state: this.currentState() },
    });
    if (result instanceof Promise) throw new Error('resolvers must be synchronous');
    return result.errors ? { data: result.data ?? null, errors: result.errors.map((e) => e.toJSON()) } : { data: result.data };
  }
}
