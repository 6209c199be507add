import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onRequestDeparture, traceparentOf } from './request-departures.js';

describe('request departures (undici:client:sendHeaders, by traceparent)', () => {
  let server: Server;
  let url: string;
  const received: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      received.push(String(req.headers.traceparent));
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const traceparent = (n: number) => `00-${'a'.repeat(32)}-${String(n).padStart(16, '0')}-01`;

  it('tells the waiter of a traceparent once, when the request carrying it is written, before its answer', async () => {
    const told: string[] = [];
    const stop = onRequestDeparture(traceparent(1), () => told.push(`departed; answered: ${received.includes(traceparent(1))}`));
    onRequestDeparture(traceparent(2), () => told.push('another request'));
    const res = await fetch(url, { method: 'POST', headers: { traceparent: traceparent(1), 'content-type': 'application/json' }, body: '{}' });
    await res.text();
    await (await fetch(url, { headers: { traceparent: traceparent(1) } })).text();
    stop();
    expect(told).toEqual(['departed; answered: false']);
  });

  it('tells nobody once the waiter stopped waiting, nor for a request without the header', async () => {
    const told: string[] = [];
    const stop = onRequestDeparture(traceparent(3), () => told.push('departed'));
    stop();
    await (await fetch(url, { headers: { traceparent: traceparent(3) } })).text();
    await (await fetch(url)).text();
    expect(told).toEqual([]);
  });

  it("reads the header from undici's flat header list or a raw header block", () => {
    expect(traceparentOf({ request: { headers: ['accept', '*/*', 'TraceParent', traceparent(4)] } })).toBe(traceparent(4));
    expect(traceparentOf({ request: { headers: `POST / HTTP/1.1\r\nhost: x\r\ntraceparent: ${traceparent(5)}\r\n` } })).toBe(traceparent(5));
    expect(traceparentOf({ request: { headers: ['accept', '*/*'] } })).toBeUndefined();
    expect(traceparentOf(null)).toBeUndefined();
  });
});
