/**
 * Contract tests for the Marketplacer GraphQL layer:
 *  (a) the hand-built contract schema builds and is a valid schema;
 *  (b) every operation document validates against it;
 *  (c) every document whose root fields all exist in the Sept 2020 introspection validates against that
 *      schema too, except for the KNOWN_2020_DIFFERENCES listed below (and those must still fail);
 *  (d) the committed generated/graphql.ts equals a fresh in-memory codegen run;
 *  (e) every operation document validates against the printed Nov 2023 schema of a live instance, and every
 *      type, field, argument and enum value of the contract exists there with the same type, except the
 *      KNOWN_2023_DIFFERENCES listed below, each shown by a current graph-doc page (and those must still differ).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  Kind,
  parse,
  validate,
  validateSchema,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  TypeInfo,
  visitWithTypeInfo,
} from 'graphql';
import { CONTRACT_OUTPUT, CONTRACT_SCHEMA, generateContractTypes } from '../../../../codegen.js';

const CONTRACT_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(CONTRACT_DIR, '../../../..');
const OPERATIONS_DIR = path.join(CONTRACT_DIR, 'operations');
// Read-only reference material lives next to the repo (../shared from the repo root, also in CI).
const SCHEMA_2020_PATH = path.resolve(REPO_ROOT, '../shared/marketplacer/operator-schema-2020-09.graphql');
const SCHEMA_2023_PATH = path.resolve(REPO_ROOT, '../shared/marketplacer/operator-schema-2023-11.graphqls');

/**
 * What the contract declares that the Nov 2023 schema lacks, each with the current graph-doc page that shows it
 * (dev.marketplacer.com/graph-doc/<page>.doc.html; OPERATOR-API-NOTES.md §11, operator-schema-current-fragments).
 * None is selected by a document a feed depends on: input fields travel in variables, sent only when asked for.
 */
const KNOWN_2023_DIFFERENCES: Record<string, string> = {
  'AdvertUpsertMutationInput.sellerId': 'graph-doc advertupsertmutationinput; reference/mutations/advertupsert ("An operator can act for a seller")',
  'FieldTypeEnum.INTEGER': 'graph-doc fieldtypeenum (SINGLE_SELECT MULTI_SELECT FREE_TEXT INTEGER DECIMAL)',
  'FieldTypeEnum.DECIMAL': 'graph-doc fieldtypeenum',
  'OrderInput.billingBusinessRegistrationCode': 'graph-doc orderinput',
  'OrderInput.purchaseOrderNumber': 'graph-doc orderinput',
  'RefundRequestRefundMutationInput.recoveredAmountCents': 'graph-doc refundrequestrefundmutationinput',
  'RefundRequestRefundMutationInput.receipts': 'graph-doc refundrequestrefundmutationinput',
  'SellerInput.outstandingOrdersNotificationDisabled': 'graph-doc sellerinput',
  'SellerUpdateInput.accountType': 'graph-doc sellerupdateinput',
  'SellerUpdateInput.storeDescriptionHtml': 'graph-doc sellerupdateinput',
};

/** Operation documents expected to fail against the 2023 schema (none: a document failing there must be fixed). */
const KNOWN_2023_DOCUMENT_DIFFERENCES: Record<string, string> = {};

/**
 * Operations (by operation name) that are in scope for the 2020 check but are EXPECTED to fail against it,
 * because they use fields/arguments added to Marketplacer after Sept 2020. The test fails if an entry here
 * starts validating (stale list) or if an unlisted in-scope operation fails.
 */
