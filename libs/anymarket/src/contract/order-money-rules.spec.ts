import { orderMoneyViolations } from './order-money-rules.js';

const ITEMS = [
  { amount: 2, unit: 10.1, gross: 20.2, total: 20.2 },
  { amount: 1, unit: 0.1, gross: 0.1, total: 0.1 },
];

describe('orderMoneyViolations', () => {
  it('accepts an order whose sums agree to the cent (binary fractions included)', () => {
    const order = { items: ITEMS, productNet: 20.3, freight: 0.2, interestValue: 1.5, discount: 2, total: 20, payments: [{ value: 19.9 }, { value: 0.1 }] };
    expect(orderMoneyViolations(order)).toEqual([]);
  });

  it('has nothing to check on an order without amounts', () => {
    expect(orderMoneyViolations({})).toEqual([]);
    expect(orderMoneyViolations({ payments: [] })).toEqual([]);
  });

  it('wants total = productNet + freight + interestValue − discount, absent terms counting as 0', () => {
    expect(orderMoneyViolations({ productNet: 10, freight: 5, total: 16 })).toEqual([
      { field: 'total', message: 'O total (16.00) deve ser igual a productNet + freight + interestValue - discount (15.00).' },
    ]);
    expect(orderMoneyViolations({ total: 20 }).map((v) => v.field)).toEqual(['total']);
    expect(orderMoneyViolations({ productNet: 10, discount: 10.01, total: 0 })[0].message).toContain('(-0.01)');
  });

  it('wants the payments to add up to the total', () => {
    expect(orderMoneyViolations({ productNet: 20, total: 20, payments: [{ value: 10 }, { value: 9.99 }] })).toEqual([
      { field: 'payments', message: 'A soma dos pagamentos (19.99) deve ser igual ao total do pedido (20.00).' },
    ]);
    expect(orderMoneyViolations({ payments: [{ value: 5 }] }).map((v) => v.field)).toEqual(['payments']);
  });

  it('wants productNet = the sum of the item totals, and each gross = amount × unit', () => {
    const items = [{ amount: 3, unit: 3.33, gross: 10, total: 9.99 }];
    expect(orderMoneyViolations({ items, productNet: 10, total: 10 })).toEqual([
      { field: 'productNet', message: 'O productNet (10.00) deve ser igual à soma dos totais dos itens (9.99).' },
      { field: 'items[0].gross', message: 'O gross do item 0 (10.00) deve ser igual a amount × unit (9.99).' },
    ]);
    expect(orderMoneyViolations({ items: [{ amount: 3, unit: 3.33, total: 9.99 }], productNet: 9.99, total: 9.99 })).toEqual([]);
  });
});
