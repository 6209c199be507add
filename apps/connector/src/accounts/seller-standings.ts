import { Injectable } from '@nestjs/common';
import type { MarketplacerSeller } from '#marketplacer';

/** What the seller directory knows of whether a seller may trade. */
export interface SellerStanding {
  /** False when Marketplacer has no such seller at all. */
  exists: boolean;
  active: boolean;
  /** Why the seller may not trade (for logs and admins); null while it may. */
  inactiveReason: string | null;
  businessName: string | null;
}

/** What Accounts asks of the seller directory (the Sellers context's), for activation and new links. */
export interface SellerStandingSource {
  /** Whether the seller (global id) may trade, as the directory knows it now. */
  standingOf(sellerId: string): Promise<SellerStanding>;
  /** The seller (global or legacy id) read from Marketplacer now (and kept by the directory); null when there is none. */
  readNow(reference: string): Promise<MarketplacerSeller | null>;
}

/**
 * Accounts' way to the seller directory. The Sellers context depends on Accounts (it issues links and
 * tells Accounts each seller's standing), so Accounts cannot import it back: the directory registers
 * itself here when the application starts, and Accounts asks through this port.
 */
@Injectable()
export class SellerStandings implements SellerStandingSource {
  private source: SellerStandingSource | null = null;

  /** Called once at start by the seller directory. */
  answeredBy(source: SellerStandingSource): void {
    this.source = source;
  }

  async standingOf(sellerId: string): Promise<SellerStanding> {
    return this.directory().standingOf(sellerId);
  }

  async readNow(reference: string): Promise<MarketplacerSeller | null> {
    return this.directory().readNow(reference);
  }

  private directory(): SellerStandingSource {
    if (!this.source) throw new Error("No seller directory answers for sellers' standing: the Sellers context is not part of this application");
    return this.source;
  }
}
