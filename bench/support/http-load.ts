import { Agent, request } from 'node:http';
import { quantile } from './quantile.js';

export interface LoadTarget {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Answers other than this count as errors. */
  expectStatus?: number;
  /**
   * Called before every request (warm-up included) when set: that request's own body (instead of
   * `body`) and headers (over `headers`), e.g. a distinct signed delivery each time.
   */
  perRequest?: () => { body?: string; headers?: Record<string, string> };
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Every answer by status, warm-up included (0 = no answer: a network error); runLoad always sets it. */
  statuses?: Record<number, number>;
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
  const statuses: Record<number, number> = {};
  const prepare = (text: string | undefined, extra: Record<string, string> = {}) => {
    const body = text === undefined ? undefined : Buffer.from(text);
    const headers = { ...(target.headers ?? {}), ...extra, ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}) };
    return { body, headers };
  };
  const fixed = prepare(target.body);

  const next = () => {
    const own = target.perRequest?.();
    return own ? prepare(own.body ?? target.body, own.headers) : fixed;
  };

  const once = ({ body, headers }: ReturnType<typeof prepare>) =>
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
        const prepared = next();
        const started = performance.now();
        const status = await once(prepared);
        const elapsed = performance.now() - started;
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (Date.now() < warmupEnd) continue;
        if (status !== (target.expectStatus ?? 200)) errors += 1;
        latencies.push(elapsed);
      }
    }),
  );
  agent.destroy();
  return {
    requests: latencies.length,
    errors,
    seconds: options.seconds,
    perSecond: latencies.length / options.seconds,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    statuses,
  };
}
