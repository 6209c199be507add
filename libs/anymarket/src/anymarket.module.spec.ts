import { jest } from '@jest/globals';
import { Controller, type INestApplication, Logger, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AdminCredential, AnswersBareFalseOnError, AnymarketRoute, AnymarketTokenGuard, CoreModule, loadConfig } from '#common';
import { anymarketConfigShape } from './anymarket.config.js';
import { AnymarketModule } from './anymarket.module.js';
import { AnymarketMarketplaceApi } from './client/anymarket-marketplace-api.port.js';
import { Strategy as JwtStrategy } from 'passport-jwt';
import { AnymarketTokenPassportGuard } from './token/anymarket-token.guard.js';
import { AnymarketTokenStrategy } from './token/anymarket-token.strategy.js';
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

/** The module in a real Nest app: the global access guard finds the token guard and guards `@AnymarketRoute()`s. */
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

  it('provides the token guard (AuthGuard over the passport-jwt strategy) and the client ports', () => {
    expect(app.get(AnymarketTokenGuard)).toBeInstanceOf(AnymarketTokenPassportGuard);
    expect(app.get(AnymarketTokenStrategy)).toBeInstanceOf(JwtStrategy);
    expect(app.get(AnymarketMarketplaceApi)).toBeDefined();
  });

  it('lets a valid x-anymarket-token through and hands the caller to the handler', async () => {
    const res = await request(app.getHttpServer())
      .post('/probe')
      .set('x-anymarket-token', signAnymarketToken({ oi: '22449504.' }))
      .expect(201);
    expect(res.body).toMatchObject({ oi: '22449504.' });
  });

  it('logs a refusal once, with the reason and never the token', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const expired = signAnymarketToken({ oi: '22449504.', exp: Math.floor(Date.now() / 1000) - 3600 });
      await request(app.getHttpServer()).post('/probe').set('x-anymarket-token', expired).expect(401);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toMatchObject({
        code: 'UNAUTHENTICATED',
        status: 401,
        path: '/probe',
        cause: { name: 'AnymarketTokenRejection', message: 'expired' },
      });
      for (const part of expired.split('.')) expect(JSON.stringify(warn.mock.calls)).not.toContain(part);
    } finally {
      warn.mockRestore();
    }
  });

  it('answers 401 without a valid token, and bare false on activation-style remotes', async () => {
    await request(app.getHttpServer()).post('/probe').expect(401);
    await request(app.getHttpServer()).post('/probe').set('x-anymarket-token', 'x.y.z').expect(401);
    const bare = await request(app.getHttpServer()).post('/probe-bare').expect(401);
    expect(bare.body).toBe(false);
  });
});
