import { print } from 'graphql';
import { loadConfig } from '#common';
import { marketplacerConfigShape, paginate, resolveMarketplacerConnection, type MarketplacerConnection } from '#marketplacer';
import { ApolloMarketplacerCatalog } from '../libs/marketplacer/src/adapters/apollo-marketplacer-catalog.js';
import { MarketplacerClient } from '../libs/marketplacer/src/client/marketplacer-client.js';
import { authHeaders } from '../libs/marketplacer/src/client/auth-headers.js';
import { AdvertsUpdatedSinceDocument } from '../libs/marketplacer/src/contract/generated/graphql.js';
import { freePort, startBuilt, type Started } from './support/processes.js';
import { printSummary } from './support/summary.js';
import { printTable } from './support/table.js';
import { median } from './support/quantile.js';

/**
 * `npm run bench -- marketplacer-paging`: pages through 50,000 adverts of the built simulator (its
 * own process) in pages of 500, with the real Marketplacer client and with a bare `fetch` loop that
 * posts the document's text (`print(AdvertsUpdatedSinceDocument)`) and the same variables. Variants
 * alternate over several rounds so machine noise hits all of them. For attribution, two more: the
 * bare loop posting the text Apollo really sends (it adds `__typename` to every selection set), and
 * the catalog port (client + mapping to MarketplacerAdvert). Target: client ≥ 0.9 × bare throughput.
 */
const ADVERTS = 50_000;
const PAGE = 500;
const ROUNDS = 5;
const TARGET_RATIO = 0.9;
const EVERYTHING = '2000-01-01T00:00:00Z';
const SIMULATOR_MAIN = 'dist/apps/simulator/src/main.js';
const QUERY = print(AdvertsUpdatedSinceDocument);

type Variant = 'bare fetch' | 'bare fetch, Apollo text' | 'MarketplacerClient' | 'catalog port';
/** Pages through everything once; answers how many adverts it saw. */
type Walk = () => Promise<number>;

interface Run {
  seconds: number;
  adverts: number;
  peakRssMb: number;
  peakHeapMb: number;
}

export async function run(): Promise<void> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let simulator: Started | undefined;
  const clients: MarketplacerClient[] = [];
  try {
    simulator = await startBuilt(
      SIMULATOR_MAIN,
      {
        SIMULATOR_PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        SIMULATOR_SEED_ADVERTS: String(ADVERTS),
        SIMULATOR_SEED_INVOICES: '0',
        SIMULATOR_MARKETPLACER_RATE_LIMIT: '1000000',
        SIMULATOR_MARKETPLACER_RATE_WINDOW_MS: '1000',
      },
      `${url}/health`,
      120_000,
    );
    // The client as the connector builds it, with its own rate limit lifted (it still runs) so only overhead is measured.
    const connection = resolveMarketplacerConnection({
      ...loadConfig(marketplacerConfigShape, { MARKETPLACER_RATE_LIMIT: '100000', MARKETPLACER_RATE_WINDOW_MS: '1000' }),
      simulatorUrl: url,
    });
    const client = new MarketplacerClient(connection);
    clients.push(client);
    const catalog = new ApolloMarketplacerCatalog(client);

    const sent = await compareRequestBodies(connection);
    const walks: Record<Variant, Walk> = {
      'bare fetch': () => walkBare(connection, QUERY),
      'bare fetch, Apollo text': () => walkBare(connection, sent.clientQuery),
      MarketplacerClient: () => walkClient(client),
      'catalog port': () => walkCatalog(catalog),
    };

    // Warm-up (JIT on both sides, connection pools): one pass each, not counted.
    for (const walk of Object.values(walks)) await walk();

    const runs: Record<Variant, Run[]> = { 'bare fetch': [], 'bare fetch, Apollo text': [], MarketplacerClient: [], 'catalog port': [] };
    const order = Object.keys(walks) as Variant[];
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const variant of round % 2 === 0 ? order : [...order].reverse()) {
        const measured = await measure(walks[variant]);
        if (measured.adverts !== ADVERTS) throw new Error(`${variant} saw ${measured.adverts} adverts, expected ${ADVERTS}`);
        runs[variant].push(measured);
      }
    }

    const bare = summarise(runs['bare fetch']);
    printTable(
      `Paging ${ADVERTS} adverts in pages of ${PAGE} (${ROUNDS} alternating rounds; ratio = throughput / bare fetch's, target ≥ ${TARGET_RATIO})`,
      order.map((variant) => {
        const stats = summarise(runs[variant]);
        return {
          variant,
          'best s': stats.best,
          'median s': stats.median,
          'adverts/s (median)': Math.round(ADVERTS / stats.median),
          'ratio (median)': bare.median / stats.median,
          'ratio (best)': bare.best / stats.best,
          'peak RSS MB': Math.max(...runs[variant].map((r) => r.peakRssMb)),
          'peak heap MB': Math.max(...runs[variant].map((r) => r.peakHeapMb)),
        };
      }),
    );
    const sameText = summarise(runs['bare fetch, Apollo text']);
    const clientStats = summarise(runs.MarketplacerClient);
    process.stdout.write(
      `\nSame query text as the client sends: ${sent.sameQuery ? 'yes' : 'NO: Apollo adds __typename to every selection set'}` +
        ` (request ${sent.clientBytes} vs ${sent.bareBytes} bytes; answer per page ${sent.clientAnswerBytes} vs ${sent.bareAnswerBytes} bytes).\n` +
        `MarketplacerClient vs the bare loop posting Apollo's text (the client's own overhead): ${(sameText.median / clientStats.median).toFixed(2)} (median), ${(sameText.best / clientStats.best).toFixed(2)} (best).\n` +
        'Peak RSS/heap: this process, sampled every 50 ms during each run (GC before each); RSS rarely shrinks, so later runs inherit earlier peaks.\n',
    );
    const portStats = summarise(runs['catalog port']);
    printSummary('marketplacer-paging', {
      adverts: ADVERTS,
      clientToBare: bare.median / clientStats.median,
      catalogPortToBare: bare.median / portStats.median,
      targets: { catalogPortToBareAtLeast: TARGET_RATIO },
    });
  } finally {
    clients.forEach((client) => client.stop());
    await simulator?.stop();
  }
}

