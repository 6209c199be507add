import { ORDER_POST, orderMoneyViolations, schemaViolations, type OrderPost } from '#anymarket';
import { billableLines, buildOrderPost, maskEmail, MASKED_EMAIL_DOMAIN, withOffset, type OrderAccount } from './order-post.mapper.js';
import { address, invoice, lineItem, unpaidInvoice } from '#test-support/connector/orders/invoice-fixture';

const ACCOUNT: OrderAccount = { idAccount: '4321', accountName: 'Loja Exemplo - Marketplace' };
const NO_LISTINGS = new Map<string, string>();

/** What the simulated ANYMARKET (strict: marketplace_pt.yaml plus the money rules) refuses in an OrderPost. */
function simulatorViolations(post: OrderPost) {
  return [...schemaViolations(ORDER_POST, post), ...orderMoneyViolations(post)];
}

/** Whole cents of a decimal amount (the post's numbers are exact, so this only reads them). */
const cents = (value: number | undefined) => Math.round((value ?? 0) * 100);

// Invoice 7001: 2 × 49.90 with 5.00 off the line, 3 × 19.90, 1 × 120.00; 15.00 postage.
const TSHIRTS = lineItem(700101, 2, 4990, { discountCents: 500 });
const SOCKS = lineItem(700102, 3, 1990);
const JACKET = lineItem(700103, 1, 12000);
const INVOICE = invoice(7001, { lineItems: [TSHIRTS, SOCKS, JACKET], postageCents: 1500 });
const LISTED = new Map([
  [TSHIRTS.variantId!, 'any-sku-camiseta-azul-m'],
  [SOCKS.variantId!, 'any-sku-meia-kit-3'],
  [JACKET.variantId!, 'any-sku-jaqueta-g'],
]);

