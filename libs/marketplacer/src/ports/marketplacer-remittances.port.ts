import type { PageOf, PageRequest } from './paging.js';

/** A `Remittance`: what the seller is owed for one invoice (or amendment), held until released. */
export interface MarketplacerRemittance {
  id: string;
  /** Integer cents, read from `amountFormatted`. */
  amountCents: number;
  /** Integer cents, read from `commissionAmountFormatted`; null when Marketplacer gives none. */
  commissionCents: number | null;
  createdAt: string;
  released: boolean;
  pendingReasons: string[];
  invoice: { id: string; legacyId: number } | null;
  seller: { id: string; legacyId: number; businessName: string };
}

/** A `RemittanceAdvice`: released remittances grouped for one payment to the seller. */
export interface MarketplacerRemittanceAdvice {
  id: string;
  legacyId: number;
  createdAt: string | null;
  paidAt: string | null;
  paymentReference: string | null;
  /** Integer cents: the remittances' total. */
  totalCents: number;
  /** Integer cents paid, once recorded (`totalPaidFormatted`, INFERRED field); null before. */
  totalPaidCents: number | null;
  commissionCents: number | null;
  seller: { id: string; legacyId: number; businessName: string };
  remittances: Array<{ id: string; amountCents: number; released: boolean }>;
}

/** `remittanceAdviceUpdate` input: the payment made for an advice. */
export interface RemittanceAdviceUpdate {
  remittanceAdviceId: string;
  totalPaidCents: number;
  /** ISO 8601. */
  paidAt?: string;
  paymentReference?: string;
}

/**
 * Port: remittances and remittance advices in Marketplacer (OPERATOR-API-NOTES §7.5). The query root
 * fields `remittances` and `remittanceAdvices` and both mutation names are INFERRED (see
 * schema.graphql); they take paging only, so a copy is kept by reading them whole.
 */
export abstract class MarketplacerRemittances {
  abstract listRemittances(page: PageRequest): Promise<PageOf<MarketplacerRemittance>>;
  abstract listRemittanceAdvices(page: PageRequest): Promise<PageOf<MarketplacerRemittanceAdvice>>;
  /** One remittance advice by global id; null when there is none. */
  abstract findRemittanceAdvice(id: string): Promise<MarketplacerRemittanceAdvice | null>;
  /** `remittancesRelease`: the released remittances as Marketplacer answers them. */
  abstract releaseRemittances(remittanceIds: string[]): Promise<MarketplacerRemittance[]>;
  /** `remittanceAdviceUpdate`: records the payment of an advice. */
  abstract updateRemittanceAdvice(update: RemittanceAdviceUpdate): Promise<MarketplacerRemittanceAdvice>;
}
