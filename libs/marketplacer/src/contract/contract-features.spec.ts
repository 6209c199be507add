import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse } from 'graphql';
import { CONTRACT_FEATURES, contractDocuments, DOCUMENT_FEATURES, documentsOfFeature, WEBHOOK_TYPE_FEATURES } from './contract-features.js';

const OPERATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'operations');
/** Entries whose document another change adds (the generated file does not have it yet). */
const MAY_BE_MISSING = new Set(['InvoiceLineTotals']);

function operationFileNames(): string[] {
  return readdirSync(OPERATIONS_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .flatMap((file) => parse(readFileSync(path.join(OPERATIONS_DIR, file), 'utf8')).definitions)
    .flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : []));
}

describe('contract features', () => {
  const documents = contractDocuments();

  it('collects every *Document export of the generated contract, each an operation', () => {
    expect(documents.length).toBeGreaterThan(40);
    expect(documents.map((document) => document.operation)).toContain('InvoicesUpdatedSince');
    expect(new Set(documents.map((document) => document.operation)).size).toBe(documents.length);
  });

  it('gives every document the connector can send (generated, or an operation file) the features that need it', () => {
    const withoutEntry = [...documents.map((document) => document.operation), ...operationFileNames()].filter((operation) => !DOCUMENT_FEATURES[operation]);
    expect(withoutEntry).toEqual([]);
    for (const document of documents) expect(document.features.length).toBeGreaterThan(0);
  });

  it('has no entry for a document that does not exist, but those another change adds', () => {
    const known = new Set([...documents.map((document) => document.operation), ...operationFileNames()]);
    expect(Object.keys(DOCUMENT_FEATURES).filter((operation) => !known.has(operation) && !MAY_BE_MISSING.has(operation))).toEqual([]);
  });

  it('names only declared features, and every declared feature needs a document', () => {
    const named = new Set([...Object.values(DOCUMENT_FEATURES).flatMap((needs) => needs.features), ...Object.values(WEBHOOK_TYPE_FEATURES)]);
    expect([...named].filter((feature) => !(feature in CONTRACT_FEATURES))).toEqual([]);
    expect(Object.keys(CONTRACT_FEATURES).filter((feature) => documentsOfFeature(feature).length === 0)).toEqual([]);
  });

  it('marks InvoiceLineTotals an optional detail of orders.line-totals, apart from the order path', () => {
    expect(DOCUMENT_FEATURES.InvoiceLineTotals).toEqual({ features: ['orders.line-totals'], detail: true });
    expect(documentsOfFeature('orders.feed')).toEqual(['InvoicesUpdatedSince']);
    expect(
      Object.entries(DOCUMENT_FEATURES)
        .filter(([, needs]) => needs.detail)
        .map(([operation]) => operation),
    ).toEqual(['InvoiceLineTotals']);
  });

  it('tells queries from mutations', () => {
    const kindOf = (operation: string) => documents.find((document) => document.operation === operation)?.kind;
    expect(kindOf('InvoiceById')).toBe('query');
    expect(kindOf('ShipmentCreate')).toBe('mutation');
  });
});