describe('buildOrderPost', () => {
  describe('money, to the cent against the invoice', () => {
    const built = buildOrderPost(INVOICE, ACCOUNT, LISTED, 'PAID');
    const { post } = built;

    it('gives each item gross = the line total, discount = the line discount, total = gross − discount', () => {
      expect(post.items).toEqual([
        { sku: { partnerId: 'any-sku-camiseta-azul-m' }, amount: 2, unit: 49.9, gross: 99.8, discount: 5, total: 94.8 },
        { sku: { partnerId: 'any-sku-meia-kit-3' }, amount: 3, unit: 19.9, gross: 59.7, discount: 0, total: 59.7 },
        { sku: { partnerId: 'any-sku-jaqueta-g' }, amount: 1, unit: 120, gross: 120, discount: 0, total: 120 },
      ]);
      for (const [index, line] of INVOICE.lineItems.entries()) {
        const item = post.items![index];
        expect(cents(item.gross)).toBe(line.totalCents);
        expect(cents(item.discount)).toBe(line.discountCents);
        expect(cents(item.total)).toBe(line.totalCents - line.discountCents);
        expect(cents(item.unit) * item.amount).toBe(line.totalCents);
      }
    });

    it('makes productNet = Σ item totals, freight = postage, total = productNet + freight + interest − discount = the invoice total', () => {
      expect(built.cents).toEqual({ productNet: 9480 + 5970 + 12000, freight: 1500, discount: 0, interest: 0, total: INVOICE.totalCents });
      expect(cents(post.productNet)).toBe(post.items!.reduce((sum, item) => sum + cents(item.total), 0));
      expect(cents(post.freight)).toBe(INVOICE.postageCents);
      expect(cents(post.total)).toBe(cents(post.productNet) + cents(post.freight) + cents(post.interestValue) - cents(post.discount));
      expect(cents(post.total)).toBe(INVOICE.totalCents);
      expect(post).toMatchObject({ productNet: 274.5, freight: 15, discount: 0, interestValue: 0, total: 289.5 });
    });

    it('pays exactly the total, in one payment', () => {
      expect(post.payments).toHaveLength(1);
      expect(post.payments![0].value).toBe(post.total);
      expect(post.payments![0]).toMatchObject({ method: 'Marketplacer', installments: 1 });
    });

    it('passes the simulated ANYMARKET’s strict checks (which do refuse a cent off, or a date without offset)', () => {
      expect(simulatorViolations(post)).toEqual([]);
      expect(simulatorViolations({ ...post, total: 289.51 }).map((violation) => violation.field)).toEqual(['total', 'payments']);
      expect(simulatorViolations({ ...post, createdAt: '2025-03-10T14:05:00' }).map((violation) => violation.field)).toEqual(['createdAt']);
    });
  });

  describe('amounts that drift in floating point come out exact', () => {
    it('3 × 19.90 and 3 × 33.33', () => {
      const lines = [lineItem(710101, 3, 1990), lineItem(710102, 3, 3333)];
      const { post } = buildOrderPost(invoice(7101, { lineItems: lines, postageCents: 0 }), ACCOUNT, NO_LISTINGS, 'PAID');
      expect(post.items!.map((item) => [item.unit, item.gross, item.total])).toEqual([
        [19.9, 59.7, 59.7],
        [33.33, 99.99, 99.99],
      ]);
      expect(post.productNet).toBe(159.69);
      expect(post.total).toBe(159.69);
      expect(simulatorViolations(post)).toEqual([]);
    });

    it('0.10 + 0.20, and ten lines of 0.10 with 0.10 postage', () => {
      const small = buildOrderPost(
        invoice(7102, { lineItems: [lineItem(710201, 1, 10), lineItem(710202, 1, 20)], postageCents: 0 }),
        ACCOUNT,
        NO_LISTINGS,
        'PAID',
      );
      expect(small.post.productNet).toBe(0.3);
      expect(small.post.total).toBe(0.3);
      const tenLines = Array.from({ length: 10 }, (_, index) => lineItem(710301 + index, 1, 10));
      const tens = buildOrderPost(invoice(7103, { lineItems: tenLines, postageCents: 10 }), ACCOUNT, NO_LISTINGS, 'PAID');
      expect(tens.post.productNet).toBe(1);
      expect(tens.post.total).toBe(1.1);
      expect(tens.post.payments![0].value).toBe(1.1);
      expect(simulatorViolations(small.post)).toEqual([]);
      expect(simulatorViolations(tens.post)).toEqual([]);
    });
  });

  describe('the invoice total decides what goods and postage do not explain', () => {
    it('a total short of productNet + freight is an order discount', () => {
      const built = buildOrderPost(invoice(7201, { totalCents: 10480 }), ACCOUNT, NO_LISTINGS, 'PAID');
      expect(built.cents).toEqual({ productNet: 9980, freight: 1500, discount: 1000, interest: 0, total: 10480 });
      expect(built.post).toMatchObject({ productNet: 99.8, freight: 15, discount: 10, interestValue: 0, total: 104.8 });
      expect(built.post.payments![0].value).toBe(104.8);
      expect(simulatorViolations(built.post)).toEqual([]);
    });

    it('a total above productNet + freight is interest (fees or surcharges, INFERRED in the mapper)', () => {
      const built = buildOrderPost(invoice(7202, { totalCents: 11799 }), ACCOUNT, NO_LISTINGS, 'PAID');
      expect(built.cents).toEqual({ productNet: 9980, freight: 1500, discount: 0, interest: 319, total: 11799 });
      expect(built.post).toMatchObject({ interestValue: 3.19, discount: 0, total: 117.99 });
      expect(simulatorViolations(built.post)).toEqual([]);
    });

    it('a zero total on an invoice with goods counts as missing: productNet + freight', () => {
      const built = buildOrderPost(invoice(7203, { totalCents: 0 }), ACCOUNT, NO_LISTINGS, 'PAID');
      expect(built.cents).toEqual({ productNet: 9980, freight: 1500, discount: 0, interest: 0, total: 11480 });
      expect(simulatorViolations(built.post)).toEqual([]);
    });

    it('caps a line discount at the line total (no negative item)', () => {
      const line = lineItem(720401, 1, 1000, { discountCents: 1500 });
      const { post } = buildOrderPost(invoice(7204, { lineItems: [line], postageCents: 500, totalCents: 500 }), ACCOUNT, NO_LISTINGS, 'PAID');
      expect(post.items![0]).toMatchObject({ gross: 10, discount: 10, total: 0 });
      expect(post).toMatchObject({ productNet: 0, freight: 5, total: 5 });
      expect(simulatorViolations(post)).toEqual([]);
    });
  });

  describe('cancelled lines', () => {
    const cancelled = lineItem(730102, 1, 12000, { status: 'CANCELLED' });
    const kept = lineItem(730101, 2, 4990);

    it('are left out of the items and the sums', () => {
      const partly = invoice(7301, { lineItems: [kept, cancelled] });
      expect(billableLines(partly)).toEqual([kept]);
      const built = buildOrderPost(partly, ACCOUNT, NO_LISTINGS, 'PAID');
      expect(built.post.items!.map((item) => item.sku.partnerId)).toEqual(['MP-SKU-730101']);
      expect(built.cents).toEqual({ productNet: 9980, freight: 1500, discount: 0, interest: 0, total: 11480 });
      expect(simulatorViolations(built.post)).toEqual([]);
    });

    it('are all kept when the whole invoice is cancelled (an order still needs its items)', () => {
      const lines = [{ ...kept, status: 'CANCELLED' }, cancelled];
      const whole = invoice(7302, { status: 'CANCELLED', statusFlags: ['CANCELLED'], paidAt: null, lineItems: lines, totalCents: 9980 + 12000 + 1500 });
      expect(billableLines(whole)).toEqual(lines);
      expect(buildOrderPost(whole, ACCOUNT, NO_LISTINGS, 'CANCELED').post.items).toHaveLength(2);
    });

    it('does not turn a cancelled line still counted in the invoice total into interestValue', () => {
      // The simulated Marketplacer keeps cancelled lines in the invoice total; whether the real one does is not documented.
      const counted = invoice(7303, { lineItems: [kept, cancelled], totalCents: 9980 + 12000 + 1500 });
      const built = buildOrderPost(counted, ACCOUNT, NO_LISTINGS, 'PAID');
      expect(built.cents).toEqual({ productNet: 9980, freight: 1500, discount: 0, interest: 0, total: 11480 });
      expect(simulatorViolations(built.post)).toEqual([]);
    });
  });

  describe('SKUs', () => {
    it('carries the listing’s skuInMarketplace for a linked variant, Marketplacer’s SKU for an unlinked one, and flags it', () => {
      const onlyJacket = new Map([[JACKET.variantId!, 'any-sku-jaqueta-g']]);
      const built = buildOrderPost(INVOICE, ACCOUNT, onlyJacket, 'PAID');
      expect(built.post.items!.map((item) => item.sku.partnerId)).toEqual(['MP-SKU-700101', 'MP-SKU-700102', 'any-sku-jaqueta-g']);
      expect(built.unlinkedSkus).toEqual(['MP-SKU-700101', 'MP-SKU-700102']);
      expect(simulatorViolations(built.post)).toEqual([]);
    });

    it('has nothing to flag when every variant is listed', () => {
      expect(buildOrderPost(INVOICE, ACCOUNT, LISTED, 'PAID').unlinkedSkus).toEqual([]);
    });

    it('falls back to the variant id, then the line id, when Marketplacer has no SKU', () => {
      const noSku = lineItem(740101, 1, 1000, { variantSku: null });
      const noVariant = lineItem(740102, 1, 1000, { variantId: null, variantSku: null });
      const built = buildOrderPost(invoice(7401, { lineItems: [noSku, noVariant] }), ACCOUNT, LISTED, 'PAID');
      expect(built.unlinkedSkus).toEqual([noSku.variantId, noVariant.id]);
      expect(built.post.items!.map((item) => item.sku.partnerId)).toEqual([noSku.variantId, noVariant.id]);
    });
  });

  describe('identity, account and dates', () => {
    it('keys the order by the invoice (marketPlaceId) and shows the buyer’s order number (marketPlaceNumber)', () => {
      const { post } = buildOrderPost(INVOICE, ACCOUNT, LISTED, 'PAID');
      expect(post).toMatchObject({ marketPlaceId: '7001', marketPlaceNumber: '70010', idAccount: 4321, accountName: 'Loja Exemplo - Marketplace' });
    });

    it('uses the invoice number as marketPlaceNumber when the buyer’s order is not known, and leaves out an empty account name', () => {
      const { post } = buildOrderPost(invoice(7002, { order: null }), { idAccount: '99', accountName: null }, NO_LISTINGS, 'PAID');
      expect(post.marketPlaceNumber).toBe('7002');
      expect(post.idAccount).toBe(99);
      expect(post).not.toHaveProperty('accountName');
      const { post: noLegacy } = buildOrderPost(invoice(7003, { order: { id: 'T3JkZXItNzAwMzA=', legacyId: null } }), ACCOUNT, NO_LISTINGS, 'PAID');
      expect(noLegacy.marketPlaceNumber).toBe('7003');
    });

    it('keeps createdAt’s offset (and the payment time’s, as the payment’s dueDate)', () => {
      const { post } = buildOrderPost(INVOICE, ACCOUNT, LISTED, 'PAID');
      expect(post.createdAt).toBe('2025-03-10T14:05:00-03:00');
      expect(post.payments![0].dueDate).toBe('2025-03-10T14:06:10-03:00');
    });

    it('gives a date without an offset one (read as UTC), which the simulator requires', () => {
      const { post } = buildOrderPost(invoice(7004, { createdAt: '2025-03-10T17:05:00', paidAt: '2025-03-10T17:06:10.5' }), ACCOUNT, NO_LISTINGS, 'PAID');
      expect(post.createdAt).toBe('2025-03-10T17:05:00.000Z');
      expect(post.payments![0].dueDate).toBe('2025-03-10T17:06:10.500Z');
      expect(simulatorViolations(post)).toEqual([]);
    });
  });

  describe('status', () => {
    it('creates a paid invoice as PAID with an approved payment (one call)', () => {
      const { post } = buildOrderPost(INVOICE, ACCOUNT, LISTED, 'PAID');
      expect(post.status).toBe('PAID');
      expect(post.marketPlaceStatus).toBe('Pago (PAID)');
      expect(post.payments![0].status).toBe('Pagamento Aprovado');
    });

    it('creates an unpaid invoice as PENDING with a pending payment and no due date', () => {
      const { post } = buildOrderPost(unpaidInvoice(7501), ACCOUNT, NO_LISTINGS, 'PENDING');
      expect(post.status).toBe('PENDING');
      expect(post.marketPlaceStatus).toBe('Aguardando pagamento (AWAITING_PAYMENT)');
      expect(post.payments![0]).toEqual({ method: 'Marketplacer', status: 'Pendente de Pagamento', value: 114.8, installments: 1 });
      expect(simulatorViolations(post)).toEqual([]);
    });

    it('creates an invoice that is further along as PAID (the later status follows with a transition)', () => {
      const sent = invoice(7502, { status: 'SENT', statusFlags: ['PAID', 'SENT'] });
      expect(buildOrderPost(sent, ACCOUNT, NO_LISTINGS, 'SHIPPED').post.status).toBe('PAID');
      expect(buildOrderPost(sent, ACCOUNT, NO_LISTINGS, 'DELIVERED').post.status).toBe('PAID');
    });
  });

  describe('buyer and addresses', () => {
    it('masks the e-mail, keeps name and phone, and names the receiver', () => {
      const { post } = buildOrderPost(INVOICE, ACCOUNT, LISTED, 'PAID');
      expect(post.buyer).toEqual({ name: 'Maria Souza', email: maskEmail('Maria.Souza@example.com.br'), phone: '+55 11 91234-5678' });
      expect(post.buyer!.email).not.toContain('souza');
      expect(post.buyer!.email).not.toContain('example.com.br');
    });

    it('sends the shipping address in fields and on one line, and bills to it when there is no billing address', () => {
      const { post } = buildOrderPost(INVOICE, ACCOUNT, LISTED, 'PAID');
      const fields = {
        street: 'Rua Augusta, 1500',
        comment: 'Apto 42',
        city: 'São Paulo',
        state: 'SP',
        stateNameNormalized: 'São Paulo',
        country: 'Brazil',
        countryAcronymNormalized: 'BR',
        countryNameNormalized: 'Brazil',
        zipCode: '01304-001',
      };
      expect(post.shipping).toEqual({ ...fields, address: 'Rua Augusta, 1500, Apto 42, São Paulo, SP, 01304-001', receiverName: 'Maria Souza' });
      expect(post.billingAddress).toEqual(fields);
    });

    it('bills to the billing address when there is one; leaves out what the buyer did not give', () => {
      const billing = address({ address: 'Av. Paulista, 1000', subaddress: null, postcode: '01310-100' });
      const sparse = invoice(7601, {
        billingAddress: billing,
        buyer: { firstName: 'Maria', surname: null, emailAddress: null, phone: null },
        buyerMessageToSeller: 'Entregar na portaria, por favor',
      });
      const { post } = buildOrderPost(sparse, ACCOUNT, NO_LISTINGS, 'PAID');
      expect(post.billingAddress).toMatchObject({ street: 'Av. Paulista, 1000', zipCode: '01310-100' });
      expect(post.billingAddress).not.toHaveProperty('comment');
      expect(post.buyer).toEqual({ name: 'Maria' });
      expect(post.observation).toBe('Entregar na portaria, por favor');
      const noAddress = buildOrderPost(invoice(7602, { shippingAddress: null }), ACCOUNT, NO_LISTINGS, 'PAID').post;
      expect(noAddress).not.toHaveProperty('shipping');
      expect(noAddress).not.toHaveProperty('billingAddress');
      expect(simulatorViolations(post)).toEqual([]);
      expect(simulatorViolations(noAddress)).toEqual([]);
    });
  });
});

