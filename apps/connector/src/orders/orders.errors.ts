import { DomainError } from '#common';

export class OrdersError extends DomainError {}

export const ordersErrors = {
  /** The order is not one of this account's seller's invoices (or there is no such invoice). */
  orderNotFound: (idInMarketPlace: string) =>
    new OrdersError(
      'ORDER_NOT_FOUND',
      'not_found',
      `No order ${idInMarketPlace} of this seller in the marketplace (idInMarketPlace is the Marketplacer invoice number)`,
    ),
  orderIdInvalid: (idInMarketPlace: string) =>
    new OrdersError(
      'ORDER_ID_INVALID',
      'invalid',
      `"${idInMarketPlace.slice(0, 40)}" is not an order of this marketplace: idInMarketPlace is a Marketplacer invoice number, e.g. 10363`,
    ),
  oiMismatch: () => new OrdersError('ANYMARKET_OI_MISMATCH', 'forbidden', 'The oi parameter is not the organisation of the x-anymarket-token'),
  importDateMissing: () =>
    new OrdersError('ORDER_IMPORT_DATE_MISSING', 'invalid', 'Give initialDateForOrderImport (YYYY-MM-DD or dd-MM-yyyy): the account has no import date either'),
  invoiceDocumentMissing: () =>
    new OrdersError('INVOICE_DOCUMENT_MISSING', 'invalid', 'Send the NF-e XML (nfeProc) as the body, with Content-Type application/xml'),
  orderOfAdminNotFound: (id: number) => new OrdersError('ORDER_NOT_FOUND', 'not_found', `Order ${id} was not found`),
  reconciliationAccountInactive: (accountId: number) =>
    new OrdersError(
      'RECONCILIATION_ACCOUNT_INACTIVE',
      'conflict',
      `Account ${accountId} is not active (or its seller link is not): its orders are not reconciled`,
    ),
  reconciliationWithoutToken: (accountId: number) =>
    new OrdersError(
      'RECONCILIATION_ACCOUNT_WITHOUT_TOKEN',
      'conflict',
      `Account ${accountId} has no ANYMARKET token (saveAccount sent none): ANYMARKET's orders cannot be read`,
    ),
};
