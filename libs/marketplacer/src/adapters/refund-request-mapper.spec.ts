import { thrownBy } from '#common/testing';
import { MarketplacerError } from '../errors/marketplacer-error.js';
import { toGlobalId } from '../ids/global-id.js';
import { pageOf } from '../pagination/paginate.js';
import { refundRequestNode } from '../testing/fixtures.js';
import { toRefundRequest } from './refund-request-mapper.js';

describe('toRefundRequest', () => {
  it('maps every field', () => {
    const request = refundRequestNode(44, 10363, {
      status: 'REFUNDED',
      updatedAt: '2025-03-04T09:00:00+11:00',
      cashAmountCents: 2490,
      cashAmountFormatted: '$99.99',
      lineItems: [
        {
          id: toGlobalId('RefundRequestLineItem', 1),
          reason: 'Damaged',
          amountCents: 1990,
          amountFormatted: '$19.90',
          amountPerItemFormatted: '$19.90',
          status: 'REFUNDED',
          quantity: 1,
          lineItem: { id: toGlobalId('LineItem', 1036300) },
        },
        {
          id: toGlobalId('RefundRequestLineItem', 2),
          reason: null,
          amountCents: 500,
          amountFormatted: '$5.00',
          amountPerItemFormatted: '$5.00',
          status: 'PENDING_APPROVAL',
          quantity: 1,
          lineItem: null,
        },
      ],
    });
    expect(pageOf('updatedRefundRequests', { pageInfo: { hasNextPage: true, endCursor: 'r-1' }, nodes: [request, null] }, toRefundRequest)).toEqual({
      nodes: [
        {
          id: toGlobalId('RefundRequest', 44),
          legacyId: 44,
          status: 'REFUNDED',
          invoice: { id: toGlobalId('Invoice', 10363), legacyId: 10363 },
          updatedAt: '2025-03-04T09:00:00+11:00',
          cashAmountCents: 2490,
          lineItems: [
            {
              id: toGlobalId('RefundRequestLineItem', 1),
              status: 'REFUNDED',
              quantity: 1,
              lineItemId: toGlobalId('LineItem', 1036300),
              amountCents: 1990,
              reason: 'Damaged',
            },
            { id: toGlobalId('RefundRequestLineItem', 2), status: 'PENDING_APPROVAL', quantity: 1, lineItemId: null, amountCents: 500, reason: null },
          ],
        },
      ],
      pageInfo: { hasNextPage: true, endCursor: 'r-1' },
    });
  });

  it('reads the cash amount from the string when the cents are null, and keeps null until refunded', () => {
    const requests = [
      refundRequestNode(1, 5, { cashAmountCents: null, cashAmountFormatted: '$2,490.05' }),
      refundRequestNode(2, 5, { cashAmountCents: null, cashAmountFormatted: null }),
    ];
    expect(requests.map((request) => toRefundRequest(request).cashAmountCents)).toEqual([249005, null]);
  });

  it('treats a null connection as a broken contract', () => {
    expect(thrownBy(MarketplacerError, () => pageOf('updatedRefundRequests', null, toRefundRequest))).toMatchObject({
      code: 'MARKETPLACER_UNEXPECTED_RESPONSE',
    });
  });
});
