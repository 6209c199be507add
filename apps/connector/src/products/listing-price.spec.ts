import { thrownBy } from '#common/testing';
import { MAX_PRICE_FACTOR } from '../accounts/account-settings.js';
import { formatCents, listingPrice, listingPriceFromTransmission, toCents } from './listing-price.js';
import { ProductsError } from './products.errors.js';

const NO_DISCOUNT = { priceFactor: 1, discountType: 'PERCENT', discountValue: 0 } as const;

describe('listingPrice', () => {
  it('passes the price through with a factor of 1 and no discount', () => {
    expect(listingPrice(19.9, NO_DISCOUNT)).toEqual({ price: '19.90', salePrice: null });
  });

  it('multiplies by the priceFactor and rounds half up to cents', () => {
    expect(listingPrice(527, { ...NO_DISCOUNT, priceFactor: 1.5 })).toEqual({ price: '790.50', salePrice: null });
    expect(listingPrice(10.01, { ...NO_DISCOUNT, priceFactor: 1.15 })).toEqual({ price: '11.51', salePrice: null }); // 11.5115
    expect(listingPrice(1.005, NO_DISCOUNT).price).toBe('1.01');
  });

  it('takes a factor of 0 as no markup (ANYMARKET sends 0 for accounts without one)', () => {
    expect(listingPrice(10, { ...NO_DISCOUNT, priceFactor: 0 }).price).toBe('10.00');
  });

  it('applies a PERCENT discount after the factor', () => {
    expect(listingPrice(20, { priceFactor: 1, discountType: 'PERCENT', discountValue: 50 })).toEqual({ price: '20.00', salePrice: '10.00' });
    expect(listingPrice(100, { priceFactor: 1.1, discountType: 'PERCENT', discountValue: 10 })).toEqual({ price: '110.00', salePrice: '99.00' });
    expect(listingPrice(9.99, { priceFactor: 1, discountType: 'PERCENT', discountValue: 15 })).toEqual({ price: '9.99', salePrice: '8.49' }); // 8.4915
  });

  it('applies a VALUE discount after the factor', () => {
    expect(listingPrice(527, { priceFactor: 1.5, discountType: 'VALUE', discountValue: 100 })).toEqual({ price: '790.50', salePrice: '690.50' });
    expect(listingPrice(10, { priceFactor: 1, discountType: 'VALUE', discountValue: 0.333 })).toEqual({ price: '10.00', salePrice: '9.67' });
  });

  it('never publishes an item for free: a discount that takes the whole price is refused, with a message for the seller', () => {
    const free = thrownBy(ProductsError, () => listingPrice(10, { priceFactor: 1, discountType: 'VALUE', discountValue: 25 }));
    expect(free).toMatchObject({ code: 'ANYMARKET_VALUE_OUT_OF_RANGE', kind: 'unprocessable' });
    expect(free.message).toBe('O desconto da conta (R$ 25) deixa o preço de 10.00 sem valor a pagar: ajuste o desconto na configuração do módulo');
    expect(thrownBy(ProductsError, () => listingPrice(10, { priceFactor: 1, discountType: 'VALUE', discountValue: 10 })).code).toBe(
      'ANYMARKET_VALUE_OUT_OF_RANGE',
    );
    expect(thrownBy(ProductsError, () => listingPrice(10, { priceFactor: 1, discountType: 'PERCENT', discountValue: 100 })).code).toBe(
      'ANYMARKET_VALUE_OUT_OF_RANGE',
    );
    expect(listingPrice(10, { priceFactor: 1, discountType: 'VALUE', discountValue: 9.99 })).toEqual({ price: '10.00', salePrice: '0.01' });
  });

  it('refuses prices, factors and discounts that make no sense', () => {
    for (const price of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, 1e308]) {
      expect(thrownBy(ProductsError, () => listingPrice(price, NO_DISCOUNT)).code).toBe('ANYMARKET_VALUE_OUT_OF_RANGE');
    }
    for (const priceFactor of [-1, Number.NaN, 1e308, MAX_PRICE_FACTOR + 1]) {
      expect(thrownBy(ProductsError, () => listingPrice(10, { ...NO_DISCOUNT, priceFactor })).message).toMatch(/^Fator de preço da conta inválido/);
    }
    expect(thrownBy(ProductsError, () => listingPrice(10, { priceFactor: 1, discountType: 'VALUE', discountValue: -3 })).message).toMatch(
      /não pode ser negativo/,
    );
    expect(thrownBy(ProductsError, () => listingPrice(10, { priceFactor: 1, discountType: 'PERCENT', discountValue: 1e308 })).code).toBe(
      'ANYMARKET_VALUE_OUT_OF_RANGE',
    );
  });

  it('formats cents as decimal strings', () => {
    expect(formatCents(0)).toBe('0.00');
    expect(formatCents(5)).toBe('0.05');
    expect(formatCents(123456)).toBe('1234.56');
    expect(toCents(0.1 + 0.2)).toBe(30);
  });

  it('applies only the discount to a transmission price, which already carries the factor', () => {
    expect(listingPriceFromTransmission(790.5, { priceFactor: 1.5, discountType: 'VALUE', discountValue: 100 })).toEqual({
      price: '790.50',
      salePrice: '690.50',
    });
    expect(listingPriceFromTransmission(20, { priceFactor: 3, discountType: 'PERCENT', discountValue: 50 })).toEqual({ price: '20.00', salePrice: '10.00' });
  });
});
