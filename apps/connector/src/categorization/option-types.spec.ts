import { entryOf, textEntryFor } from './option-types.js';

const typeOf = (fieldType: string | null, values: Array<{ id: string }> = []) => ({ fieldType, values }) as unknown as Parameters<typeof entryOf>[0];

describe('option type entries (graph-doc fieldtypeenum)', () => {
  it.each([
    ['SINGLE_SELECT', 'select'],
    ['MULTI_SELECT', 'select'],
    ['INTEGER', 'integer'],
    ['DECIMAL', 'decimal'],
    ['FREE_TEXT', 'text'],
  ])('%s is entered as %s', (fieldType, kind) => {
    expect(entryOf(typeOf(fieldType))).toBe(kind);
  });

  it('takes a type copied without a fieldType as a select when it has values, else as text', () => {
    expect(entryOf(typeOf(null, [{ id: 'OV-1' }]))).toBe('select');
    expect(entryOf(typeOf(null))).toBe('text');
  });

  it('gives a number type only a number (a decimal comma becomes a point), a select no text, free text anything but blank', () => {
    expect(textEntryFor(typeOf('INTEGER'), ' 12 ')).toBe('12');
    expect(textEntryFor(typeOf('INTEGER'), '12.5')).toBeNull();
    expect(textEntryFor(typeOf('DECIMAL'), '12,5')).toBe('12.5');
    expect(textEntryFor(typeOf('DECIMAL'), 'twelve')).toBeNull();
    expect(textEntryFor(typeOf('MULTI_SELECT', [{ id: 'OV-1' }]), 'Wi-Fi')).toBeNull();
    expect(textEntryFor(typeOf('FREE_TEXT'), 'hand wash')).toBe('hand wash');
    expect(textEntryFor(typeOf('FREE_TEXT'), '  ')).toBeNull();
  });
});
