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

/** A single-select type takes only its own values; anything else (free text, unknown) takes text. */
export function takesText(type: OptionTypeView): boolean {
  return type.fieldType !== 'SINGLE_SELECT' && !(type.fieldType === null && type.values.length > 0);
}

export const advertLevel = (types: OptionTypeView[]) => types.filter((type) => type.appliedTo !== 'VARIANT');
export const variantLevel = (types: OptionTypeView[]) => types.filter((type) => type.appliedTo === 'VARIANT');
