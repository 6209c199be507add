import { Agent, request } from 'node:http';

export interface LoadTarget {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Answers other than this count as errors. */
  expectStatus?: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * A closed-loop load generator: `connections` keep-alive connections each send the next request as
 * soon as the previous answer arrives, for `seconds` (after `warmupSeconds` not counted). Bounded in
 * time and aimed only at the loopback servers the benchmark started.
 */
export async function runLoad(target: LoadTarget, options: { connections: number; seconds: number; warmupSeconds?: number }): Promise<LoadResult> {
  const url = new URL(target.url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new Error(`refusing to load a non-loopback address: ${url.hostname}`);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  let errors = 0;
  const warmupEnd = Date.now() + (options.warmupSeconds ?? 1) * 1000;
  const end = warmupEnd + options.seconds * 1000;
  const body = target.body === undefined ? undefined : Buffer.from(target.body);
  const headers = { ...(target.headers ?? {}), ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}) };

  const once = () =>
    new Promise<number>((resolve) => {
      const req = request(url, { method: target.method ?? 'GET', agent, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', () => resolve(0));
      if (body) req.write(body);
      req.end();
    });

  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (Date.now() < end) {
        const started = performance.now();
        const status = await once();
        const elapsed = performance.now() - started;
        if (Date.now() < warmupEnd) continue;
        if (status !== (target.expectStatus ?? 200)) errors += 1;
        latencies.push(elapsed);
      }
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : NaN);
  return {
    requests: latencies.length,
    errors,
    seconds: options.seconds,
    perSecond: latencies.length / options.seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}
