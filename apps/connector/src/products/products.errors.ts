import { DomainError, type ErrorDetail } from '#common';

export class ProductsError extends DomainError {}

export const productsErrors = {
  listingNotFound: (id: number) => new ProductsError('LISTING_NOT_FOUND', 'not_found', `Listing ${id} was not found`),
  listingNotLinked: (id: number) => new ProductsError('LISTING_NOT_LINKED', 'conflict', `Listing ${id} has no Marketplacer advert yet; resync it first`),
  productNotFound: (partnerId: string) =>
    new ProductsError('MARKETPLACER_PRODUCT_NOT_FOUND', 'not_found', `No Marketplacer advert of this seller has a variant with SKU "${partnerId}"`),
  /** A value ANYMARKET sent (or the account's rule produced) that must not be published; the message is for the seller. */
  valueOutOfRange: (message: string) => new ProductsError(VALUE_OUT_OF_RANGE_CODE, 'unprocessable', message),
  reconciliationNotRun: (accountId: number) =>
    new ProductsError('RECONCILIATION_NOT_RUN', 'not_found', `The listings of account ${accountId} have not been reconciled yet`),
  accountCannotReconcile: (accountId: number, reason: string) =>
    new ProductsError('ACCOUNT_NOT_ACTIVE', 'conflict', `Account ${accountId} is not reconciled: ${reason}`),
  nothingToChange: () => new ProductsError('NOTHING_TO_CHANGE', 'invalid', 'Give at least one of title, description, images, attributes'),
  /** The 422 of canActive/canSave; rendered in ANYMARKET's PublicationValidationException shape. */
  publicationInvalid: (problems: string[]) =>
    new ProductsError(
      PUBLICATION_VALIDATION_CODE,
      'unprocessable',
      'Erro ao validar publicação',
      problems.map((message): ErrorDetail => ({ field: 'publication', messages: [message] })),
    ),
};

export const PUBLICATION_VALIDATION_CODE = 'PublicationValidationException';

export const VALUE_OUT_OF_RANGE_CODE = 'ANYMARKET_VALUE_OUT_OF_RANGE';
