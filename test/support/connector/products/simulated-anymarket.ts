import type { SkuMarketplace, SkuMarketplaceUpdate } from '#anymarket';
import type { AnymarketCall } from '../../listings-simulator.js';
import type { SimulatorInProcess } from '../simulator-in-process.js';

export interface RecordedPut {
  id: number;
  /** The seller token's last four characters, as the simulator logs it ("…6699"). */
  tokenHint: string;
  update: SkuMarketplaceUpdate;
}

const TRANSMISSION_PATH = /\/skumarketplace\/(\d+)(\/priceStock)?$/;

/** How the simulator logs a seller token. */
export const tokenHint = (token: string) => `…${token.slice(-4)}`;

/**
 * ANYMARKET's marketplace API as the listing tests arrange and check it, on the simulator in-process:
 * transmissions to read (the control API), and every call the connector made (the simulator's call log).
 */
export class SimulatedAnymarket {
  constructor(private readonly simulator: SimulatorInProcess) {}

  /** An empty call log and no armed faults; transmissions and tokens stay. */
  async reset(): Promise<void> {
    await this.simulator.api.control('DELETE', '/_control/anymarket/calls');
    await this.simulator.api.control('DELETE', '/_control/anymarket/faults');
  }

  /** Disarms the faults `failPutsOf` armed. */
  async clearFaults(): Promise<void> {
    await this.simulator.api.control('DELETE', '/_control/anymarket/faults');
  }

  /** Creates or replaces the transmission ANYMARKET answers for its id. */
  async put(transmission: SkuMarketplace): Promise<SkuMarketplace> {
    await this.simulator.api.putTransmission(transmission);
    return transmission;
  }

  transmission(id: number): Promise<SkuMarketplace> {
    return this.simulator.api.transmission(id);
  }

  /** The seller deletes the transmission in ANYMARKET. */
  async deleteTransmission(id: number): Promise<void> {
    await this.simulator.api.control('DELETE', `/_control/anymarket/skumarketplace/${id}`);
  }

  /** Registers the seller token ANYMARKET will accept for the account. */
  async registerToken(token: string, account: { idAccount: number; oi: string }): Promise<void> {
    await this.simulator.api.registerToken(token, { id: account.idAccount, oi: account.oi });
  }

  /** PUTs to this transmission answer `status` (without being carried out), 10 000 times or until `clearFaults` or `reset`. */
  async failPutsOf(id: number, status = 503): Promise<void> {
    await this.simulator.api.control('POST', '/_control/anymarket/faults', {
      count: 10_000,
      status,
      method: 'PUT',
      pathPattern: `/skumarketplace/${id}$`,
    });
  }

  /** The status reports ANYMARKET accepted since the reset, oldest first. */
  async puts(): Promise<RecordedPut[]> {
    return (await this.calls()).flatMap((call) => {
      const id = transmissionOf(call);
      const accepted = call.method === 'PUT' && id !== undefined && call.status !== undefined && call.status < 300;
      return accepted ? [{ id, tokenHint: call.tokenHint ?? '', update: call.body as SkuMarketplaceUpdate }] : [];
    });
  }

  async putsFor(id: number): Promise<SkuMarketplaceUpdate[]> {
    return (await this.puts()).filter((put) => put.id === id).map((put) => put.update);
  }

  async lastPut(id: number): Promise<SkuMarketplaceUpdate | undefined> {
    return (await this.putsFor(id)).at(-1);
  }

  /** The transmission reads since the reset: in full, or only price and stock. */
  async reads(): Promise<Array<{ id: number; kind: 'full' | 'priceStock' }>> {
    return (await this.calls()).flatMap((call) => {
      const match = call.method === 'GET' ? TRANSMISSION_PATH.exec(call.path) : null;
      return match ? [{ id: Number(match[1]), kind: match[2] ? ('priceStock' as const) : ('full' as const) }] : [];
    });
  }

  private calls(): Promise<AnymarketCall[]> {
    return this.simulator.api.calls();
  }
}

function transmissionOf(call: AnymarketCall): number | undefined {
  const match = TRANSMISSION_PATH.exec(call.path);
  return match && !match[2] ? Number(match[1]) : undefined;
}