const KNOWN_2020_DIFFERENCES: Record<string, string> = {
  AdvertsByIds: 'Advert publication/vetting fields, taxonNullable, advertOptionValues, Variant.published/editablePrice, Seller.legacyId are post-2020',
  AdvertById: 'same AdvertFields additions as AdvertsByIds',
  AdvertsByExternalId: 'same AdvertFields additions as AdvertsByIds',
  AdvertsUpdatedSince: 'same AdvertFields additions as AdvertsByIds',
  AdvertsWhere: 'advertsWhere(retailerIds, legacyIds) arguments + AdvertFields additions are post-2020',
  InvoiceLineTotals: 'LineItem.totalCents/postageCents are post-2020 (the 2023 schema has them)',
  InvoiceById:
    'Invoice in 2020 had only id/status/totalCents/lineItems/shipments; buyer*, statusFlags, LineItem.variant*, Shipment.shippedItems etc. are post-2020',
  OptionTypeCreateOrUpdate: 'OptionType.fieldType/appliedTo/optional replaced the 2020 `category`',
  OrderCreate: 'Order/Invoice/LineItem.legacyId and LineItem.variantId are post-2020',
  OrderUpdate: 'same OrderFields additions as OrderCreate',
  OrdersByExternalId: 'same OrderFields additions as OrderCreate',
  PrototypesWithOptions: 'OptionType.fieldType/appliedTo/optional are post-2020',
  RefundRequestById: 'the 2020 schema has no RefundRequest type (refund requests are post-2020)',
  RefundRequestsByExternalId: 'the 2020 schema has no RefundRequest type (refund requests are post-2020)',
  RemittanceAdviceById: 'the 2020 schema has no RemittanceAdvice type',
  ShipmentInvoice: 'same InvoiceFields additions as InvoiceById',
  SellerById: 'Seller.legacyId/accountType/online/isRetailer/metadata/primaryUser are post-2020',
  SellerSearch: 'same Seller additions as SellerById',
  TaxonCreateOrUpdate: 'Taxon.treeName is post-2020',
  Taxons: 'Taxon.treeName is post-2020',
};

interface OperationDoc {
  file: string;
  name: string;
  operation: OperationDefinitionNode;
  /** The operation plus every fragment it (transitively) spreads, as one self-contained document. */
  document: DocumentNode;
}

function loadOperations(): { operations: OperationDoc[]; fragmentFiles: string[] } {
  const files = readdirSync(OPERATIONS_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort();
  const parsed = files.map((file) => ({ file, doc: parse(readFileSync(path.join(OPERATIONS_DIR, file), 'utf8')) }));

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const { file, doc } of parsed) {
    for (const def of doc.definitions) {
      if (def.kind !== Kind.FRAGMENT_DEFINITION) continue;
      if (fragments.has(def.name.value)) throw new Error(`Duplicate fragment ${def.name.value} (in ${file})`);
      fragments.set(def.name.value, def);
    }
  }

  const operations: OperationDoc[] = [];
  const fragmentFiles: string[] = [];
  for (const { file, doc } of parsed) {
    const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (ops.length === 0) {
      fragmentFiles.push(file);
      continue;
    }
    if (ops.length !== 1) throw new Error(`${file}: expected exactly one operation, found ${ops.length}`);
    const operation = ops[0];
    if (!operation.name) throw new Error(`${file}: operation must be named`);

    const needed = new Map<string, FragmentDefinitionNode>();
    const queue: DefinitionNode[] = [...doc.definitions];
    while (queue.length > 0) {
      visit(queue.pop()!, {
        FragmentSpread(node) {
          const name = node.name.value;
          const fragment = fragments.get(name);
          if (fragment && !needed.has(name)) {
            needed.set(name, fragment);
            queue.push(fragment);
          }
        },
      });
    }
    const local = doc.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => d.name.value);
    const imported = [...needed.values()].filter((f) => !local.includes(f.name.value));
    operations.push({
      file,
      name: operation.name.value,
      operation,
      document: { kind: Kind.DOCUMENT, definitions: [...doc.definitions, ...imported] },
    });
  }
  return { operations, fragmentFiles };
}

const readSchema = (file: string): GraphQLSchema => buildSchema(readFileSync(file, 'utf8'));
const formatErrors = (errors: readonly { message: string }[]): string => errors.map((e) => `  - ${e.message}`).join('\n');

const { operations } = loadOperations();

describe('Marketplacer contract schema', () => {
  it('builds and is a valid schema', () => {
    const schema = readSchema(path.join(REPO_ROOT, CONTRACT_SCHEMA));
    expect(validateSchema(schema).map((e) => e.message)).toEqual([]);
    expect(schema.getQueryType()).toBeDefined();
    expect(schema.getMutationType()).toBeDefined();
  });
});

