import type { MarketplacerState } from '../state/marketplacer-state.js';
import type { OptionTypeAppliedTo, OptionTypeFieldType, OptionTypeRecord, OptionValueRecord, PrototypeRecord, TaxonRecord } from '../state/records.js';
import { FieldErrors, isBlank, keyValues, lookup, ok, type KeyValueInput, type Outcome } from './payload.js';

/** The four taxonomy mutations: each creates when `id` is omitted and updates when it is given. */

export function upsertTaxon(
  state: MarketplacerState,
  input: {
    id?: string | null;
    displayName?: string | null;
    title?: string | null;
    prototypeId?: string | null;
    parentId?: string | null;
    externalIds?: KeyValueInput[] | null;
  },
): Outcome & { taxon: TaxonRecord | null } {
  const errors = new FieldErrors();
  const existing = lookup(errors, 'id', input.id, 'Taxon', state.taxons);
  const prototype = lookup(errors, 'prototypeId', input.prototypeId, 'Prototype', state.prototypes);
  const parent = lookup(errors, 'parentId', input.parentId, 'Taxon', state.taxons);
  if (errors.any) return { ...errors.outcome(), taxon: null };
  const creating = !existing;
  if (creating ? isBlank(input.displayName) : input.displayName !== undefined && isBlank(input.displayName)) errors.add('displayName', "can't be blank");
  const prototypeId = prototype?.legacyId ?? existing?.prototypeId ?? parent?.prototypeId;
  if (prototypeId === undefined) errors.add('prototypeId', "can't be blank");
  if (existing && parent && isSelfOrDescendant(state, parent.legacyId, existing.legacyId))
    errors.add('parentId', 'cannot be the taxon itself or one of its descendants');
  if (errors.any) return { ...errors.outcome(), taxon: null };

  const now = state.now();
  const taxon: TaxonRecord = existing ?? {
    kind: 'Taxon',
    legacyId: state.nextId('Taxon'),
    displayName: '',
    title: '',
    parentId: null,
    prototypeId: prototypeId!,
    externalIds: [],
    updatedAt: now,
  };
  if (input.displayName) taxon.displayName = input.displayName.trim();
  if (input.title) taxon.title = input.title.trim();
  else if (creating) taxon.title = taxon.displayName.toLowerCase();
  if (input.parentId !== undefined) taxon.parentId = parent?.legacyId ?? null;
  taxon.prototypeId = prototypeId!;
  if (input.externalIds) taxon.externalIds = keyValues(input.externalIds);
  taxon.updatedAt = now;
  state.taxons.set(taxon.legacyId, taxon);
  state.emit('Taxon', taxon.legacyId, creating ? 'create' : 'update');
  return { ...ok(), taxon };
}

function isSelfOrDescendant(state: MarketplacerState, candidate: number, ancestor: number): boolean {
  for (let id: number | null = candidate, depth = 0; id !== null && depth < 50; depth++) {
    if (id === ancestor) return true;
    id = state.taxons.get(id)?.parentId ?? null;
  }
  return false;
}

export function upsertPrototype(
  state: MarketplacerState,
  input: { id?: string | null; name?: string | null; externalIds?: KeyValueInput[] | null },
): Outcome & { prototype: PrototypeRecord | null } {
  const errors = new FieldErrors();
  const existing = lookup(errors, 'id', input.id, 'Prototype', state.prototypes);
  if (!errors.any && (existing ? input.name !== undefined && isBlank(input.name) : isBlank(input.name))) errors.add('name', "can't be blank");
  if (errors.any) return { ...errors.outcome(), prototype: null };
  const prototype: PrototypeRecord = existing ?? { kind: 'Prototype', legacyId: state.nextId('Prototype'), name: '', optionTypeIds: [], externalIds: [] };
  if (input.name) prototype.name = input.name.trim();
  if (input.externalIds) prototype.externalIds = keyValues(input.externalIds);
  state.prototypes.set(prototype.legacyId, prototype);
  return { ...ok(), prototype };
}

type Purpose = 'VARIANT' | 'FEATURE' | 'PRODUCT_DETAILS_TEXT' | 'PRODUCT_DETAILS_SELECT';

/** The deprecated `category` mapped onto appliedTo + fieldType. */
const PURPOSE: Record<Purpose, [OptionTypeAppliedTo, OptionTypeFieldType]> = {
  VARIANT: ['VARIANT', 'SINGLE_SELECT'],
  FEATURE: ['ADVERT', 'SINGLE_SELECT'],
  PRODUCT_DETAILS_TEXT: ['ADVERT', 'FREE_TEXT'],
  PRODUCT_DETAILS_SELECT: ['ADVERT', 'SINGLE_SELECT'],
};

