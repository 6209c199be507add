import { fromGlobalId, resolveGlobalId, toGlobalId } from './global-id.js';

describe('global ids', () => {
  it('encodes base64("<Type>-<legacyId>") as Marketplacer does', () => {
    expect(toGlobalId('Seller', 78)).toBe('U2VsbGVyLTc4');
    expect(toGlobalId('Invoice', '10363')).toBe('SW52b2ljZS0xMDM2Mw==');
  });

  it('decodes documented ids, with or without padding', () => {
    expect(fromGlobalId('U2VsbGVyLTc4')).toEqual({ type: 'Seller', legacyId: 78 });
    expect(fromGlobalId('SW52b2ljZS0xMDM2Mw==')).toEqual({ type: 'Invoice', legacyId: 10363 });
    expect(fromGlobalId('SW52b2ljZS0xMDM2Mw')).toEqual({ type: 'Invoice', legacyId: 10363 });
  });

  it.each(['', '78', 'not base64!', Buffer.from('Seller78').toString('base64'), Buffer.from('seller-78').toString('base64')])('returns null for %j', (id) => {
    expect(fromGlobalId(id)).toBeNull();
  });

  it('resolves a legacy id or a global id of the expected type', () => {
    expect(resolveGlobalId('Seller', '78')).toBe('U2VsbGVyLTc4');
    expect(resolveGlobalId('Seller', 78)).toBe('U2VsbGVyLTc4');
    expect(resolveGlobalId('Seller', ' U2VsbGVyLTc4 ')).toBe('U2VsbGVyLTc4');
  });

  it('refuses empty references and global ids of another type, and passes opaque ids through', () => {
    expect(resolveGlobalId('Seller', '  ')).toBeNull();
    expect(resolveGlobalId('Seller', 'SW52b2ljZS0xMDM2Mw==')).toBeNull();
    expect(resolveGlobalId('Seller', 'opaque-id-from-marketplacer')).toBe('opaque-id-from-marketplacer');
  });
});
