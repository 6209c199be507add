import { Global, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { APP_CONFIG, loadConfig } from '#common';
import {
  DEMO_MARKETPLACER_API_KEY,
  MarketplacerCatalog,
  MarketplacerFulfilment,
  MarketplacerModule,
  MarketplacerSellers,
  MarketplacerTaxonomy,
  marketplacerConfigShape,
  type MarketplacerConfig,
} from '#marketplacer';
import { ApolloMarketplacerCatalog } from '../../../../libs/marketplacer/src/adapters/apollo-marketplacer-catalog.js';
import { ApolloMarketplacerFulfilment } from '../../../../libs/marketplacer/src/adapters/apollo-marketplacer-fulfilment.js';
import { ApolloMarketplacerTaxonomy } from '../../../../libs/marketplacer/src/adapters/apollo-marketplacer-taxonomy.js';
import { MarketplacerEndpoint } from '#test-support/simulator/marketplacer-endpoint';

/** The library's MarketplacerModule booted on its configuration, talking to the simulated Marketplacer. */
describe('MarketplacerModule against the simulator', () => {
  let marketplacer: MarketplacerEndpoint | undefined;
  let moduleRef: TestingModule | undefined;

  async function boot(config: MarketplacerConfig): Promise<TestingModule> {
    @Global()
    @Module({ providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] })
    class ConfigModule {}
    return Test.createTestingModule({ imports: [ConfigModule, MarketplacerModule] }).compile();
  }

  afterEach(async () => {
    await moduleRef?.close();
    await marketplacer?.stop();
    moduleRef = marketplacer = undefined;
  });

  it('binds the ports to the Apollo adapters, talking to the simulator with the demo key in demo mode', async () => {
    marketplacer = await MarketplacerEndpoint.start();
    moduleRef = await boot({ ...loadConfig(marketplacerConfigShape, {}), simulatorUrl: marketplacer.sim.baseUrl });
    const seeded = [...marketplacer.state.sellers.values()].find((s) => s.deletedAt === null)!;

    const seller = await moduleRef.get(MarketplacerSellers).findSeller(String(seeded.legacyId));

    expect(seller?.businessName).toBe(seeded.businessName);
    const [sent] = await marketplacer.requests();
    expect(sent.headers.authorization).toBe(`Bearer ${DEMO_MARKETPLACER_API_KEY}`);
    expect(moduleRef.get(MarketplacerCatalog)).toBeInstanceOf(ApolloMarketplacerCatalog);
    expect(moduleRef.get(MarketplacerTaxonomy)).toBeInstanceOf(ApolloMarketplacerTaxonomy);
    expect(moduleRef.get(MarketplacerFulfilment)).toBeInstanceOf(ApolloMarketplacerFulfilment);
  });

  it('uses the configured instance and key', async () => {
    marketplacer = await MarketplacerEndpoint.start({ SIMULATOR_MARKETPLACER_API_KEY: 'operator-key' });
    moduleRef = await boot({
      ...loadConfig(marketplacerConfigShape, {
        MARKETPLACER_API_URL: marketplacer.url,
        MARKETPLACER_API_KEY: 'operator-key',
        MARKETPLACER_AUTH_HEADER: 'api-key',
      }),
      simulatorUrl: 'http://127.0.0.1:1',
    });

    expect(await moduleRef.get(MarketplacerSellers).findSeller('999999')).toBeNull();
    const [sent] = await marketplacer.requests();
    expect(sent.headers['marketplacer-api-key']).toBe('operator-key');
  });
});
