/**
 * The account settings saveAccount stores from the docs' example body (ativacaoModulo.md, which the
 * remote caller and the activation tests send): its fields normalised, the dd-MM-yyyy date as ISO.
 */
export const DOCS_EXAMPLE_SETTINGS = {
  accountName: 'Seller_test',
  templateId: null,
  discountType: 'PERCENT',
  discountValue: 0,
  priceFactor: 1,
  useSandbox: false,
  accountDefault: true,
  updatePriceStockStatus: true,
  additionOfFreight: 0,
  initialOrderImportDate: '2022-02-09',
} as const;
