import { ListingsSimulator } from '../listings-simulator.js';
import { startSimulator, type Listening } from '../stack.js';

export interface CreatedSeller {
  id: string;
  legacyId: number;
  businessName: string;
}

/**
 * The simulator (Marketplacer and ANYMARKET) started in this process, the one model of both remote
 * systems for the connector's integration specs: start one per test file, point the connector at it
 * with `connectorEnv`, and arrange or inspect through `api` (GraphQL and the control APIs).
 */
export class SimulatorInProcess {
  readonly api: ListingsSimulator;
  private nextSeller = 1;

  private constructor(private readonly listening: Listening) {
    this.api = new ListingsSimulator(listening.url);
  }

  static async start(env: Record<string, string> = {}): Promise<SimulatorInProcess> {
    return new SimulatorInProcess(await startSimulator(env));
  }

  get url(): string {
    return this.listening.url;
  }

  /** The simulator's Nest app, for reading its records directly (it runs in this process). */
  get app(): Listening['app'] {
    return this.listening.app;
  }

  /**
   * The connector's variables for this simulator (demo mode). One attempt per request and circuits that
   * never open: a fault a test injects is seen at once, and does not outlive the test.
   */
  get connectorEnv(): Record<string, string> {
    return {
      SIMULATOR_URL: this.url,
      MARKETPLACER_MAX_ATTEMPTS: '1',
      MARKETPLACER_BREAKER_FAILURES: '1000',
      ANYMARKET_MAX_ATTEMPTS: '1',
      ANYMARKET_BREAKER_FAILURES: '1000',
    };
  }

  async stop(): Promise<void> {
    await this.listening.close();
  }

  /** A new online RETAILER seller (an inactive one with `active: false`), made as an operator would. */
  async newSeller(options: { businessName?: string; active?: boolean } = {}): Promise<CreatedSeller> {
    const n = this.nextSeller++;
    const businessName = options.businessName ?? `Test seller ${n}`;
    const { sellerCreate } = await this.api.graphql<{
      sellerCreate: { errors: unknown[] | null; seller: CreatedSeller | null };
    }>('mutation ($input: SellerCreateMutationInput!) { sellerCreate(input: $input) { errors { field messages } seller { id legacyId businessName } } }', {
      input: {
        attributes: {
          accountType: 'RETAILER',
          businessName,
          legalBusinessName: `${businessName} Ltda`,
          phone: '+55 11 4000-0000',
          user: { firstName: 'Test', surname: `Seller ${n}`, emailAddress: `seller-${n}-${Date.now()}@example.com` },
          address: { address: 'Rua Teste 1', city: 'São Paulo' },
        },
      },
    });
    if (!sellerCreate.seller) throw new Error(`sellerCreate refused: ${JSON.stringify(sellerCreate.errors)}`);
    if (options.active === false) await this.setSellerActive(sellerCreate.seller.id, false);
    return sellerCreate.seller;
  }

  /** A seller may trade while it is an online RETAILER: the operator takes it offline, or back online. */
  async setSellerActive(sellerId: string, active: boolean): Promise<void> {
    await this.api.editSeller(sellerId, { online: active });
  }

  /** Every Marketplacer request answers `status` until `marketplacerRecovers`. */
  async marketplacerFails(status = 503): Promise<void> {
    await this.api.control('PUT', '/_control/marketplacer/faults', { failNextRequests: { count: 1_000_000, status } });
  }

  async marketplacerRecovers(): Promise<void> {
    await this.api.control('DELETE', '/_control/marketplacer/faults');
  }
}
