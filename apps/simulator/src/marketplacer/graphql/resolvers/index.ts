import type { IResolvers } from '@graphql-tools/utils';
import type { NodeRecord } from '../../state/records.js';
import { Decimal, ISO8601Date, ISO8601DateTime, JSONScalar } from '../scalars.js';
import { advertQueries } from './advert-queries.js';
import { advertResolvers } from './advert-types.js';
import { catalogueResolvers } from './catalogue-types.js';
import { addressResolvers, imageResolvers, userResolvers } from './common.js';
import { mutationResolvers } from './mutations.js';
import { orderQueries } from './order-queries.js';
import { orderResolvers } from './order-types.js';
import { partyQueries } from './party-queries.js';
import { partyResolvers } from './party-types.js';
import { operatorQueries, webhookResolvers } from './webhook-types.js';

/** `Node` type of a record: its kind, except deleted adverts and sellers. */
function nodeType(record: NodeRecord | { kind: string }): string {
  if (record.kind === 'Advert' && (record as { deletedAt: number | null }).deletedAt !== null) return 'DeletedAdvert';
  if (record.kind === 'Seller' && (record as { deletedAt: number | null }).deletedAt !== null) return 'DeletedSeller';
  return record.kind;
}

export const marketplacerResolvers: IResolvers = {
  ISO8601DateTime,
  ISO8601Date,
  Decimal,
  JSON: JSONScalar,
  Node: { __resolveType: nodeType },
  Query: { ...advertQueries, ...orderQueries, ...partyQueries, ...operatorQueries },
  Mutation: mutationResolvers,
  ...addressResolvers,
  ...userResolvers,
  ...imageResolvers,
  ...advertResolvers,
  ...catalogueResolvers,
  ...orderResolvers,
  ...partyResolvers,
  ...webhookResolvers,
} as IResolvers;