describe('maskEmail', () => {
  it('is not the address, and points to a domain that can never receive mail', () => {
    const masked = maskEmail('maria.souza@example.com.br');
    expect(masked).toMatch(/^[0-9a-f]{16}@buyer\.marketplacer\.invalid$/);
    expect(MASKED_EMAIL_DOMAIN.endsWith('.invalid')).toBe(true);
    expect(masked).not.toContain('maria');
  });

  it('is the same for the same buyer (case and surrounding spaces aside) and differs between buyers', () => {
    expect(maskEmail(' Maria.Souza@Example.com.br ')).toBe(maskEmail('maria.souza@example.com.br'));
    expect(maskEmail('joao.lima@example.com.br')).not.toBe(maskEmail('maria.souza@example.com.br'));
  });

  it('leaves a masked address as it is, so the copy kept on the order builds the same buyer as a fresh read', () => {
    const masked = maskEmail('maria.souza@example.com.br');
    expect(maskEmail(masked)).toBe(masked);
    const fresh = invoice(7601, { buyer: { firstName: 'Maria', surname: 'Souza', emailAddress: 'maria.souza@example.com.br', phone: null } });
    const kept = { ...fresh, buyer: { ...fresh.buyer, emailAddress: masked } };
    expect(buildOrderPost(kept, ACCOUNT, NO_LISTINGS, 'PAID').post.buyer).toEqual(buildOrderPost(fresh, ACCOUNT, NO_LISTINGS, 'PAID').post.buyer);
  });
});

describe('withOffset', () => {
  it('keeps a date-time that has an offset or Z as it is', () => {
    expect(withOffset('2025-03-10T14:05:00-03:00')).toBe('2025-03-10T14:05:00-03:00');
    expect(withOffset('2025-03-10T14:05:00+1100')).toBe('2025-03-10T14:05:00+1100');
    expect(withOffset('2025-03-10T17:05:00Z')).toBe('2025-03-10T17:05:00Z');
  });

  it('reads one without an offset as UTC; leaves text that is no date alone', () => {
    expect(withOffset('2025-03-10T17:05:00')).toBe('2025-03-10T17:05:00.000Z');
    expect(withOffset('not a date')).toBe('not a date');
  });
});
