import { Kind, type DefinitionNode, type DocumentNode, type FieldDefinitionNode, type InputValueDefinitionNode, type NamedTypeNode } from 'graphql';

/**
 * Fields the simulated Marketplacer leaves out of the contract schema it serves (`Type.field` entries),
 * so that a test or a demo can show the connector an instance whose live schema lacks them: introspection
 * does not list them and a query selecting one fails validation, as on a real server.
 */
export class SchemaDropError extends Error {
  constructor(
    readonly entry: string,
    reason: string,
  ) {
    super(`"${entry}" cannot be left out: ${reason}`);
    this.name = 'SchemaDropError';
  }
}

const ENTRY = /^([_A-Za-z][_0-9A-Za-z]*)\.([_A-Za-z][_0-9A-Za-z]*)$/;

/** The entries of a comma-separated list (`LineItem.totalCents, Advert.vetted`), blanks and repeats left out. */
export function splitSchemaDrop(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    ),
  ];
}

type FieldsHolder = DefinitionNode & { readonly name: { value: string }; readonly fields?: readonly (FieldDefinitionNode | InputValueDefinitionNode)[] };

const OBJECT_KINDS = new Set<string>([Kind.OBJECT_TYPE_DEFINITION, Kind.OBJECT_TYPE_EXTENSION]);
const INPUT_KINDS = new Set<string>([Kind.INPUT_OBJECT_TYPE_DEFINITION, Kind.INPUT_OBJECT_TYPE_EXTENSION]);

function named(definition: DefinitionNode): definition is FieldsHolder {
  return 'name' in definition && definition.name !== undefined;
}

/**
 * Checks every entry against the SDL and throws a `SchemaDropError` naming the first bad one: it must
 * be `Type.field`, name a field of an object or input type, not a field an interface of that type
 * declares (the schema would be invalid without it), and not leave a type without fields.
 */
export function checkSchemaDrop(sdl: DocumentNode, entries: readonly string[]): void {
  const definitions = sdl.definitions.filter(named);
  const remaining = new Map<string, number>();
  for (const entry of entries) {
    const match = ENTRY.exec(entry);
    if (!match) throw new SchemaDropError(entry, 'it is not of the form Type.field');
    const [, typeName, fieldName] = match;
    const ofType = definitions.filter((d) => d.name.value === typeName);
    if (ofType.length === 0) throw new SchemaDropError(entry, `the contract schema has no type ${typeName}`);
    const holders = ofType.filter((d) => OBJECT_KINDS.has(d.kind) || INPUT_KINDS.has(d.kind));
    if (holders.length === 0) throw new SchemaDropError(entry, `${typeName} is not an object or input type`);
    const fields = holders.flatMap((d) => d.fields ?? []);
    if (!fields.some((f) => f.name.value === fieldName)) throw new SchemaDropError(entry, `${typeName} has no field ${fieldName}`);
    const declaredBy = interfacesOf(holders).find((name) => interfaceFields(definitions, name).includes(fieldName));
    if (declaredBy) throw new SchemaDropError(entry, `the interface ${declaredBy} that ${typeName} implements declares it`);
    const left = (remaining.get(typeName) ?? fields.length) - 1;
    if (left === 0) throw new SchemaDropError(entry, `${typeName} would have no field left`);
    remaining.set(typeName, left);
  }
}

function interfacesOf(holders: readonly FieldsHolder[]): string[] {
  return holders.flatMap((d) => ((d as { interfaces?: readonly NamedTypeNode[] }).interfaces ?? []).map((i) => i.name.value));
}

function interfaceFields(definitions: readonly FieldsHolder[], name: string): string[] {
  return definitions
    .filter((d) => d.name.value === name && (d.kind === Kind.INTERFACE_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_EXTENSION))
    .flatMap((d) => (d.fields ?? []).map((f) => f.name.value));
}

/** The SDL without the dropped fields (entries already checked). */
export function withoutFields(sdl: DocumentNode, entries: readonly string[]): DocumentNode {
  if (entries.length === 0) return sdl;
  const dropped = new Set(entries);
  return {
    ...sdl,
    definitions: sdl.definitions.map((definition) => {
      if (!named(definition) || !(OBJECT_KINDS.has(definition.kind) || INPUT_KINDS.has(definition.kind))) return definition;
      const typeName = definition.name.value;
      const fields = definition.fields?.filter((field) => !dropped.has(`${typeName}.${field.name.value}`));
      return fields?.length === definition.fields?.length ? definition : ({ ...definition, fields } as DefinitionNode);
    }),
  };
}
