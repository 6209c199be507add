import { Global, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { APP_CONFIG, loadConfig } from '#common';
import { ApolloMarketplacerCatalog } from './adapters/apollo-marketplacer-catalog.js';
import { ApolloMarketplacerFulfilment } from './adapters/apollo-marketplacer-fulfilment.js';
import { ApolloMarketplacerTaxonomy } from './adapters/apollo-marketplacer-taxonomy.js';
import { marketplacerConfigShape } from './marketplacer.config.js';
import { DEMO_MARKETPLACER_API_KEY, type MarketplacerConfig } from './marketplacer-connection.js';
import { MarketplacerModule } from './marketplacer.module.js';
import { MarketplacerCatalog } from './ports/marketplacer-catalog.port.js';
import { MarketplacerFulfilment } from './ports/marketplacer-fulfilment.port.js';
import { MarketplacerSellers } from './ports/marketplacer-sellers.port.js';
import { MarketplacerTaxonomy } from './ports/marketplacer-taxonomy.port.js';
import { sellerNode } from './testing/fixtures.js';
import { answerData, FakeMarketplacerServer } from './testing/fake-marketplacer-server.js';

describe('MarketplacerModule', () => {
  let server: FakeMarketplacerServer;
  let moduleRef: TestingModule;

  async function boot(config: MarketplacerConfig): Promise<TestingModule> {
    @Global()
    @Module({ providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] })
    class ConfigModule {}
    return Test.createTestingModule({ imports: [ConfigModule, MarketplacerModule] }).compile();
  }

  beforeEach(async () => {
    server = await FakeMarketplacerServer.start();
  });

  afterEach(async () => {
    await moduleRef?.close();
    await server.close();
  });

  it('binds the ports to the Apollo adapters, talking to the simulator with the demo key in demo mode', async () => {
    const simulatorUrl = server.url.replace(/\/graphql$/, '');
    moduleRef = await boot({ ...loadConfig(marketplacerConfigShape, {}), simulatorUrl });
    server.script(answerData({ node: sellerNode(78) }));

    const seller = await moduleRef.get(MarketplacerSellers).findSeller('78');

    expect(seller?.businessName).toBe('Seller 78');
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${DEMO_MARKETPLACER_API_KEY}`);
    expect(moduleRef.get(MarketplacerCatalog)).toBeInstanceOf(ApolloMarketplacerCatalog);
    expect(moduleRef.get(MarketplacerTaxonomy)).toBeInstanceOf(ApolloMarketplacerTaxonomy);
    expect(moduleRef.get(MarketplacerFulfilment)).toBeInstanceOf(ApolloMarketplacerFulfilment);
  });

  it('uses the configured instance and key', async () => {
    moduleRef = await boot({
      ...loadConfig(marketplacerConfigShape, { MARKETPLACER_API_URL: server.url, MARKETPLACER_API_KEY: 'operator-key', MARKETPLACER_AUTH_HEADER: 'api-key' }),
      simulatorUrl: 'http://127.0.0.1:1',
    });
    server.script(answerData({ node: null }));

    expect(await moduleRef.get(MarketplacerSellers).findSeller('1')).toBeNull();
    expect(server.requests[0].headers['marketplacer-api-key']).toBe('operator-key');
  });
});
