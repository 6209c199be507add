import { createHmac, generateKeyPairSync, type KeyObject, sign as rsaSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { jest } from '@jest/globals';
import { ConsoleLogger, type ExecutionContext, Logger } from '@nestjs/common';
import type { Request } from 'express';
import jwt from 'jsonwebtoken';
import passport from 'passport';
import { Strategy as JwtStrategy } from 'passport-jwt';
import { loadConfig } from '#common';
import { anymarketConfigShape, resolveAnymarketSettings, type AnymarketSettings } from '../anymarket.config.js';
import { ANYMARKET_IDENTITY, type RequestWithAnymarketIdentity } from './anymarket-identity.js';
import { DEVELOPMENT_ONLY_PRIVATE_KEY_PEM, DEVELOPMENT_ONLY_PUBLIC_KEY_PEM } from './dev-keys/development-only-keys.js';
import { AnymarketTokenPassportGuard } from './anymarket-token.guard.js';
import { AnymarketTokenStrategy } from './anymarket-token.strategy.js';
import { VerifiedAnymarketTokens } from './verified-anymarket-tokens.js';
import { signAnymarketToken } from './sign-anymarket-token.js';

const AUTH_DIR = resolve(process.cwd(), '../shared/anymarket/auth');
const SAMPLE_TOKEN = readFileSync(resolve(AUTH_DIR, 'sample-x-anymarket-token.jwt'), 'utf8').trim();
const ANYMARKET_PEM = readFileSync(resolve(AUTH_DIR, 'anymarket-remote-jwt-public-key.pem'), 'utf8');

function settingsFor(demoMode: boolean, env: Record<string, string> = {}): AnymarketSettings {
  const values = loadConfig(anymarketConfigShape, { ANYMARKET_APP_ID: 'app', ...env });
  return resolveAnymarketSettings({ ...values, demoMode, simulatorUrl: 'http://127.0.0.1:3001' });
}

const strategies: AnymarketTokenStrategy[] = [];

/** The guard as the module wires it (cache, strategy, AuthGuard), driven with a request. */
function verifierFor(settings: AnymarketSettings, nowSeconds?: () => number) {
  const verified = new VerifiedAnymarketTokens(settings, nowSeconds);
  const strategy = new AnymarketTokenStrategy(settings, verified);
  strategies.push(strategy);
  const guard = new AnymarketTokenPassportGuard(strategy, verified);
  return {
    strategy,
    verified,
    verify: (req: Request) => guard.canActivate(contextOf(req)),
    check: (req: Pick<Request, 'headers'>) => guard.check(contextOf(req as Request)),
  };
}

function contextOf(req: Request): ExecutionContext {
  return { switchToHttp: () => ({ getRequest: () => req, getResponse: () => ({}) }) } as unknown as ExecutionContext;
}

function requestWith(token?: string): Request & RequestWithAnymarketIdentity {
  return { headers: token === undefined ? {} : { 'x-anymarket-token': token }, path: '/testIntegration' } as unknown as Request & RequestWithAnymarketIdentity;
}

const now = () => Math.floor(Date.now() / 1000);
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('AnymarketTokenPassportGuard (AuthGuard over the passport-jwt AnymarketTokenStrategy, the verified-token cache in front)', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => {
    Logger.overrideLogger(new ConsoleLogger());
    for (const strategy of strategies) strategy.onModuleDestroy();
  });

  const demo = verifierFor(settingsFor(true));

  it('accepts a token signed with the trusted key and leaves the identity, oi verbatim, on the request', async () => {
    const req = requestWith(signAnymarketToken({ oi: '22449504.', organization: 'Loja X', login: 'ana@x.example', ip: '10.0.0.1' }));
    await expect(demo.verify(req)).resolves.toBe(true);
    expect(req[ANYMARKET_IDENTITY]).toEqual({ oi: '22449504.', organization: 'Loja X', login: 'ana@x.example', ip: '10.0.0.1' });
  });

  it('keeps only string optional claims and no other claims', async () => {
    const check = await demo.check(requestWith(signAnymarketToken({ oi: '7.', organization: 42 as unknown as string, extra: 'x' } as never)));
    expect(check).toEqual({ ok: true, identity: { oi: '7.', login: 'demo@anymarket.example', ip: '127.0.0.1' } });
  });

  describe("with ANYMARKET's published RSA-1024 key", () => {
    const published = settingsFor(false);

    it('is the default outside demo mode, and the published sample verifies with it', async () => {
      expect(published.publicKeySource).toBe('anymarket-published');
      expect(published.publicKey.asymmetricKeyDetails?.modulusLength).toBe(1024);
      const payload = jwt.verify(SAMPLE_TOKEN, published.publicKey, { algorithms: ['RS256'], ignoreExpiration: true }) as jwt.JwtPayload;
      expect(payload.oi).toBe('22449504.');
    });

    it('rejects the published sample as expired (its signature is good)', async () => {
      expect(await verifierFor(published).check(requestWith(SAMPLE_TOKEN))).toMatchObject({ ok: false, rejection: { reason: 'expired' } });
    });

    it('rejects the sample with a tampered payload for its signature, before looking at expiry', async () => {
      const [header, , signature] = SAMPLE_TOKEN.split('.');
      const tampered = `${header}.${base64url({ oi: '99999.', exp: now() + 600 })}.${signature}`;
      expect(await verifierFor(published).check(requestWith(tampered))).toMatchObject({ ok: false, rejection: { reason: 'bad signature' } });
    });

    it('accepts the same key configured as PEM', async () => {
      const configured = settingsFor(false, { ANYMARKET_PUBLIC_KEY: ANYMARKET_PEM });
      expect(configured.publicKeySource).toBe('configured');
      expect(await verifierFor(configured).check(requestWith(SAMPLE_TOKEN))).toMatchObject({ ok: false, rejection: { reason: 'expired' } });
    });

    it('does not trust the development key outside demo mode', async () => {
      expect(await verifierFor(published).check(requestWith(signAnymarketToken()))).toMatchObject({
        ok: false,
        rejection: { reason: 'bad signature' },
      });
    });
  });

  it('trusts the development key outside demo mode only when it is configured', async () => {
    const configured = verifierFor(settingsFor(false, { ANYMARKET_PUBLIC_KEY: DEVELOPMENT_ONLY_PUBLIC_KEY_PEM }));
    expect(await configured.check(requestWith(signAnymarketToken()))).toMatchObject({ ok: true });
  });

  describe('rejects', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const sign = (payload: object, key: jwt.Secret = DEVELOPMENT_ONLY_PRIVATE_KEY_PEM, options: jwt.SignOptions = { algorithm: 'RS256' }) =>
      jwt.sign(payload, key, options);
    const valid = signAnymarketToken();
    const [validHeader, validPayload, validSignature] = valid.split('.');

    it.each<[string, string | undefined, string]>([
      ['a missing header', undefined, 'missing token'],
      ['an empty header', '', 'missing token'],
      ['a malformed token', 'not-a-jwt', 'malformed'],
      ['garbage in three parts', 'a.b.c', 'malformed'],
      ['alg none', `${base64url({ alg: 'none', typ: 'JWT' })}.${validPayload}.`, 'unsigned'],
      ['alg none with a signature', `${base64url({ alg: 'none', typ: 'JWT' })}.${validPayload}.${validSignature}`, 'algorithm not allowed'],
      [
        'HS256 signed with the public key as the secret',
        sign({ oi: '1.', exp: now() + 60 }, DEVELOPMENT_ONLY_PUBLIC_KEY_PEM, { algorithm: 'HS256' }),
        'algorithm not allowed',
      ],
      ['RS512', sign({ oi: '1.', exp: now() + 60 }, DEVELOPMENT_ONLY_PRIVATE_KEY_PEM, { algorithm: 'RS512' }), 'algorithm not allowed'],
      ['a token signed with another key', sign({ oi: '1.', exp: now() + 60 }, other.privateKey), 'bad signature'],
      ['an expired token', sign({ oi: '1.', exp: now() - 3600 }), 'expired'],
      ['a token expired beyond the clock tolerance', sign({ oi: '1.', exp: now() - 60 }), 'expired'],
      ['a tampered payload', `${validHeader}.${base64url({ oi: '99999.', exp: now() + 60 })}.${validSignature}`, 'bad signature'],
      ['a token without exp', sign({ oi: '1.' }), 'missing exp'],
      ['a token without oi', sign({ exp: now() + 60 }), 'missing oi'],
      ['an empty oi', sign({ oi: '', exp: now() + 60 }), 'missing oi'],
      ['a numeric oi', sign({ oi: 22449504, exp: now() + 60 }), 'missing oi'],
      ['an oi with a NUL', sign({ oi: '2244\u00009504.', exp: now() + 60 }), 'unusable oi'],
      ['an oi with a line break', sign({ oi: '2244\n9504.', exp: now() + 60 }), 'unusable oi'],
      ['an oi longer than its column', sign({ oi: `${'9'.repeat(64)}.`, exp: now() + 60 }), 'unusable oi'],
    ])('%s', async (_case, token, reason) => {
      const req = requestWith(token);
      expect(await demo.check(req)).toMatchObject({ ok: false, rejection: { reason } });
      await expect(demo.verify(req)).rejects.toMatchObject({ name: 'AnymarketTokenRejection', reason });
      expect(req[ANYMARKET_IDENTITY]).toBeUndefined();
    });

    describe('forged headers and shapes (the key is pinned: kid, jku, x5u, jwk and x5c are never followed)', () => {
      const claims = { oi: '1.', exp: now() + 600 };
      const rs256 = (header: object, payload: object | string, key: KeyObject | string = DEVELOPMENT_ONLY_PRIVATE_KEY_PEM) => {
        const input = `${base64url(header)}.${typeof payload === 'string' ? Buffer.from(payload).toString('base64url') : base64url(payload)}`;
        return `${input}.${rsaSign('sha256', Buffer.from(input), key).toString('base64url')}`;
      };
      const hs = (alg: 'HS256' | 'HS384' | 'HS512') => {
        const input = `${base64url({ alg, typ: 'JWT' })}.${validPayload}`;
        return `${input}.${createHmac(`sha${alg.slice(2)}`, DEVELOPMENT_ONLY_PUBLIC_KEY_PEM)
          .update(input)
          .digest('base64url')}`;
      };

      it.each<[string, () => string, string]>([
        ['kid naming a key of the attacker', () => rs256({ alg: 'RS256', kid: 'attacker' }, claims, other.privateKey), 'bad signature'],
        ['kid with a path traversal', () => rs256({ alg: 'RS256', kid: '../../../dev/null' }, claims, other.privateKey), 'bad signature'],
        ['jku pointing at the attacker', () => rs256({ alg: 'RS256', jku: 'https://attacker.example/jwks.json' }, claims, other.privateKey), 'bad signature'],
        ['x5u pointing at the attacker', () => rs256({ alg: 'RS256', x5u: 'https://attacker.example/cert.pem' }, claims, other.privateKey), 'bad signature'],
        [
          'an embedded jwk of the attacker',
          () => rs256({ alg: 'RS256', jwk: other.publicKey.export({ format: 'jwk' }) }, claims, other.privateKey),
          'bad signature',
        ],
        ['an embedded x5c chain', () => rs256({ alg: 'RS256', x5c: ['MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A'] }, claims, other.privateKey), 'bad signature'],
        ['HS384 keyed with the public key PEM', () => hs('HS384'), 'algorithm not allowed'],
        ['HS512 keyed with the public key PEM', () => hs('HS512'), 'algorithm not allowed'],
        ['PS256 signed with the trusted key', () => sign(claims, DEVELOPMENT_ONLY_PRIVATE_KEY_PEM, { algorithm: 'PS256' }), 'algorithm not allowed'],
        [
          'an ES256 header over an RS256 signature',
          () => `${base64url({ alg: 'ES256', typ: 'JWT' })}.${validPayload}.${validSignature}`,
          'algorithm not allowed',
        ],
        ['no alg at all', () => rs256({ typ: 'JWT' }, claims), 'algorithm not allowed'],
        ['alg NONE', () => `${base64url({ alg: 'NONE', typ: 'JWT' })}.${validPayload}.`, 'unsigned'],
        ['alg None', () => `${base64url({ alg: 'None' })}.${validPayload}.`, 'unsigned'],
        ['the signature cut short', () => `${validHeader}.${validPayload}.${validSignature.slice(0, 100)}`, 'bad signature'],
        ['the signature removed', () => `${validHeader}.${validPayload}.`, 'unsigned'],
        ['two parts only', () => `${validHeader}.${validPayload}`, 'malformed'],
        ['four parts', () => `${valid}.x`, 'malformed'],
        [
          'a valid signature moved onto another payload',
          () => `${validHeader}.${base64url({ oi: '2.', exp: now() + 600 })}.${validSignature}`,
          'bad signature',
        ],
        ['a header that is not JSON', () => `${Buffer.from('not json').toString('base64url')}.${validPayload}.${validSignature}`, 'malformed'],
        ['a payload that is not JSON', () => rs256({ alg: 'RS256' }, 'not json'), 'malformed'],
        ['a payload that is a JSON string', () => rs256({ alg: 'RS256' }, '"22449504."'), 'malformed'],
        ['a payload that is a JSON array', () => rs256({ alg: 'RS256' }, [1, 2] as unknown as object), 'missing exp'],
        ['exp as a string', () => rs256({ alg: 'RS256' }, { oi: '1.', exp: String(now() + 600) }), 'invalid'],
        ['exp at the epoch', () => rs256({ alg: 'RS256' }, { oi: '1.', exp: 1 }), 'expired'],
        ['nbf in the future', () => rs256({ alg: 'RS256' }, { ...claims, nbf: now() + 3600 }), 'not yet valid'],
        ['nbf that is not a number', () => rs256({ alg: 'RS256' }, { ...claims, nbf: 'soon' }), 'invalid'],
        ['oi as an object', () => rs256({ alg: 'RS256' }, { oi: { id: '1.' }, exp: now() + 600 }), 'missing oi'],
        ['oi as an array', () => rs256({ alg: 'RS256' }, { oi: ['1.'], exp: now() + 600 }), 'missing oi'],
        ['oi with a DEL', () => rs256({ alg: 'RS256' }, { oi: '1\u007f.', exp: now() + 600 }), 'unusable oi'],
        ['a Bearer prefix', () => `Bearer ${valid}`, 'malformed'],
        ['leading spaces', () => `  ${valid}`, 'malformed'],
        ['100 KB of garbage', () => 'x'.repeat(100_000), 'malformed'],
      ])('%s', async (_case, token, reason) => {
        const req = requestWith(token());
        expect(await demo.check(req)).toMatchObject({ ok: false, rejection: { reason } });
        expect(req[ANYMARKET_IDENTITY]).toBeUndefined();
      });

      it('ignores kid and jku on a token the trusted key signed (nothing is fetched, the key stays pinned)', async () => {
        const req = requestWith(rs256({ alg: 'RS256', typ: 'JWT', kid: 'other', jku: 'https://attacker.example/jwks.json' }, claims));
        expect(await demo.check(req)).toEqual({ ok: true, identity: { oi: '1.' } });
      });
    });

    it('accepts a token expired within the clock tolerance (30 s by default)', async () => {
      expect(await demo.check(requestWith(sign({ oi: '1.', exp: now() - 10 })))).toMatchObject({ ok: true });
    });
  });

  it('refuses with the reason, never the token, and leaves the one log line to the exception filter', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const token = jwt.sign({ oi: '1.', exp: now() - 3600 }, DEVELOPMENT_ONLY_PRIVATE_KEY_PEM, { algorithm: 'RS256' });
      const refusal = await demo.verify(requestWith(token)).catch((error: unknown) => error);
      expect(refusal).toMatchObject({ name: 'AnymarketTokenRejection', reason: 'expired', message: 'expired' });
      expect(JSON.stringify({ ...(refusal as object), message: (refusal as Error).message })).not.toContain(token.split('.')[1]);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('answers concurrent requests each with its own outcome', async () => {
    const tokens = Array.from({ length: 20 }, (_, i) => (i % 2 ? signAnymarketToken({ oi: `${i}.` }) : 'bad'));
    const checks = await Promise.all(tokens.map((token) => demo.check(requestWith(token))));
    checks.forEach((check, i) => expect(check.ok ? check.identity.oi : 'rejected').toBe(i % 2 ? `${i}.` : 'rejected'));
  });

  describe('remembers a verified token until it expires', () => {
    const t0 = 1_900_000_000;
    const clockAt = (seconds: { now: number }) => () => seconds.now;
    const signAt = (payload: object, key: jwt.Secret = DEVELOPMENT_ONLY_PRIVATE_KEY_PEM) => jwt.sign(payload, key, { algorithm: 'RS256', noTimestamp: true });

    it('answers the same token again without reaching the strategy or another signature check', async () => {
      const clock = { now: t0 };
      const verifier = verifierFor(settingsFor(true), clockAt(clock));
      const token = signAt({ oi: '5.', exp: t0 + 600 });
      const verify = jest.spyOn(jwt, 'verify');
      const strategy = jest.spyOn(verifier.strategy, 'authenticate');
      try {
        expect(await verifier.check(requestWith(token))).toEqual({ ok: true, identity: { oi: '5.' } });
        expect(await verifier.check(requestWith(token))).toEqual({ ok: true, identity: { oi: '5.' } });
        expect(strategy).toHaveBeenCalledTimes(1);
        expect(verify).toHaveBeenCalledTimes(1);
        expect(verifier.verified.size).toBe(1);
      } finally {
        strategy.mockRestore();
        verify.mockRestore();
      }
    });

    it('stops accepting a remembered token at the same second as the full check does (exp + clock tolerance)', async () => {
      const clock = { now: t0 };
      const verifier = verifierFor(settingsFor(true), clockAt(clock));
      const token = signAt({ oi: '5.', exp: t0 + 60 });
      expect(await verifier.check(requestWith(token))).toMatchObject({ ok: true });
      clock.now = t0 + 60 + 29;
      expect(await verifier.check(requestWith(token))).toMatchObject({ ok: true });
      clock.now = t0 + 60 + 30;
      expect(await verifier.check(requestWith(token))).toMatchObject({ ok: false, rejection: { reason: 'expired' } });
      // A fresh verifier (nothing remembered) draws the line at the same second.
      expect(await verifierFor(settingsFor(true), clockAt(clock)).check(requestWith(token))).toMatchObject({ ok: false, rejection: { reason: 'expired' } });
      expect(await verifierFor(settingsFor(true), clockAt({ now: t0 + 89 })).check(requestWith(token))).toMatchObject({ ok: true });
    });

    it('never lets a remembered token vouch for a changed or forged one', async () => {
      const clock = { now: t0 };
      const verifier = verifierFor(settingsFor(true), clockAt(clock));
      const genuine = signAt({ oi: '5.', exp: t0 + 600 });
      expect(await verifier.check(requestWith(genuine))).toMatchObject({ ok: true });
      const [header, payload, signature] = genuine.split('.');
      const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const cases: Array<[string, string]> = [
        [`${header}.${base64url({ oi: '6.', exp: t0 + 600 })}.${signature}`, 'bad signature'],
        [`${header}.${payload}.${signature.slice(0, -4)}AAAA`, 'bad signature'],
        [signAt({ oi: '5.', exp: t0 + 600 }, otherKey), 'bad signature'],
        [`${genuine} `, 'malformed'],
      ];
      for (const [token, reason] of cases) expect(await verifier.check(requestWith(token))).toMatchObject({ ok: false, rejection: { reason } });
    });

    it('does not remember refusals: a token refused once is checked in full again', async () => {
      const verifier = verifierFor(settingsFor(true));
      const verify = jest.spyOn(jwt, 'verify');
      const strategy = jest.spyOn(verifier.strategy, 'authenticate');
      const expired = jwt.sign({ oi: '1.', exp: now() - 3600 }, DEVELOPMENT_ONLY_PRIVATE_KEY_PEM, { algorithm: 'RS256' });
      try {
        for (let i = 0; i < 3; i += 1) expect(await verifier.check(requestWith('a.b.c'))).toMatchObject({ ok: false, rejection: { reason: 'malformed' } });
        for (let i = 0; i < 2; i += 1) expect(await verifier.check(requestWith(expired))).toMatchObject({ ok: false, rejection: { reason: 'expired' } });
        expect(strategy).toHaveBeenCalledTimes(5);
        expect(verify).toHaveBeenCalledTimes(5);
        expect(verifier.verified.size).toBe(0);
      } finally {
        strategy.mockRestore();
        verify.mockRestore();
      }
    });
  });

  describe('passport', () => {
    it("knows each strategy instance by a name of its own, so two apps in one process never check with each other's key", async () => {
      const demoKey = verifierFor(settingsFor(true));
      const publishedKey = verifierFor(settingsFor(false));
      expect(demoKey.strategy).toBeInstanceOf(JwtStrategy);
      expect(demoKey.strategy.name).toMatch(/^anymarket-token#\d+$/);
      expect(publishedKey.strategy.name).not.toBe(demoKey.strategy.name);
      const token = signAnymarketToken();
      expect(await demoKey.check(requestWith(token))).toMatchObject({ ok: true });
      expect(await publishedKey.check(requestWith(token))).toMatchObject({ ok: false, rejection: { reason: 'bad signature' } });
    });

    it("leaves passport's registry when the module is destroyed", async () => {
      const verifier = verifierFor(settingsFor(true));
      const strategy = (passport as unknown as { _strategy(name: string): unknown })._strategy.bind(passport);
      expect(strategy(verifier.strategy.name)).toBe(verifier.strategy);
      verifier.strategy.onModuleDestroy();
      expect(strategy(verifier.strategy.name)).toBeUndefined();
    });
  });
});
