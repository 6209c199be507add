import type { MarketplacerOptionType } from '#marketplacer';

/** An option type of a taxon's prototype, as the taxonomy copy keeps it. */
export type OptionTypeView = Pick<MarketplacerOptionType, 'id' | 'name' | 'displayName' | 'fieldType' | 'appliedTo' | 'optional' | 'values'>;

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
const named = (item: { name: string; displayName: string }, names: Array<string | null | undefined>) =>
  names.some((n) => same(item.name, n) || same(item.displayName, n));

/** By Marketplacer id first (what ANYMARKET's mapping screens were given), then by name as a fallback. */
export function findOptionType(types: OptionTypeView[], code: string | null | undefined, name?: string | null): OptionTypeView | undefined {
  return types.find((type) => type.id === code) ?? types.find((type) => named(type, [code, name]));
}

export function findOptionValue(type: OptionTypeView, code: string | null | undefined, name?: string | null): OptionTypeView['values'][number] | undefined {
  return type.values.find((value) => value.id === code) ?? type.values.find((value) => named(value, [code, name]));
}

/**
 * How a value of an option type is entered (graph-doc fieldtypeenum): SINGLE_SELECT and MULTI_SELECT take only
 * their own values; INTEGER and DECIMAL take a typed number; FREE_TEXT takes text. A type copied before its
 * fieldType was known counts as a select when it has values, else as text.
 */
export type EntryKind = 'select' | 'integer' | 'decimal' | 'text';

export function entryOf(type: Pick<OptionTypeView, 'fieldType' | 'values'>): EntryKind {
  switch (type.fieldType as string | null) {
    case 'SINGLE_SELECT':
    case 'MULTI_SELECT':
      return 'select';
    case 'INTEGER':
      return 'integer';
    case 'DECIMAL':
      return 'decimal';
    case 'FREE_TEXT':
      return 'text';
    default:
      return type.values.length > 0 ? 'select' : 'text';
  }
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?\d+(?:[.,]\d+)?$/;

/** The textValue a type takes for `text`, or null when it takes none: a select takes no text, a number type only a number (a decimal comma becomes a point). */
export function textEntryFor(type: Pick<OptionTypeView, 'fieldType' | 'values'>, text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  switch (entryOf(type)) {
    case 'select':
      return null;
    case 'integer':
      return INTEGER.test(trimmed) ? trimmed : null;
    case 'decimal':
      return DECIMAL.test(trimmed) ? trimmed.replace(',', '.') : null;
    case 'text':
      return text;
  }
}

export const advertLevel = (types: OptionTypeView[]) => types.filter((type) => type.appliedTo !== 'VARIANT');
export const variantLevel = (types: OptionTypeView[]) => types.filter((type) => type.appliedTo === 'VARIANT');
