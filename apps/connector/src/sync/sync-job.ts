/**
 * A sync job polls one feed of the marketplace incrementally (one key per feed: a marketplace-wide
 * feed is read once and fanned out to accounts, ADR 0005). The engine owns scheduling, the lease
 * (one run of a job at a time across every replica), the cursor, the watermark, the run ledger and
 * back-off; a job only says how to process one page.
 */
export interface SyncJob {
  /** Stable name, used in the database and the admin API (e.g. `adverts`). */
  readonly name: string;
  /** How often the feed is polled when healthy. */
  readonly intervalMs: number;
  /**
   * The Marketplacer webhook types that deliver this job's changes as they happen (e.g. Invoice).
   * While they are arriving the job is only the safety net and runs less often (SyncCadence).
   */
  readonly webhookTypes?: readonly string[];
  /**
   * The Marketplacer contract feature this job is (contract-features.ts, e.g. `orders.feed`): while the
   * live contract check finds a document it needs refused, the job does not run (admins see why).
   */
  readonly contractFeature?: string;
  /**
   * Processes the page after `position.cursor` of the scan that started from `position.watermark`.
   * Must be idempotent per item: a page is processed again when a crash came between its work and
   * the engine's commit of the returned position.
   */
  processPage(position: SyncPosition): Promise<SyncPageResult>;
}

/** Where the feed's scan stands; all values are opaque to the engine. */
export interface SyncPosition {
  /** What the last completed scan reached (e.g. the newest `updatedAt` seen); null before the first. */
  watermark: string | null;
  /** Relay cursor inside the current scan; null at its start. */
  cursor: string | null;
  /** What the current scan has reached so far; becomes `watermark` when the scan completes. */
  pendingWatermark: string | null;
  /**
   * Who started the run: its schedule or an admin's trigger (a job may do more when asked by hand,
   * e.g. the listings reconciliation reconciles every seller, not only those due). Absent where a
   * caller drives `processPage` itself.
   */
  trigger?: 'schedule' | 'admin';
}

export interface SyncPageResult {
  /** The cursor after this page, or null when the scan is complete. */
  nextCursor: string | null;
  /** The scan's progress including this page (the job merges it with `position.pendingWatermark`). */
  pendingWatermark: string | null;
  counts: SyncCounts;
}

export interface SyncCounts {
  /** Items read from the remote. */
  seen: number;
  /** Items that changed something (a push, a local update). */
  changed: number;
  /** Items that failed on their own without failing the page. */
  failed: number;
}

export const NO_COUNTS: SyncCounts = { seen: 0, changed: 0, failed: 0 };

export function addCounts(a: SyncCounts, b: SyncCounts): SyncCounts {
  return { seen: a.seen + b.seen, changed: a.changed + b.changed, failed: a.failed + b.failed };
}
