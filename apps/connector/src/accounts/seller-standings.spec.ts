import { SellerStandings, type SellerStanding, type SellerStandingSource } from './seller-standings.js';

const MAY_TRADE: SellerStanding = { exists: true, active: true, inactiveReason: null, businessName: 'Acme' };

describe('SellerStandings', () => {
  it('refuses to answer, naming why, until the seller directory has registered', async () => {
    const standings = new SellerStandings();
    await expect(standings.standingOf('U2VsbGVyLTE=')).rejects.toThrow(/Sellers context is not part of this application/);
    await expect(standings.readNow('1')).rejects.toThrow(/Sellers context is not part of this application/);
  });

  it('asks the registered directory', async () => {
    const asked: string[] = [];
    const directory: SellerStandingSource = {
      standingOf: (sellerId) => (asked.push(`standing ${sellerId}`), Promise.resolve(MAY_TRADE)),
      readNow: (reference) => (asked.push(`read ${reference}`), Promise.resolve(null)),
    };
    const standings = new SellerStandings();
    standings.answeredBy(directory);
    expect(await standings.standingOf('U2VsbGVyLTE=')).toEqual(MAY_TRADE);
    expect(await standings.readNow('78')).toBeNull();
    expect(asked).toEqual(['standing U2VsbGVyLTE=', 'read 78']);
  });
});
