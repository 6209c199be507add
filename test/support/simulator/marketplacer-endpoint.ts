import { until } from '#common/testing';
import type { MarketplacerConnection } from '#marketplacer';
import { MarketplacerClient, type MarketplacerClientOptions } from '../../../libs/marketplacer/src/client/marketplacer-client.js';
import { FakeTiming, testConnection } from '../../../libs/marketplacer/src/testing/index.js';
import type { FaultSettings } from '../../../apps/simulator/src/marketplacer/http/fault-injector.js';
import type { LoggedRequest } from '../../../apps/simulator/src/marketplacer/http/request-log.js';
import { SimulatedMarketplacer } from '../../../apps/simulator/src/marketplacer/simulated-marketplacer.js';
import type { MarketplacerState } from '../../../apps/simulator/src/marketplacer/state/marketplacer-state.js';
import { SimulatorHarness } from './simulator-harness.js';

interface RequestLogAnswer {
  count: number;
  byOperation: Record<string, number>;
  inFlight: Record<string, number>;
  last: LoggedRequest[];
}

/**
 * The simulated Marketplacer booted in-process as the endpoint of the library's real client: for the
 * specs of the client and the adapters. What a request carried is read from the simulator's request
 * log, transport trouble is injected through its faults; no waiting between attempts (FakeTiming).
 */
export class MarketplacerEndpoint {
  private readonly clients: MarketplacerClient[] = [];

  private harness: SimulatorHarness | null;

  private constructor(harness: SimulatorHarness | null) {
    this.harness = harness;
  }

  /** `env`: the simulator's settings (e.g. SIMULATOR_MARKETPLACER_API_KEY). */
  static async start(env: Record<string, string> = {}): Promise<MarketplacerEndpoint> {
    return new MarketplacerEndpoint(await SimulatorHarness.start(env));
  }

  /**
   * One endpoint for the calling spec file: started before its tests, reset (fresh seed, no faults, empty log)
   * before each, its clients stopped after each, stopped after all. Call it in a `describe` body.
   */
  static forEachTest(env: Record<string, string> = {}): MarketplacerEndpoint {
    const endpoint = new MarketplacerEndpoint(null);
    beforeAll(async () => {
      endpoint.harness = await SimulatorHarness.start(env);
    });
    afterAll(async () => {
      if (endpoint.harness) await endpoint.stop();
    });
    beforeEach(() => endpoint.reset());
    afterEach(() => endpoint.stopClients());
    return endpoint;
  }

  get sim(): SimulatorHarness {
    if (!this.harness) throw new Error('the simulated Marketplacer is not started yet (use it inside a test or hook)');
    return this.harness;
  }

  get url(): string {
    return `${this.sim.baseUrl}/graphql`;
  }

  /** The simulated instance's records. */
  get state(): MarketplacerState {
    return this.sim.app.get(SimulatedMarketplacer).state;
  }

  /** A client of the simulator (stopped by `stopClients`), with test-friendly connection settings. */
  client(overrides: Partial<MarketplacerConnection> = {}, options: MarketplacerClientOptions = {}): MarketplacerClient {
    const client = new MarketplacerClient(testConnection(overrides.endpoint ?? this.url, overrides), {
      timing: new FakeTiming(),
      logger: { warn: () => undefined },
      ...options,
    });
    this.clients.push(client);
    return client;
  }

  stopClients(): void {
    this.clients.splice(0).forEach((client) => client.stop());
  }

  /** A fresh seed, no faults, an empty request log; first waits for stalled requests to end, so none lands in the next log. */
  async reset(): Promise<void> {
    await this.settled();
    await this.controlled('POST', '/reset', {});
  }

  /** Replaces the fault settings (what is left out is off). */
  async setFaults(faults: Partial<FaultSettings>): Promise<void> {
    await this.controlled('PUT', '/faults', faults);
  }

  /** The requests answered (or dropped) since the last reset, oldest first. */
  async requests(): Promise<LoggedRequest[]> {
    return (await this.log()).last;
  }

  /** How many requests reached the simulator since the last reset, those still unanswered (stalled) included. */
  async received(): Promise<number> {
    const log = await this.log();
    return log.count + Object.values(log.inFlight).reduce((sum, n) => sum + n, 0);
  }

  /** Until no request is left unanswered: a stalled one ends when its caller hangs up. */
  async settled(): Promise<void> {
    await until(async () => Object.keys((await this.log()).inFlight).length === 0, 'stalled requests answered');
  }

  async stop(): Promise<void> {
    this.stopClients();
    await this.sim.stop();
  }

  private log(): Promise<RequestLogAnswer> {
    return this.controlled<RequestLogAnswer>('GET', '/requests?limit=1000');
  }

  private async controlled<T>(method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.sim.control<T>(method, path, body);
    if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
}
