import { decodeGlobalId, globalId, legacyIdOf } from './global-id.js';

describe('global ids', () => {
  it('encode base64("<Type>-<id>") like Marketplacer', () => {
    expect(globalId('Seller', 78)).toBe('U2VsbGVyLTc4');
    expect(globalId('Invoice', 10363)).toBe('SW52b2ljZS0xMDM2Mw==');
  });

  it('decode only well-formed ids', () => {
    expect(decodeGlobalId('U2VsbGVyLTc4')).toEqual({ type: 'Seller', legacyId: 78 });
    expect(decodeGlobalId('not base64!')).toBeUndefined();
    expect(decodeGlobalId(Buffer.from('Seller78').toString('base64'))).toBeUndefined();
    expect(decodeGlobalId('')).toBeUndefined();
  });

  it('check the type', () => {
    expect(legacyIdOf('U2VsbGVyLTc4', 'Seller')).toBe(78);
    expect(legacyIdOf('U2VsbGVyLTc4', 'Advert')).toBeUndefined();
  });
});
