import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildASTSchema, buildSchema, Kind, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { InvoiceByIdDocument, InvoicesUpdatedSinceDocument } from '../contract/generated/graphql.js';
import { documentProblems } from './validate-documents.js';

const CONTRACT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../contract');
const SDL = parse(readFileSync(path.join(CONTRACT_DIR, 'schema.graphql'), 'utf8'));
const LINE_TOTALS = parse(readFileSync(path.join(CONTRACT_DIR, 'operations/invoice-line-totals.graphql'), 'utf8'));

/** The contract schema less some `Type.field` entries, as a live instance without them would serve it. */
function contractSchemaWithout(...dropped: string[]): GraphQLSchema {
  const drop = new Set(dropped);
  return buildASTSchema({
    ...SDL,
    definitions: SDL.definitions.map((definition) => {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION) return definition;
      const fields = (definition.fields as ReadonlyArray<{ name: { value: string } }> | undefined)?.filter(
        (field) => !drop.has(`${definition.name.value}.${field.name.value}`),
      );
      return { ...definition, fields } as typeof definition;
    }),
  });
}

describe('documentProblems: a document against a live schema', () => {
  it('passes every contract document against the contract schema itself', () => {
    const schema = contractSchemaWithout();
    expect(documentProblems(schema, InvoiceByIdDocument)).toEqual([]);
    expect(documentProblems(schema, LINE_TOTALS)).toEqual([]);
  });

  it('names LineItem.totalCents when the schema has no such field', () => {
    expect(documentProblems(contractSchemaWithout('LineItem.totalCents'), LINE_TOTALS)).toEqual([
      { kind: 'field', name: 'LineItem.totalCents', message: 'Cannot query field "totalCents" on type "LineItem". Did you mean "postageCents"?' },
    ]);
  });

  it('names the field of a shared fragment in every document that selects it', () => {
    const schema = contractSchemaWithout('Invoice.shippingCostCents');
    for (const document of [InvoiceByIdDocument, InvoicesUpdatedSinceDocument] as DocumentNode[]) {
      expect(documentProblems(schema, document)).toEqual([expect.objectContaining({ kind: 'field', name: 'Invoice.shippingCostCents' })]);
    }
  });

  describe('arguments and types', () => {
    const schema = buildSchema(`
      type Query { brands(first: Int): [Brand!]!  node(id: ID!, scope: String!): Brand  invoices(filters: InvoiceFilters): [Brand!]! }
      type Brand { id: ID! name: String! owner: Brand }
      input InvoiceFilters { createdSince: String }
      enum Status { PAID }
    `);

    it('names an argument the field does not take, with its type and field', () => {
      expect(documentProblems(schema, parse('query Q { brands(first: 1, after: "x") { id } }'))).toEqual([
        expect.objectContaining({ kind: 'argument', name: 'Query.brands(after)' }),
      ]);
    });

    it('names a required argument the document leaves out', () => {
      expect(documentProblems(schema, parse('query Q($id: ID!) { node(id: $id) { id } }'))).toEqual([
        expect.objectContaining({ kind: 'argument', name: 'Query.node(scope)' }),
      ]);
    });

    it('names a type the schema does not have', () => {
      expect(documentProblems(schema, parse('query Q($s: [InvoiceStatusEnum!]) { brands { id } }'))).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'type', name: 'InvoiceStatusEnum' })]),
      );
    });

    it('names an input field the schema does not have', () => {
      expect(documentProblems(schema, parse('query Q { invoices(filters: { updatedSince: "x" }) { id } }'))).toEqual([
        expect.objectContaining({ kind: 'field', name: 'InvoiceFilters.updatedSince' }),
      ]);
    });

    it('names the argument a variable of the wrong type is passed to', () => {
      expect(documentProblems(schema, parse('query Q($first: String) { brands(first: $first) { id } }'))).toEqual([
        expect.objectContaining({ kind: 'argument', name: 'Query.brands(first)' }),
      ]);
    });

    it('names a field that lost its subfields with its parent type', () => {
      expect(documentProblems(schema, parse('query Q { brands { owner } }'))).toEqual([expect.objectContaining({ kind: 'field', name: 'Brand.owner' })]);
    });
  });
});
