import { ConsoleLogger, Logger } from '@nestjs/common';
import { toGlobalId } from '#marketplacer';
import { AdaptersOnSimulator, MAX_ATTEMPTS } from '#test-support/simulator/adapters-on-simulator';
import type { VariantRecord } from '../../../simulator/src/marketplacer/state/records.js';
import type { CreateOperatorOrderDto } from './dto/operator-orders.dto.js';
import { OperatorOrdersService, STOREFRONT_ORDER_KEY } from './operator-orders.service.js';

function storefrontOrder(variant: VariantRecord, externalId = 'LOJA-1', quantity = 2): CreateOperatorOrderDto {
  return {
    externalId,
    buyer: { firstName: 'Ana', surname: 'Compradora', emailAddress: 'ana@example.com' },
    address: { address: 'Rua Teste, 100', city: 'Maringá', postcode: '87020-035', stateShort: 'PR', countryCode: 'br' },
    lineItems: [{ variantId: toGlobalId('Variant', variant.legacyId), quantity, lineTotalCents: 3998, postageCents: 1590 }],
  };
}

/** The service on the real Marketplacer adapter, against the simulated Marketplacer in-process. */
describe('OperatorOrdersService', () => {
  let marketplacer: AdaptersOnSimulator;
  let service: OperatorOrdersService;
  let variant: VariantRecord;

  /** The simulated orders carrying the storefront order id. */
  const ordersOf = (externalId: string) =>
    [...marketplacer.state.orders.values()].filter((order) => order.externalIds.some((e) => e.key === STOREFRONT_ORDER_KEY && e.value === externalId));

  beforeAll(async () => {
    Logger.overrideLogger(false);
    marketplacer = await AdaptersOnSimulator.start();
    service = new OperatorOrdersService(marketplacer.fulfilment);
  });
  afterAll(async () => {
    await marketplacer?.stop();
    Logger.overrideLogger(new ConsoleLogger());
  });

  beforeEach(async () => {
    await marketplacer.reset();
    [variant] = marketplacer.variantsOfTwoSellers();
  });

  it("creates the order with the storefront's id as its external id, line totals and postage in cents", async () => {
    const made = await service.create(storefrontOrder(variant));

    expect(made.created).toBe(true);
    const [order] = ordersOf('LOJA-1');
    expect(made.record.id).toBe(toGlobalId('Order', order.legacyId));
    expect(order).toMatchObject({
      firstName: 'Ana',
      surname: 'Compradora',
      emailAddress: 'ana@example.com',
      address: { address: 'Rua Teste, 100', city: 'Maringá', postcode: '87020-035', stateShort: 'PR', countryCode: 'BR' },
      externalIds: [{ key: STOREFRONT_ORDER_KEY, value: 'LOJA-1' }],
    });
    const line = marketplacer.state.lineItems.get(made.record.invoices[0].lineItems[0].legacyId)!;
    expect(line).toMatchObject({ variantId: variant.legacyId, quantity: 2, unitCents: 1999, postageCents: 1590 });
  });

  it('answers the order made before for the same storefront order, without a second create', async () => {
    const first = await service.create(storefrontOrder(variant));
    const again = await service.create(storefrontOrder(variant));

    expect(again).toEqual({ record: first.record, created: false });
    expect(await marketplacer.requestsOf('OrderCreate')).toBe(1);
    expect(ordersOf('LOJA-1')).toHaveLength(1);
    expect((await service.create(storefrontOrder(variant, 'LOJA-2'))).created).toBe(true);
    expect(await marketplacer.requestsOf('OrderCreate')).toBe(2);
  });

  it('finds the order its own create made when the answer was lost, and a repeat finds it too', async () => {
    await marketplacer.setFaults({ loseNextAnswers: { count: 1, operationName: 'OrderCreate' } });

    const made = await service.create(storefrontOrder(variant));
    const repeated = await service.create(storefrontOrder(variant));

    const [order] = ordersOf('LOJA-1');
    expect(made).toEqual({ record: expect.objectContaining({ id: toGlobalId('Order', order.legacyId) }), created: true });
    expect(repeated).toEqual({ record: made.record, created: false });
    expect(ordersOf('LOJA-1')).toHaveLength(1);
    expect(await marketplacer.requestsOf('OrderCreate')).toBe(1);
  });

  it('passes a create of unknown outcome (HTTP 500) on when the look-up after it finds no order; a repeat then makes it', async () => {
    await marketplacer.setFaults({ failNextRequests: { count: 1, status: 500, operationName: 'OrderCreate' } });

    await expect(service.create(storefrontOrder(variant))).rejects.toMatchObject({
      code: 'MARKETPLACER_UNAVAILABLE',
      message: expect.stringContaining('HTTP 500 to OrderCreate'),
    });
    expect(await marketplacer.requestsOf('OrdersByExternalId')).toBe(2);
    expect(await marketplacer.requestsOf('OrderCreate')).toBe(1);
    expect(ordersOf('LOJA-1')).toHaveLength(0);

    expect((await service.create(storefrontOrder(variant))).created).toBe(true);
    expect(ordersOf('LOJA-1')).toHaveLength(1);
  });

  it('answers the lost answer, not the look-up failure, when the look-up after it fails as well', async () => {
    await marketplacer.setFaults({
      loseNextAnswers: { count: 1, operationName: 'OrderCreate' },
      failNextRequests: { count: MAX_ATTEMPTS, status: 503, operationName: 'OrdersByExternalId', after: 1 },
    });

    await expect(service.create(storefrontOrder(variant))).rejects.toMatchObject({
      code: 'MARKETPLACER_UNAVAILABLE',
      message: expect.stringContaining('request OrderCreate'),
    });
    expect(await marketplacer.requestsOf('OrdersByExternalId')).toBe(1 + MAX_ATTEMPTS);
    // Marketplacer had made it: the repeat's look-up finds it.
    expect(await service.create(storefrontOrder(variant))).toMatchObject({
      created: false,
      record: { id: toGlobalId('Order', ordersOf('LOJA-1')[0].legacyId) },
    });
  });

  it("passes Marketplacer's refusal on as it is, without looking again", async () => {
    const tooMany = storefrontOrder(variant, 'LOJA-1', variant.countOnHand + 1);

    await expect(service.create(tooMany)).rejects.toMatchObject({
      code: 'MARKETPLACER_VALIDATION_FAILED',
      details: [
        {
          field: 'lineItems[0].quantity',
          messages: [`Not enough stock: ${variant.countOnHand} on hand for variant ${toGlobalId('Variant', variant.legacyId)}`],
        },
      ],
    });
    expect(await marketplacer.requestsOf('OrdersByExternalId')).toBe(1);
    expect(ordersOf('LOJA-1')).toHaveLength(0);
  });

  it('updates the status, and the payment details when given', async () => {
    const { record } = await service.create(storefrontOrder(variant));
    const order = () => marketplacer.state.orders.get(record.legacyId!)!;

    expect(await service.update(record.id, { status: 'PAYMENT_FAILED' })).toMatchObject({ id: record.id, status: 'PAYMENT_FAILED' });
    expect(order().status).toBe('PAYMENT_FAILED');
    expect(order().paymentGatewayDetails).toEqual({});

    await service.update(record.id, { status: 'COMPLETE', paymentGatewayDetails: { transactionId: 'tr_1' } });
    expect(order().status).toBe('COMPLETE');
    expect(order().paymentGatewayDetails).toEqual({ transactionId: 'tr_1' });
  });
});