/** The bare baseline: a query text and the same variables, posted with fetch, JSON parsed once. */
async function walkBare(connection: MarketplacerConnection, query: string): Promise<number> {
  const headers = { 'content-type': 'application/json', accept: 'application/json', ...authHeaders(connection) };
  let adverts = 0;
  let after: string | undefined;
  for (;;) {
    const response = await fetch(connection.endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify({ operationName: 'AdvertsUpdatedSince', variables: { updatedSince: EVERYTHING, first: PAGE, after }, query }),
    });
    if (!response.ok) throw new Error(`bare fetch: HTTP ${response.status}`);
    const answer = (await response.json()) as {
      data?: { allAdverts: { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
      errors?: unknown[];
    };
    if (!answer.data || answer.errors?.length) throw new Error(`bare fetch: ${JSON.stringify(answer.errors)}`);
    adverts += answer.data.allAdverts.nodes.length;
    if (!answer.data.allAdverts.pageInfo.hasNextPage) return adverts;
    after = answer.data.allAdverts.pageInfo.endCursor ?? undefined;
  }
}

async function walkClient(client: MarketplacerClient): Promise<number> {
  let adverts = 0;
  for await (const page of paginate(async (after) => {
    const { allAdverts } = await client.query(AdvertsUpdatedSinceDocument, { updatedSince: EVERYTHING, first: PAGE, after });
    return { nodes: allAdverts.nodes ?? [], pageInfo: allAdverts.pageInfo };
  })) {
    adverts += page.nodes.length;
  }
  return adverts;
}

async function walkCatalog(catalog: ApolloMarketplacerCatalog): Promise<number> {
  let adverts = 0;
  for await (const page of paginate((after) => catalog.listAdvertsUpdatedSince({ updatedSince: EVERYTHING, first: PAGE, after }))) adverts += page.nodes.length;
  return adverts;
}

/** Runs one walk after a GC, sampling this process's memory every 50 ms. */
async function measure(walk: Walk): Promise<Run> {
  collectGarbage();
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  sample();
  const sampler = setInterval(sample, 50);
  const started = performance.now();
  try {
    const adverts = await walk();
    const seconds = (performance.now() - started) / 1000;
    sample();
    return { seconds, adverts, peakRssMb: peakRss / 2 ** 20, peakHeapMb: peakHeap / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function summarise(runs: Run[]): { best: number; median: number } {
  const seconds = runs.map((r) => r.seconds);
  return { best: Math.min(...seconds), median: median(seconds) };
}

/** What the client really puts on the wire for one page, beside the bare body, and how big the answers are. */
async function compareRequestBodies(connection: MarketplacerConnection) {
  let body = '';
  const probe = new MarketplacerClient(connection, {
    fetch: (input, init) => {
      body = typeof init?.body === 'string' ? init.body : '';
      return fetch(input, init);
    },
  });
  try {
    await probe.query(AdvertsUpdatedSinceDocument, { updatedSince: EVERYTHING, first: PAGE });
  } finally {
    probe.stop();
  }
  const clientQuery = (JSON.parse(body) as { query: string }).query;
  const bare = JSON.stringify({ operationName: 'AdvertsUpdatedSince', variables: { updatedSince: EVERYTHING, first: PAGE }, query: QUERY });
  const answerBytes = async (request: string) => {
    const response = await fetch(connection.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders(connection) },
      body: request,
    });
    return (await response.arrayBuffer()).byteLength;
  };
  return {
    sameQuery: clientQuery === QUERY,
    clientQuery,
    clientBytes: Buffer.byteLength(body),
    bareBytes: Buffer.byteLength(bare),
    clientAnswerBytes: await answerBytes(body),
    bareAnswerBytes: await answerBytes(bare),
  };
}
