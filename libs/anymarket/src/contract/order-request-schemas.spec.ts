import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CANCELED_STATUS_DTO,
  MARK_AS_CANCELED,
  MARK_AS_DELIVERED,
  MARK_AS_SHIPPED,
  ORDER_POST,
  ORDER_STATUS_UPDATE,
  LIST_ORDERS_QUERY,
} from './order-request-schemas.js';
import { queryViolations, schemaViolations } from './schema-subset.js';

type Examples = Record<string, Record<string, { request?: Record<string, unknown> }>>;
const examples = JSON.parse(readFileSync(resolve(process.cwd(), '../shared/anymarket/examples-from-openapi.json'), 'utf8')) as Examples;
const api = examples['MARKETPLACE API (middleware -> ANYMARKET, /marketplace/api)'];
const requestExample = (operation: string) => api[operation].request!['application/json :: example-1'] as Record<string, unknown>;
const fields = (violations: { field: string }[]) => violations.map((violation) => violation.field);

describe('ANYMARKET order request schemas', () => {
  describe("the yaml's own request examples", () => {
    it('POST /orders: every field has its declared type, except the placeholder "string" in the buyer.documentType enum', () => {
      const example = requestExample('POST /orders');
      expect(fields(schemaViolations(ORDER_POST, example))).toEqual(['buyer.documentType']);
      expect(schemaViolations(ORDER_POST, { ...example, buyer: { ...(example.buyer as object), documentType: 'CPF' } })).toEqual([]);
    });

    it('markAsPaid, markAsInvoiced and markAsCanceled pass', () => {
      expect(schemaViolations(CANCELED_STATUS_DTO, requestExample('PUT /orders/{marketPlaceId}/markAsPaid'))).toEqual([]);
      expect(schemaViolations(CANCELED_STATUS_DTO, requestExample('PUT /orders/{marketPlaceId}/markAsInvoiced'))).toEqual([]);
      expect(schemaViolations(MARK_AS_CANCELED, requestExample('PUT /orders/{marketPlaceId}/markAsCanceled'))).toEqual([]);
    });

    it('markAsShipped and markAsDelivered: the placeholder dates "string" are refused (INFERRED: dates with an offset)', () => {
      const shipped = requestExample('PUT /orders/{marketPlaceId}/markAsShipped');
      expect(fields(schemaViolations(MARK_AS_SHIPPED, shipped))).toEqual(['estimateDate', 'shippedDate']);
      const dated = { ...shipped, estimateDate: '2021-11-01T00:00:00-03:00', shippedDate: '2021-10-27T14:57:55-03:00' };
      expect(schemaViolations(MARK_AS_SHIPPED, dated)).toEqual([]);
      expect(fields(schemaViolations(MARK_AS_DELIVERED, requestExample('PUT /orders/{marketPlaceId}/markAsDelivered')))).toEqual(['deliveredDate']);
      expect(schemaViolations(MARK_AS_DELIVERED, { deliveredDate: '2021-10-27T14:57:55-03:00' })).toEqual([]);
    });
  });

  it('requires marketPlaceId (INFERRED), shippedDate, deliveredDate, the cancel date, success and marketPlaceStatus', () => {
    expect(fields(schemaViolations(ORDER_POST, {}))).toEqual(['marketPlaceId']);
    expect(fields(schemaViolations(MARK_AS_SHIPPED, { status: 'SHIPPED' }))).toEqual(['shippedDate']);
    expect(fields(schemaViolations(MARK_AS_DELIVERED, {}))).toEqual(['deliveredDate']);
    expect(fields(schemaViolations(MARK_AS_CANCELED, {}))).toEqual(['date']);
    expect(schemaViolations(CANCELED_STATUS_DTO, {})).toEqual([]);
    expect(fields(schemaViolations(ORDER_STATUS_UPDATE, {}))).toEqual(['success', 'marketPlaceStatus']);
    expect(schemaViolations(ORDER_STATUS_UPDATE, { success: false, errorMessage: 'falhou', marketPlaceStatus: 'Entregue' })).toEqual([]);
  });

  it('checks the nested schemas of remote_pt.yaml: amounts ≥ 0, integer ids and installments, date-times, statuses', () => {
    const order = {
      marketPlaceId: 'MP-1',
      status: 'SHIPPED_OUT',
      createdAt: '2026-11-20 10:00',
      idAccount: 1.5,
      items: [{ sku: { partnerId: 'A' }, amount: -1, unit: '10', shippings: [{ id: 'x' }] }],
      payments: [{ value: 10, installments: -2, dueDate: '2026-11-20' }],
      shipping: { promisedShippingTime: '2026-11-25', zipCode: 87030030 },
      billingAddress: { zipCode: null },
      anymarketAddress: { promisedShippingTime: '2026-11-25T00:00:00Z' },
      tracking: { shippedDate: '2026-11-21' },
      buyer: { documentType: 'RG', Long: -1 },
    };
    expect(fields(schemaViolations(ORDER_POST, order))).toEqual([
      'shipping.zipCode',
      'shipping.promisedShippingTime',
      'billingAddress.zipCode',
      'buyer.Long',
      'buyer.documentType',
      'payments[0].installments',
      'payments[0].dueDate',
      'tracking.shippedDate',
      'items[0].amount',
      'items[0].unit',
      'items[0].shippings[0].id',
      'createdAt',
      'idAccount',
      'status',
    ]);
  });

  it("checks GET /orders' query with the yaml's minima (limit ≥ 5, offset ≥ 1)", () => {
    expect(queryViolations(LIST_ORDERS_QUERY, { limit: '5', offset: '1', status: 'PAID', createdAfter: '2026-11-20T00:00:00-03:00' })).toEqual([]);
    expect(fields(queryViolations(LIST_ORDERS_QUERY, { limit: '4', offset: '0', status: 'PAID_WAITING_SHIP', createdAfter: '2026-11-20' }))).toEqual([
      'limit',
      'offset',
      'status',
      'createdAfter',
    ]);
  });
});
