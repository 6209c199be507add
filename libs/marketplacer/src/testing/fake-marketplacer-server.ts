import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_MARKETPLACER_API_KEY, type MarketplacerConnection } from '../marketplacer-connection.js';

/** One GraphQL request as the fake server received it. */
export interface ReceivedRequest {
  operationName: string | undefined;
  query: string;
  variables: Record<string, unknown>;
  headers: IncomingHttpHeaders;
}

/**
 * What the fake answers: JSON unless `body` is a string; `hang` never answers (timeouts); `drop`
 * closes the connection after reading the request, without an answer.
 */
export interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  hang?: boolean;
  drop?: boolean;
}

export type FakeResponder = (request: ReceivedRequest, index: number) => FakeAnswer | Promise<FakeAnswer>;

/** `{data}` with HTTP 200. */
export const answerData = (data: unknown): FakeAnswer => ({ status: 200, body: { data } });

/**
 * A tiny scripted GraphQL-over-HTTP server on an ephemeral port, for driving the real client
 * (Apollo, fetch, retries, auth headers) in unit tests. It records every request it receives.
 */
export class FakeMarketplacerServer {
  readonly requests: ReceivedRequest[] = [];
  private responder: FakeResponder = () => ({ status: 500, body: 'no responder configured' });

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(responder?: FakeResponder): Promise<FakeMarketplacerServer> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        void (async () => {
          let parsed: { operationName?: string; query?: string; variables?: Record<string, unknown> };
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as typeof parsed;
          } catch {
            res.writeHead(400, { 'content-type': 'text/plain' }).end('body is not JSON');
            return;
          }
          const request: ReceivedRequest = {
            operationName: parsed.operationName,
            query: parsed.query ?? '',
            variables: parsed.variables ?? {},
            headers: req.headers,
          };
          const index = fake.requests.push(request) - 1;
          const answer = await fake.responder(request, index);
          if (answer.hang) return;
          if (answer.drop) return void req.socket.destroy();
          const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
          const contentType = typeof answer.body === 'string' ? 'text/plain' : 'application/json';
          res.writeHead(answer.status ?? 200, { 'content-type': contentType, ...answer.headers });
          res.end(text);
        })();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // Requests reach the handler above only once the server listens, after this line.
    const fake = new FakeMarketplacerServer(server, `http://127.0.0.1:${port}/graphql`);
    if (responder) fake.respondWith(responder);
    return fake;
  }

  respondWith(responder: FakeResponder): this {
    this.responder = responder;
    return this;
  }

  /** Answers in the given order; the last answer repeats for every further request. */
  script(...answers: FakeAnswer[]): this {
    return this.respondWith((_request, index) => answers[Math.min(index, answers.length - 1)]);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}

/** A connection to `endpoint` with test-friendly settings (override what the test is about). */
export function testConnection(endpoint: string, overrides: Partial<MarketplacerConnection> = {}): MarketplacerConnection {
  return {
    endpoint,
    apiKey: DEMO_MARKETPLACER_API_KEY,
    authHeader: 'bearer',
    demoMode: false,
    timeoutMs: 5_000,
    maxAttempts: 5,
    retryBaseMs: 10,
    rateLimitDefaultWaitMs: 1_000,
    rateLimit: 1_000,
    rateWindowMs: 10_000,
    rateMaxWaitMs: 600_000,
    breakerFailures: 50,
    breakerCooldownMs: 30_000,
    ...overrides,
  };
}
