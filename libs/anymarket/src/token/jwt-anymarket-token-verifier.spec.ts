import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { jest } from '@jest/globals';
import { ConsoleLogger, Logger } from '@nestjs/common';
import type { Request } from 'express';
import jwt from 'jsonwebtoken';
import { loadConfig } from '#common';
import { anymarketConfigShape, resolveAnymarketSettings, type AnymarketSettings } from '../anymarket.config.js';
import { ANYMARKET_IDENTITY, type RequestWithAnymarketIdentity } from './anymarket-identity.js';
import { DEVELOPMENT_ONLY_PRIVATE_KEY_PEM, DEVELOPMENT_ONLY_PUBLIC_KEY_PEM } from './dev-keys/development-only-keys.js';
import { JwtAnymarketTokenVerifier } from './jwt-anymarket-token-verifier.js';
import { signAnymarketToken } from './sign-anymarket-token.js';

const AUTH_DIR = resolve(process.cwd(), '../shared/anymarket/auth');
const SAMPLE_TOKEN = readFileSync(resolve(AUTH_DIR, 'sample-x-anymarket-token.jwt'), 'utf8').trim();
const ANYMARKET_PEM = readFileSync(resolve(AUTH_DIR, 'anymarket-remote-jwt-public-key.pem'), 'utf8');

function settingsFor(demoMode: boolean, env: Record<string, string> = {}): AnymarketSettings {
  const values = loadConfig(anymarketConfigShape, { ANYMARKET_APP_ID: 'app', ...env });
  return resolveAnymarketSettings({ ...values, demoMode, simulatorUrl: 'http://127.0.0.1:3001' });
}

function verifierFor(settings: AnymarketSettings, nowSeconds?: () => number): JwtAnymarketTokenVerifier {
  return new JwtAnymarketTokenVerifier(settings, nowSeconds);
}

function requestWith(token?: string): Request & RequestWithAnymarketIdentity {
  return { headers: token === undefined ? {} : { 'x-anymarket-token': token }, path: '/testIntegration' } as unknown as Request & RequestWithAnymarketIdentity;
}

