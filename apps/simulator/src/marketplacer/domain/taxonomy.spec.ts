import { globalId } from '../state/global-id.js';
import { seedState } from '../state/seed.js';
import { deleteOptionValue, upsertOptionType, upsertOptionValue } from './taxonomy.js';

describe('option types and values', () => {
  it('fires create, then update, for an option type and for a value', () => {
    const state = seedState({ sellers: 2, adverts: 5, invoices: 0 });
    const events: string[] = [];
    state.onChange((e) => events.push(`${e.entity}:${e.eventName}`));
    const type = upsertOptionType(state, { name: 'Voltagem', appliedTo: 'VARIANT', fieldType: 'SINGLE_SELECT' }).optionType!;
    const typeId = globalId('OptionType', type.legacyId);
    const value = upsertOptionValue(state, { name: '110V', optionTypeId: typeId }).optionValue!;
    upsertOptionType(state, { id: typeId, displayName: 'Tensão' });
    upsertOptionValue(state, { id: globalId('OptionValue', value.legacyId), displayName: '110 V' });
    expect(events).toEqual(['OptionType:create', 'OptionValue:create', 'OptionType:update', 'OptionValue:update']);
  });

  it('deletes a value: gone from its type and from node, OptionValue destroy then OptionType update; an unknown or blank id changes nothing', () => {
    const state = seedState({ sellers: 2, adverts: 5, invoices: 0 });
    const type = upsertOptionType(state, { name: 'Voltagem' }).optionType!;
    const typeId = globalId('OptionType', type.legacyId);
    const kept = upsertOptionValue(state, { name: '110V', optionTypeId: typeId }).optionValue!;
    const gone = upsertOptionValue(state, { name: '220V', optionTypeId: typeId }).optionValue!;
    const events: string[] = [];
    state.onChange((e) => events.push(`${e.entity}:${e.eventName}:${e.legacyId}`));

    expect(deleteOptionValue(state, { id: globalId('OptionValue', 999_999) }).status).toBe(404);
    expect(deleteOptionValue(state, { id: ' ' }).errors).toEqual([{ field: 'id', messages: ["can't be blank"] }]);
    expect(events).toEqual([]);

    expect(deleteOptionValue(state, { id: globalId('OptionValue', gone.legacyId) }).errors).toEqual([]);
    expect(type.optionValueIds).toEqual([kept.legacyId]);
    expect(state.find('OptionValue', gone.legacyId)).toBeUndefined();
    expect(events).toEqual([`OptionValue:destroy:${gone.legacyId}`, `OptionType:update:${type.legacyId}`]);
    expect(deleteOptionValue(state, { id: globalId('OptionValue', gone.legacyId) }).status).toBe(404);
  });
});
