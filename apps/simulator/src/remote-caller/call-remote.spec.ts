import { createServer, type AddressInfo } from 'node:net';
import { Body, Controller, HttpCode, type INestApplication, Logger, Post, Put } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AdminCredential, AnswersBareFalseOnError, AnymarketRoute, CoreModule, loadConfig } from '#common';
import { AnymarketCaller, anymarketConfigShape, AnymarketModule, type AnymarketIdentity } from '#anymarket';
import { callRemote } from './call-remote.js';
import { runRemoteCaller } from './remote-caller-cli.js';

const received: Array<{ remote: string; caller: AnymarketIdentity; body: unknown }> = [];

/** Stand-ins for the connector's activation remotes, behind the real token verifier. */
@Controller()
class ProbeActivationController {
  @Post('testIntegration')
  @AnymarketRoute()
  @AnswersBareFalseOnError()
  testIntegration(@AnymarketCaller() caller: AnymarketIdentity, @Body() body: unknown): boolean {
    received.push({ remote: 'testIntegration', caller, body });
    return true;
  }

  @Post('saveAccount')
  @AnymarketRoute()
  @AnswersBareFalseOnError()
  saveAccount(@AnymarketCaller() caller: AnymarketIdentity, @Body() body: unknown): boolean {
    received.push({ remote: 'saveAccount', caller, body });
    return true;
  }

  @Put('order/updateOrderStatusInMarketPlace')
  @HttpCode(200)
  @AnymarketRoute()
  updateOrderStatus(@AnymarketCaller() caller: AnymarketIdentity, @Body() body: unknown): boolean {
    received.push({ remote: 'updateOrderStatusInMarketPlace', caller, body });
    return true;
  }
}

async function startProbe(demoMode: boolean): Promise<{ app: INestApplication; url: string }> {
  const config = { ...loadConfig(anymarketConfigShape, { ANYMARKET_APP_ID: 'app' }), demoMode, simulatorUrl: 'http://127.0.0.1:1' };
  const module = await Test.createTestingModule({
    imports: [CoreModule.forRoot({ config, adminCredential: AdminCredential.fromConfig(undefined).credential }), AnymarketModule],
    controllers: [ProbeActivationController],
  }).compile();
  const app = module.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}