const now = () => Math.floor(Date.now() / 1000);
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('JwtAnymarketTokenVerifier', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(new ConsoleLogger()));

  const demo = verifierFor(settingsFor(true));

  it('accepts a token signed with the trusted key and leaves the identity, oi verbatim, on the request', async () => {
    const req = requestWith(signAnymarketToken({ oi: '22449504.', organization: 'Loja X', login: 'ana@x.example', ip: '10.0.0.1' }));
    await expect(demo.verify(req)).resolves.toBe(true);
    expect(req[ANYMARKET_IDENTITY]).toEqual({ oi: '22449504.', organization: 'Loja X', login: 'ana@x.example', ip: '10.0.0.1' });
  });

  it('keeps only string optional claims and no other claims', async () => {
    const check = demo.check(requestWith(signAnymarketToken({ oi: '7.', organization: 42 as unknown as string, extra: 'x' } as never)));
    expect(check).toEqual({ ok: true, identity: { oi: '7.', login: 'demo@anymarket.example', ip: '127.0.0.1' } });
  });

  describe("with ANYMARKET's published RSA-1024 key", () => {
    const published = settingsFor(false);

    it('is the default outside demo mode, and the published sample verifies with it', () => {
      expect(published.publicKeySource).toBe('anymarket-published');
      expect(published.publicKey.asymmetricKeyDetails?.modulusLength).toBe(1024);
      const payload = jwt.verify(SAMPLE_TOKEN, published.publicKey, { algorithms: ['RS256'], ignoreExpiration: true }) as jwt.JwtPayload;
      expect(payload.oi).toBe('22449504.');
    });

    it('rejects the published sample as expired (its signature is good)', async () => {
      expect(verifierFor(published).check(requestWith(SAMPLE_TOKEN))).toMatchObject({ ok: false, rejection: { reason: 'expired' } });
    });

    it('rejects the sample with a tampered payload for its signature, before looking at expiry', async () => {
      const [header, , signature] = SAMPLE_TOKEN.split('.');
      const tampered = `${header}.${base64url({ oi: '99999.', exp: now() + 600 })}.${signature}`;
      expect(verifierFor(published).check(requestWith(tampered))).toMatchObject({ ok: false, rejection: { reason: 'bad signature' } });
    });

    it('accepts the same key configured as PEM', async () => {
      const configured = settingsFor(false, { ANYMARKET_PUBLIC_KEY: ANYMARKET_PEM });
      expect(configured.publicKeySource).toBe('configured');
      expect(verifierFor(configured).check(requestWith(SAMPLE_TOKEN))).toMatchObject({ ok: false, rejection: { reason: 'expired' } });
    });

    it('does not trust the development key outside demo mode', async () => {
      expect(verifierFor(published).check(requestWith(signAnymarketToken()))).toMatchObject({
        ok: false,
        rejection: { reason: 'bad signature' },
      });
    });
  });

  it('trusts the development key outside demo mode only when it is configured', async () => {
    const configured = verifierFor(settingsFor(false, { ANYMARKET_PUBLIC_KEY: DEVELOPMENT_ONLY_PUBLIC_KEY_PEM }));
    expect(configured.check(requestWith(signAnymarketToken()))).toMatchObject({ ok: true });
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
      expect(demo.check(req)).toMatchObject({ ok: false, rejection: { reason } });
      await expect(demo.verify(req)).resolves.toBe(false);
      expect(req[ANYMARKET_IDENTITY]).toBeUndefined();
    });

    it('accepts a token expired within the clock tolerance (30 s by default)', async () => {
      expect(demo.check(requestWith(sign({ oi: '1.', exp: now() - 10 })))).toMatchObject({ ok: true });
    });
  });

  it('logs one warn line with the reason and never the token', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const token = jwt.sign({ oi: '1.', exp: now() - 3600 }, DEVELOPMENT_ONLY_PRIVATE_KEY_PEM, { algorithm: 'RS256' });
      await demo.verify(requestWith(token));
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toMatchObject({ msg: 'x-anymarket-token rejected', reason: 'expired', path: '/testIntegration' });
      expect(JSON.stringify(warn.mock.calls)).not.toContain(token.split('.')[2]);
      expect(JSON.stringify(warn.mock.calls)).not.toContain(token.split('.')[1]);
    } finally {
      warn.mockRestore();
    }
  });

  it('answers concurrent requests each with its own outcome', async () => {
    const tokens = Array.from({ length: 20 }, (_, i) => (i % 2 ? signAnymarketToken({ oi: `${i}.` }) : 'bad'));
    const checks = tokens.map((token) => demo.check(requestWith(token)));
    checks.forEach((check, i) => expect(check.ok ? check.identity.oi : 'rejected').toBe(i % 2 ? `${i}.` : 'rejected'));
  });

  describe('remembers a verified token until it expires', () => {
    const t0 = 1_900_000_000;
    const clockAt = (seconds: { now: number }) => () => seconds.now;
    const signAt = (payload: object, key: jwt.Secret = DEVELOPMENT_ONLY_PRIVATE_KEY_PEM) => jwt.sign(payload, key, { algorithm: 'RS256', noTimestamp: true });

    it('answers the same token again without another signature check', () => {
      const clock = { now: t0 };
      const verifier = verifierFor(settingsFor(true), clockAt(clock));
      const token = signAt({ oi: '5.', exp: t0 + 600 });
      const verify = jest.spyOn(jwt, 'verify');
      try {
        expect(verifier.check(requestWith(token))).toEqual({ ok: true, identity: { oi: '5.' } });
        expect(verifier.check(requestWith(token))).toEqual({ ok: true, identity: { oi: '5.' } });
        expect(verify).toHaveBeenCalledTimes(1);
      } finally {
        verify.mockRestore();
      }
    });

    it('stops accepting a remembered token at the same second as the full check does (exp + clock tolerance)', () => {
      const clock = { now: t0 };
      const verifier = verifierFor(settingsFor(true), clockAt(clock));
      const token = signAt({ oi: '5.', exp: t0 + 60 });
      expect(verifier.check(requestWith(token))).toMatchObject({ ok: true });
      clock.now = t0 + 60 + 29;
      expect(verifier.check(requestWith(token))).toMatchObject({ ok: true });
      clock.now = t0 + 60 + 30;
      expect(verifier.check(requestWith(token))).toMatchObject({ ok: false, rejection: { reason: 'expired' } });
      // A fresh verifier (nothing remembered) draws the line at the same second.
      expect(verifierFor(settingsFor(true), clockAt(clock)).check(requestWith(token))).toMatchObject({ ok: false, rejection: { reason: 'expired' } });
      expect(verifierFor(settingsFor(true), clockAt({ now: t0 + 89 })).check(requestWith(token))).toMatchObject({ ok: true });
    });

    it('never lets a remembered token vouch for a changed or forged one', () => {
      const clock = { now: t0 };
      const verifier = verifierFor(settingsFor(true), clockAt(clock));
      const genuine = signAt({ oi: '5.', exp: t0 + 600 });
      expect(verifier.check(requestWith(genuine))).toMatchObject({ ok: true });
      const [header, payload, signature] = genuine.split('.');
      const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const cases: Array<[string, string]> = [
        [`${header}.${base64url({ oi: '6.', exp: t0 + 600 })}.${signature}`, 'bad signature'],
        [`${header}.${payload}.${signature.slice(0, -4)}AAAA`, 'bad signature'],
        [signAt({ oi: '5.', exp: t0 + 600 }, otherKey), 'bad signature'],
        [`${genuine} `, 'malformed'],
      ];
      for (const [token, reason] of cases) expect(verifier.check(requestWith(token))).toMatchObject({ ok: false, rejection: { reason } });
    });

    it('does not remember refusals: a token refused once is checked in full again', () => {
      const verifier = verifierFor(settingsFor(true));
      const verify = jest.spyOn(jwt, 'verify');
      try {
        for (let i = 0; i < 3; i += 1) expect(verifier.check(requestWith('a.b.c'))).toMatchObject({ ok: false, rejection: { reason: 'malformed' } });
        expect(verify).toHaveBeenCalledTimes(3);
      } finally {
        verify.mockRestore();
      }
    });
  });
});
