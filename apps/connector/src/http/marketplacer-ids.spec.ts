import { toGlobalId } from '#marketplacer';
import { legacyIdOf, marketplacerIdOf } from './marketplacer-ids.js';

describe('Marketplacer ids named by operators', () => {
  it('takes a legacy id or a global id of the type, and gives the global id', () => {
    expect(marketplacerIdOf('Invoice', '10363')).toBe(toGlobalId('Invoice', 10363));
    expect(marketplacerIdOf('Invoice', 10363)).toBe(toGlobalId('Invoice', 10363));
    expect(marketplacerIdOf('Invoice', ' SW52b2ljZS0xMDM2Mw== ')).toBe('SW52b2ljZS0xMDM2Mw==');
    expect(legacyIdOf('Invoice', 'SW52b2ljZS0xMDM2Mw==')).toBe(10363);
  });

  it('refuses what names nothing: another type, out of Int range, fractions, signs, text that is not base64', () => {
    for (const bad of [
      toGlobalId('Seller', 78),
      '0',
      '-1',
      '1.5',
      1.5,
      '2147483648',
      '99999999999999999999999',
      '00',
      '',
      ' ',
      'a b',
      '%00',
      'x'.repeat(200),
      null,
      {},
      [],
    ]) {
      expect([bad, marketplacerIdOf('Invoice', bad)]).toEqual([bad, null]);
    }
    expect(legacyIdOf('Invoice', 'bm90LWEtZ2xvYmFsLWlk')).toBeNull();
  });
});
