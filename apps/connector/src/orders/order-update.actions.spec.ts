import type { NfeDocument } from './nfe/nfe-document.js';
import { invoiceDataOf, shipmentNoteOf } from './order-update.actions.js';

const document: NfeDocument = {
  accessKey: '41190908328657000194550015624654251041433087',
  number: '562465425',
  series: '1',
  issuedAt: '2019-09-11T15:57:56-03:00',
  totalCents: 16000,
  cfop: '5102',
  cfops: ['5102'],
  issuerCnpj: '08328657000194',
  recipientDocument: '42159270130',
  environment: 'homologation',
  authorized: true,
  protocol: '141190000835627',
};

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