describe('operation documents', () => {
  const schema = readSchema(path.join(REPO_ROOT, CONTRACT_SCHEMA));

  it('exist, have unique PascalCase names', () => {
    expect(operations.length).toBeGreaterThan(0);
    const names = operations.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
  });

  it.each(operations.map((o) => [o.name, o] as const))('%s validates against the contract schema', (_name, op) => {
    const errors = validate(schema, op.document);
    if (errors.length > 0) throw new Error(`${op.file} is invalid against schema.graphql:\n${formatErrors(errors)}`);
  });

  it.each(operations.filter((o) => o.operation.operation === 'mutation').map((o) => [o.name, o] as const))(
    '%s selects errors { field messages } and status',
    (_name, op) => {
      const root = op.operation.selectionSet.selections[0];
      if (root?.kind !== Kind.FIELD || !root.selectionSet) throw new Error(`${op.file}: no root field selection`);
      const fields = root.selectionSet.selections.filter((s) => s.kind === Kind.FIELD);
      expect(fields.map((f) => f.name.value)).toEqual(expect.arrayContaining(['status', 'errors']));
      const errorsField = fields.find((f) => f.name.value === 'errors');
      const errorSubfields = errorsField?.selectionSet?.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : ''));
      expect(errorSubfields).toEqual(expect.arrayContaining(['field', 'messages']));
    },
  );
});

describe('operation documents vs the Sept 2020 schema', () => {
  const schema2020Available = existsSync(SCHEMA_2020_PATH);

  it('the 2020 schema file is available', () => {
    if (!schema2020Available) throw new Error(`missing ${SCHEMA_2020_PATH} (expected at ../shared relative to the repo root)`);
  });

  const schema2020 = schema2020Available ? readSchema(SCHEMA_2020_PATH) : undefined;
  const inScope = (op: OperationDoc): boolean => {
    if (!schema2020) return false;
    const root = op.operation.operation === 'query' ? schema2020.getQueryType() : schema2020.getMutationType();
    const fields = root?.getFields() ?? {};
    return op.operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value in fields);
  };
  const scoped = operations.filter(inScope);

  it('checks at least the operations that only use 2020 root fields', () => {
    if (schema2020Available) expect(scoped.length).toBeGreaterThan(0);
  });

  it.each(scoped.map((o) => [o.name, o] as const))('%s against 2020', (name, op) => {
    const errors = validate(schema2020!, op.document);
    const known = KNOWN_2020_DIFFERENCES[name];
    if (known !== undefined && errors.length === 0) {
      throw new Error(`${name} now validates against the 2020 schema: remove it from KNOWN_2020_DIFFERENCES (stale entry)`);
    }
    if (known === undefined && errors.length > 0) {
      throw new Error(`${name} (${op.file}) fails against the 2020 schema and is not a listed known difference:\n${formatErrors(errors)}`);
    }
  });

  it('KNOWN_2020_DIFFERENCES only lists real, in-scope operations', () => {
    const all = new Set(operations.map((o) => o.name));
    const scopedNames = new Set(scoped.map((o) => o.name));
    for (const name of Object.keys(KNOWN_2020_DIFFERENCES)) {
      expect({ name, exists: all.has(name) }).toEqual({ name, exists: true });
      if (schema2020) {
        expect({ name, inScope: scopedNames.has(name) }).toEqual({ name, inScope: true });
      }
    }
  });
});

describe('generated/graphql.ts', () => {
  it('is up to date with schema.graphql + operations (run `npm run codegen`)', async () => {
    const committed = readFileSync(path.resolve(REPO_ROOT, CONTRACT_OUTPUT), 'utf8');
    const fresh = await generateContractTypes(REPO_ROOT);
    // Not toEqual on 200 kB strings: report a short, readable failure.
    if (committed !== fresh) {
      const at = [...committed].findIndex((ch, i) => ch !== fresh[i]);
      throw new Error(`generated/graphql.ts is stale (first difference at char ${at}). Regenerate with: npm run codegen`);
    }
  });
});

