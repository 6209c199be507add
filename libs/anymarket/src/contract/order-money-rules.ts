import type { SchemaViolation } from './schema-subset.js';

/** The money fields of an OrderPost the rules read (already schema-checked: numbers ≥ 0 or absent). */
export interface OrderMoney {
  discount?: number;
  freight?: number;
  productNet?: number;
  total?: number;
  interestValue?: number;
  items?: Array<{ amount?: number; unit?: number; gross?: number; total?: number }>;
  payments?: Array<{ value?: number }>;
}

/**
 * The sums ANYMARKET states for an OrderPost, compared to the cent (an absent amount counts as 0):
 * - `total` = productNet + freight + interestValue − discount (OrderPost.total's description), checked
 *   once any of those five is given;
 * - the payments' values add up to `total` (ApiPayment.value: "tem que ser igual ao total do pedido"),
 *   checked when payments are given;
 * - `productNet` = the sum of the items' totals (OrderPost.productNet's description), checked when items
 *   are given;
 * - an item's `gross` = amount × unit (OrderItem.gross's description), checked when all three are given.
 * OrderItem.total's description ("(gross * unit) - discount") is garbled, so item totals are not checked.
 */
export function orderMoneyViolations(order: OrderMoney): SchemaViolation[] {
  return [...totalViolations(order), ...paymentViolations(order), ...productNetViolations(order), ...grossViolations(order)];
}

function totalViolations(order: OrderMoney): SchemaViolation[] {
  const { total, productNet, freight, interestValue, discount } = order;
  if ([total, productNet, freight, interestValue, discount].every((value) => value === undefined)) return [];
  const expected = cents(productNet) + cents(freight) + cents(interestValue) - cents(discount);
  if (cents(total) === expected) return [];
  return [
    {
      field: 'total',
      message: `O total (${reais(cents(total))}) deve ser igual a productNet + freight + interestValue - discount (${reais(expected)}).`,
    },
  ];
}

function paymentViolations(order: OrderMoney): SchemaViolation[] {
  if (!order.payments?.length) return [];
  const paid = order.payments.reduce((sum, payment) => sum + cents(payment.value), 0);
  if (paid === cents(order.total)) return [];
  return [
    {
      field: 'payments',
      message: `A soma dos pagamentos (${reais(paid)}) deve ser igual ao total do pedido (${reais(cents(order.total))}).`,
    },
  ];
}

function productNetViolations(order: OrderMoney): SchemaViolation[] {
  if (!order.items?.length) return [];
  const itemsTotal = order.items.reduce((sum, item) => sum + cents(item.total), 0);
  if (itemsTotal === cents(order.productNet)) return [];
  return [
    {
      field: 'productNet',
      message: `O productNet (${reais(cents(order.productNet))}) deve ser igual à soma dos totais dos itens (${reais(itemsTotal)}).`,
    },
  ];
}

function grossViolations(order: OrderMoney): SchemaViolation[] {
  return (order.items ?? []).flatMap((item, index) => {
    if (item.amount === undefined || item.unit === undefined || item.gross === undefined) return [];
    const expected = Math.round(item.amount * cents(item.unit));
    if (cents(item.gross) === expected) return [];
    return [
      {
        field: `items[${index}].gross`,
        message: `O gross do item ${index} (${reais(cents(item.gross))}) deve ser igual a amount × unit (${reais(expected)}).`,
      },
    ];
  });
}

/** Whole cents of an amount in reais (absent = 0); rounding absorbs binary fractions such as 0.1 + 0.2. */
function cents(value: number | undefined): number {
  return Math.round((value ?? 0) * 100);
}

function reais(amountCents: number): string {
  return (amountCents / 100).toFixed(2);
}
