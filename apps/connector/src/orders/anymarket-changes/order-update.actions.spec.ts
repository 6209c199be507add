import { parseNfe } from './nfe/nfe-document.js';
import { invoiceDataOf, shipmentNoteOf } from './order-update.actions.js';
import { NFE_PROC_SPEC_EXAMPLE } from '#test-support/connector/orders/nfe-samples';

const document = parseNfe(NFE_PROC_SPEC_EXAMPLE);

describe('invoice data of an order', () => {
  it("takes ANYMARKET's order JSON when it has a number or key, filling gaps from the XML", () => {
    expect(invoiceDataOf({ number: '77', series: '2' }, document)).toEqual({
      number: '77',
      series: '2',
      accessKey: document.accessKey,
      issuedAt: document.issuedAt,
      cfop: '5102',
      source: 'json',
    });
  });

  it('takes the XML when the order has no invoice data (XML first, JSON INVOICED later, or no JSON at all)', () => {
    expect(invoiceDataOf({}, document)).toMatchObject({ number: '562465425', series: '1', source: 'xml' });
    expect(invoiceDataOf(undefined, document)).toMatchObject({ accessKey: document.accessKey, source: 'xml' });
  });

  it('is nothing when neither came', () => {
    expect(invoiceDataOf({ number: '  ', cfop: '5102' }, null)).toBeNull();
    expect(invoiceDataOf(undefined, null)).toBeNull();
  });
});

describe("the shipment's note", () => {
  it('carries the tracking link and the NF-e, where shipmentCreate has no field for them', () => {
    expect(shipmentNoteOf('https://t.example/1', invoiceDataOf(undefined, document))).toBe(
      `Tracking: https://t.example/1 | NF-e 562465425 series 1, key ${document.accessKey}`,
    );
    expect(shipmentNoteOf(undefined, null)).toBeNull();
    expect(shipmentNoteOf(' ', null)).toBeNull();
  });
});