/** Each way the contract schema differs from `real`: a missing type, field, argument, enum value or union member, or another type. */
function differencesFrom(contract: GraphQLSchema, real: GraphQLSchema): Map<string, string> {
  const found = new Map<string, string>();
  for (const [name, type] of Object.entries(contract.getTypeMap())) {
    if (name.startsWith('__')) continue;
    const other = real.getType(name);
    if (!other) {
      found.set(name, 'type missing');
      continue;
    }
    if (isObjectType(type) || isInputObjectType(type) || isInterfaceType(type)) {
      const otherFields = (other as typeof type).getFields() as Record<string, { type: unknown; args?: readonly { name: string; type: unknown }[] }>;
      for (const [fieldName, field] of Object.entries(type.getFields())) {
        const key = `${name}.${fieldName}`;
        const twin = otherFields[fieldName];
        if (!twin) {
          found.set(key, 'field missing');
          continue;
        }
        if (String(twin.type) !== String(field.type)) found.set(key, `${String(field.type)} here, ${String(twin.type)} there`);
        for (const arg of 'args' in field ? field.args : []) {
          const twinArg = twin.args?.find((candidate) => candidate.name === arg.name);
          if (!twinArg) found.set(`${key}(${arg.name})`, 'argument missing');
          else if (String(twinArg.type) !== String(arg.type)) found.set(`${key}(${arg.name})`, `${String(arg.type)} here, ${String(twinArg.type)} there`);
        }
      }
    } else if (isEnumType(type) && isEnumType(other)) {
      const values = new Set(other.getValues().map((value) => value.name));
      for (const value of type.getValues()) if (!values.has(value.name)) found.set(`${name}.${value.name}`, 'enum value missing');
    } else if (isUnionType(type) && isUnionType(other)) {
      const members = new Set(other.getTypes().map((member) => member.name));
      for (const member of type.getTypes()) if (!members.has(member.name)) found.set(`${name}|${member.name}`, 'union member missing');
    } else if (type.constructor !== other.constructor) {
      found.set(name, 'another kind of type');
    }
  }
  return found;
}

describe('the contract vs the Nov 2023 schema of a live instance', () => {
  const available = existsSync(SCHEMA_2023_PATH);

  it('the 2023 schema file is available', () => {
    if (!available) throw new Error(`missing ${SCHEMA_2023_PATH} (expected at ../shared relative to the repo root)`);
  });

  const schema2023 = available ? readSchema(SCHEMA_2023_PATH) : undefined;

  it.each(operations.map((o) => [o.name, o] as const))('%s validates against the 2023 schema', (name, op) => {
    if (!schema2023) return;
    const errors = validate(schema2023, op.document);
    const known = KNOWN_2023_DOCUMENT_DIFFERENCES[name];
    if (known !== undefined && errors.length === 0) throw new Error(`${name} now validates against the 2023 schema: remove its stale entry`);
    if (known === undefined && errors.length > 0) throw new Error(`${op.file} is invalid against the 2023 schema:\n${formatErrors(errors)}`);
  });

  it('declares every type, field, argument and enum value as the 2023 schema has it, but for the listed differences', () => {
    if (!schema2023) return;
    const differences = differencesFrom(readSchema(path.join(REPO_ROOT, CONTRACT_SCHEMA)), schema2023);
    const unlisted = [...differences].filter(([key]) => !(key in KNOWN_2023_DIFFERENCES)).map(([key, why]) => `${key}: ${why}`);
    const stale = Object.keys(KNOWN_2023_DIFFERENCES).filter((key) => !differences.has(key));
    expect({ unlisted, stale }).toEqual({ unlisted: [], stale: [] });
  });

  it('keeps every field a listed difference names out of the documents (they are inputs or enum values, sent only when asked for)', () => {
    const selected = new Set<string>();
    const contract = readSchema(path.join(REPO_ROOT, CONTRACT_SCHEMA));
    for (const op of operations) {
      const info = new TypeInfo(contract);
      visit(
        op.document,
        visitWithTypeInfo(info, {
          Field(node) {
            const parent = info.getParentType();
            if (parent) selected.add(`${parent.name}.${node.name.value}`);
          },
        }),
      );
    }
    expect(Object.keys(KNOWN_2023_DIFFERENCES).filter((key) => selected.has(key))).toEqual([]);
  });
});