export function upsertOptionType(
  state: MarketplacerState,
  input: {
    id?: string | null;
    name?: string | null;
    displayName?: string | null;
    optional?: boolean | null;
    category?: Purpose | null;
    appliedTo?: OptionTypeAppliedTo | null;
    fieldType?: OptionTypeFieldType | null;
    prototypeIds?: string[] | null;
    prototypeIdsToRemove?: string[] | null;
    externalIds?: KeyValueInput[] | null;
  },
): Outcome & { optionType: OptionTypeRecord | null } {
  const errors = new FieldErrors();
  const existing = lookup(errors, 'id', input.id, 'OptionType', state.optionTypes);
  const adding = (input.prototypeIds ?? []).map((id, i) => lookup(errors, `prototypeIds[${i}]`, id, 'Prototype', state.prototypes));
  const removing = (input.prototypeIdsToRemove ?? []).map((id, i) => lookup(errors, `prototypeIdsToRemove[${i}]`, id, 'Prototype', state.prototypes));
  if (!errors.any && (existing ? input.name !== undefined && isBlank(input.name) : isBlank(input.name))) errors.add('name', "can't be blank");
  if (errors.any) return { ...errors.outcome(), optionType: null };

  const [categoryAppliedTo, categoryFieldType] = input.category ? PURPOSE[input.category] : [undefined, undefined];
  const appliedTo = input.appliedTo ?? categoryAppliedTo ?? existing?.appliedTo ?? 'VARIANT';
  const fieldType = input.fieldType ?? categoryFieldType ?? existing?.fieldType ?? 'SINGLE_SELECT';
  const optionType: OptionTypeRecord = existing ?? {
    kind: 'OptionType',
    legacyId: state.nextId('OptionType'),
    name: '',
    displayName: '',
    position: state.optionTypes.size,
    appliedTo,
    fieldType,
    // Documented default: true for advert single_select and advert free_text, else false.
    optional: appliedTo === 'ADVERT',
    optionValueIds: [],
    externalIds: [],
  };
  if (input.name) optionType.name = input.name.trim();
  if (input.displayName) optionType.displayName = input.displayName.trim();
  else if (!existing) optionType.displayName = optionType.name;
  optionType.appliedTo = appliedTo;
  optionType.fieldType = fieldType;
  if (input.optional !== undefined && input.optional !== null) optionType.optional = input.optional;
  if (input.externalIds) optionType.externalIds = keyValues(input.externalIds);
  state.optionTypes.set(optionType.legacyId, optionType);
  for (const prototype of adding) if (prototype && !prototype.optionTypeIds.includes(optionType.legacyId)) prototype.optionTypeIds.push(optionType.legacyId);
  for (const prototype of removing) if (prototype) prototype.optionTypeIds = prototype.optionTypeIds.filter((id) => id !== optionType.legacyId);
  state.emit('OptionType', optionType.legacyId, existing ? 'update' : 'create');
  return { ...ok(), optionType };
}

export function upsertOptionValue(
  state: MarketplacerState,
  input: {
    id?: string | null;
    name?: string | null;
    displayName?: string | null;
    optionTypeId?: string | null;
    position?: number | null;
    externalIds?: KeyValueInput[] | null;
  },
): Outcome & { optionValue: OptionValueRecord | null } {
  const errors = new FieldErrors();
  const existing = lookup(errors, 'id', input.id, 'OptionValue', state.optionValues);
  const optionType = lookup(errors, 'optionTypeId', input.optionTypeId, 'OptionType', state.optionTypes);
  if (!errors.any && !existing) {
    if (isBlank(input.name)) errors.add('name', "can't be blank");
    if (!optionType) errors.add('optionTypeId', "can't be blank");
  }
  if (existing && input.name !== undefined && isBlank(input.name)) errors.add('name', "can't be blank");
  if (errors.any) return { ...errors.outcome(), optionValue: null };

  const type = optionType ?? state.optionTypes.get(existing!.optionTypeId)!;
  const value: OptionValueRecord = existing ?? {
    kind: 'OptionValue',
    legacyId: state.nextId('OptionValue'),
    optionTypeId: type.legacyId,
    name: '',
    displayName: '',
    position: type.optionValueIds.length,
    externalIds: [],
  };
  if (existing && type.legacyId !== existing.optionTypeId) {
    const previous = state.optionTypes.get(existing.optionTypeId);
    if (previous) previous.optionValueIds = previous.optionValueIds.filter((id) => id !== existing.legacyId);
  }
  value.optionTypeId = type.legacyId;
  if (!type.optionValueIds.includes(value.legacyId)) type.optionValueIds.push(value.legacyId);
  if (input.name) value.name = input.name.trim();
  if (input.displayName) value.displayName = input.displayName.trim();
  else if (!existing) value.displayName = value.name;
  if (input.position !== undefined && input.position !== null) value.position = input.position;
  if (input.externalIds) value.externalIds = keyValues(input.externalIds);
  state.optionValues.set(value.legacyId, value);
  state.emit('OptionValue', value.legacyId, existing ? 'update' : 'create');
  return { ...ok(), optionValue: value };
}

/**
 * optionValueDelete (2023 schema; served by the control API only, as no connector document sends it):
 * the value is gone, from its type and from `node`. Fires OptionValue destroy, whose payload is built
 * after the delete, so its query finds no node (INFERRED: Marketplacer publishes no destroy body; the
 * option type has no Deleted* member as adverts and sellers do), and OptionType update for the type
 * that lost it (INFERRED, by analogy with the published matrix: a Variant destroy fires an Advert update).
 * Variants that used the value keep no reference to a value that no longer exists (the resolvers skip it).
 */
export function deleteOptionValue(state: MarketplacerState, input: { id?: string | null }): Outcome & { optionValue: OptionValueRecord | null } {
  const errors = new FieldErrors();
  if (isBlank(input.id)) errors.add('id', "can't be blank");
  const value = isBlank(input.id) ? undefined : lookup(errors, 'id', input.id, 'OptionValue', state.optionValues);
  if (errors.any || !value) return { ...errors.outcome(), optionValue: null };
  const type = state.optionTypes.get(value.optionTypeId);
  if (type) type.optionValueIds = type.optionValueIds.filter((id) => id !== value.legacyId);
  state.optionValues.delete(value.legacyId);
  state.emit('OptionValue', value.legacyId, 'destroy');
  if (type) state.emit('OptionType', type.legacyId, 'update');
  return { ...ok(), optionValue: value };
}
