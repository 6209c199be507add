import { Controller, type INestApplication, Logger, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AdminCredential, AnswersBareFalseOnError, AnymarketRoute, AnymarketTokenVerifier, CoreModule, loadConfig } from '#common';
import { anymarketConfigShape } from './anymarket.config.js';
import { AnymarketModule } from './anymarket.module.js';
import { AnymarketMarketplaceApi } from './client/anymarket-marketplace-api.port.js';
import { AnymarketCaller, type AnymarketIdentity } from './token/anymarket-identity.js';
import { signAnymarketToken } from './token/sign-anymarket-token.js';

@Controller()
class ProbeRemoteController {
  @Post('probe')
  @AnymarketRoute()
  probe(@AnymarketCaller() caller: AnymarketIdentity): AnymarketIdentity {
    return caller;
  }

  @Post('probe-bare')
  @AnymarketRoute()
  @AnswersBareFalseOnError()
  bare(): boolean {
    return true;
  }
}

/** The module in a real Nest app: the global access guard finds the verifier and guards `@AnymarketRoute()`s. */
describe('AnymarketModule', () => {
  let app: INestApplication;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    const config = { ...loadConfig(anymarketConfigShape, {}), demoMode: true, simulatorUrl: 'http://127.0.0.1:1' };
    const module = await Test.createTestingModule({
      imports: [CoreModule.forRoot({ config, adminCredential: AdminCredential.fromConfig(undefined).credential }), AnymarketModule],
      controllers: [ProbeRemoteController],
    }).compile();
    app = module.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(() => app.close());

  it('provides the verifier and the client ports', () => {
    expect(app.get(AnymarketTokenVerifier)).toBeDefined();
    expect(app.get(AnymarketMarketplaceApi)).toBeDefined();
  });

  it('lets a valid x-anymarket-token through and hands the caller to the handler', async () => {
    const res = await request(app.getHttpServer())
      .post('/probe')
      .set('x-anymarket-token', signAnymarketToken({ oi: '22449504.' }))
      .expect(201);
    expect(res.body).toMatchObject({ oi: '22449504.' });
  });

  it('answers 401 without a valid token, and bare false on activation-style remotes', async () => {
    await request(app.getHttpServer()).post('/probe').expect(401);
    await request(app.getHttpServer()).post('/probe').set('x-anymarket-token', 'x.y.z').expect(401);
    const bare = await request(app.getHttpServer()).post('/probe-bare').expect(401);
    expect(bare.body).toBe(false);
  });
});