/** A port nothing listens on (taken from the OS, then freed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('remote caller', () => {
  let demo: { app: INestApplication; url: string };
  let real: { app: INestApplication; url: string };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    [demo, real] = await Promise.all([startProbe(true), startProbe(false)]);
  });
  afterAll(() => Promise.all([demo.app.close(), real.app.close()]));
  beforeEach(() => {
    received.length = 0;
  });

  it('signs a token the demo-mode verifier accepts and sends the example testIntegration body', async () => {
    await expect(callRemote({ connectorUrl: demo.url, remote: 'testIntegration' })).resolves.toEqual({ status: 201, body: true });
    expect(received).toEqual([
      {
        remote: 'testIntegration',
        caller: { oi: '22449504.', organization: 'ANYMARKET Teste - Brasil', login: 'demo@anymarket.example', ip: '127.0.0.1' },
        body: expect.objectContaining({ id: null, user: null, storeId: '123456', password: '!@Teste', initialDateForOrderImport: '09-02-2022' }),
      },
    ]);
  });

  it('takes claims and a body from the caller', async () => {
    await callRemote({ connectorUrl: `${demo.url}/`, remote: 'saveAccount', claims: { oi: '99999.' }, body: { id: 1 } });
    expect(received).toEqual([{ remote: 'saveAccount', caller: expect.objectContaining({ oi: '99999.' }), body: { id: 1 } }]);
  });

  it("is refused where the development key is not trusted (outside demo mode: ANYMARKET's key)", async () => {
    await expect(callRemote({ connectorUrl: real.url, remote: 'testIntegration' })).resolves.toEqual({ status: 401, body: false });
    await expect(callRemote({ connectorUrl: demo.url, remote: 'testIntegration', claims: { exp: Math.floor(Date.now() / 1000) - 3600 } })).resolves.toEqual({
      status: 401,
      body: false,
    });
    expect(received).toEqual([]);
  });

  describe('CLI', () => {
    const run = async (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runRemoteCaller(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };

    it('sends saveAccount with the given activation fields and prints the answer', async () => {
      const result = await run(
        'saveAccount',
        '--connector',
        demo.url,
        '--oi',
        '1234.',
        '--store-id',
        '78',
        '--password',
        's3cret',
        '--account-id',
        '5',
        '--token',
        'LG-seller',
      );
      expect(result.code).toBe(0);
      expect(result.out).toBe(`POST ${demo.url}/saveAccount -> 201\ntrue`);
      expect(received).toEqual([
        {
          remote: 'saveAccount',
          caller: expect.objectContaining({ oi: '1234.' }),
          body: expect.objectContaining({
            id: 5,
            storeId: '78',
            password: 's3cret',
            user: { token: 'LG-seller', country: null },
            initialDateOrderImport: '09-02-2022',
          }),
        },
      ]);
    });

    it('sends updateOrderStatusInMarketPlace for the order and status given', async () => {
      const result = await run('updateOrderStatusInMarketPlace', '--connector', demo.url, '--order', '10363', '--order-id', '555', '--status', 'SHIPPED');
      expect(result.code).toBe(0);
      expect(result.out).toBe(`PUT ${demo.url}/order/updateOrderStatusInMarketPlace -> 200\ntrue`);
      expect(received).toEqual([
        {
          remote: 'updateOrderStatusInMarketPlace',
          caller: expect.objectContaining({ oi: '22449504.' }),
          body: { orderId: 555, idInMarketplace: '10363', oldStatus: 'PAID', currentStatus: 'SHIPPED' },
        },
      ]);
      expect((await run('updateOrderStatusInMarketPlace', '--connector', demo.url, '--order-id', 'x')).code).toBe(2);
    });

    it('takes the password from REMOTE_CALLER_PASSWORD or standard input, so that npm does not print it', async () => {
      const quiet = async (argv: string[], io: { env?: NodeJS.ProcessEnv; readStdin?: () => Promise<string> }) =>
        runRemoteCaller(argv, { out: () => undefined, err: () => undefined, ...io });
      expect(await quiet(['testIntegration', '--connector', demo.url], { env: { REMOTE_CALLER_PASSWORD: 'from-env' } })).toBe(0);
      expect(await quiet(['testIntegration', '--connector', demo.url, '--password', '-'], { readStdin: async () => 'from-stdin\nrest' })).toBe(0);
      expect(received.map((call) => (call.body as { password: string }).password)).toEqual(['from-env', 'from-stdin']);
    });

    it('prints an x-anymarket-token that the demo-mode connector accepts, for Swagger UI and curl', async () => {
      const result = await run('token', '--oi', '4242.');
      expect(result.code).toBe(0);
      const token = result.out.trim();
      expect(token.split('.')).toHaveLength(3);
      const answer = await fetch(`${demo.url}/testIntegration`, {
        method: 'POST',
        headers: { 'x-anymarket-token': token, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(answer.status).toBe(201);
      expect(received.at(-1)?.caller.oi).toBe('4242.');
      expect((await run('token', '--expires-in', 'soon')).code).toBe(2);
    });

    it('exits 1 when the remote refuses', async () => {
      const result = await run('testIntegration', '--connector', real.url);
      expect(result).toMatchObject({ code: 1, out: `POST ${real.url}/testIntegration -> 401\nfalse` });
    });

    it('says why when the connector cannot be reached', async () => {
      const url = `http://127.0.0.1:${await closedPort()}`;
      const result = await run('testIntegration', '--connector', url);
      expect(result).toMatchObject({ code: 1, err: `POST ${url}/testIntegration failed: ECONNREFUSED` });
    });

    it.each([[[]], [['sendNothing']], [['testIntegration', '--bogus']], [['saveAccount', '--account-id', 'x']]])('refuses %j with usage', async (argv) => {
      const result = await run(...argv);
      expect(result.code).toBe(2);
      expect(result.err).toContain('usage: npm run remote-caller');
    });
  });
});
