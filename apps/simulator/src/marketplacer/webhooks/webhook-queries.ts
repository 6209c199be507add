import type { WebhookEntity } from '../state/marketplacer-state.js';

/**
 * The GraphQL query each simulated webhook runs to shape its payload (`$id` bound to the object),
 * like a webhook configured in Marketplacer's portal. Modelled on the published webhook queries
 * (/shared/marketplacer/webhooks/queries) restricted to the contract schema, plus the fields a
 * connector needs to decide whether to re-read the object (updatedAt, state).
 */
export const WEBHOOK_QUERIES: Record<WebhookEntity, string> = {
  Advert: `query($id: ID!) { node(id: $id) { __typename id ... on Advert {
    legacyId title fullTitle description updatedAt published displayable online vetted vettingRejected
    brand { name } displayImage { url } seller { id businessName }
    variants { edges { node { id legacyId barcode sku countOnHand lowestPrice
      advert { __typename ... on Advert { id } }
      optionValues { nodes { name optionType { name } } } } } } }
    ... on DeletedAdvert { legacyId updatedAt } } }`,
  Variant: `query($id: ID!) { node(id: $id) { __typename id ... on Variant {
    legacyId barcode sku countOnHand lowestPrice editablePrice updatedAt
    advert { __typename ... on Advert { id legacyId title fullTitle description brand { name } displayImage { url } }
      ... on UnpublishedAdvert { id legacyId } ... on DeletedAdvert { id legacyId } } } } }`,
  Seller: `query($id: ID!) { node(id: $id) { __typename id ... on Seller {
    legacyId businessName businessNumber accountType online emailAddress phone storeDescription updatedAt
    address { address city postcode state { short } country { code } } }
    ... on DeletedSeller { legacyId updatedAt } } }`,
  Invoice: `query($id: ID!) { node(id: $id) { __typename id ... on Invoice {
    legacyId status statusFlags updatedAt order { id status }
    refundRequests { id status cashAmountCents invoice { id } }
    seller { id businessName }
    shipments { id carrier trackingLink trackingNumber }
    lineItems { id status } } } }`,
  Shipment: `query($id: ID!) { node(id: $id) { __typename id ... on Shipment {
    legacyId carrier trackingNumber trackingLink dispatchedAt invoice { id legacyId }
    shippedItems { id quantity lineItem { id } } } } }`,
  RefundRequest: `query($id: ID!) { node(id: $id) { __typename id ... on RefundRequest {
    legacyId status updatedAt invoice { id legacyId } lineItems { id status quantity lineItem { id } } } } }`,
  RemittanceAdvice: `query($id: ID!) { node(id: $id) { __typename id ... on RemittanceAdvice {
    legacyId paidAt paymentReference totalCents seller { id } } } }`,
  OptionType: `query($id: ID!) { node(id: $id) { __typename id ... on OptionType { name displayName appliedTo fieldType } } }`,
  OptionValue: `query($id: ID!) { node(id: $id) { __typename id ... on OptionValue { name displayName optionType { id } } } }`,
  Taxon: `query($id: ID!) { node(id: $id) { __typename id ... on Taxon { displayName treeName parent { id } } } }`,
};
