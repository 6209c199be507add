import type { Order, OrderStatus } from '#anymarket';
import type { OrderEntity } from '../entities/order.entity.js';
import { isStepForward } from '../order-status.js';

/** What the connector keeps of its order that a comparison needs. */
export type ComparedOrder = Pick<OrderEntity, 'id' | 'state' | 'anymarketStatus' | 'targetStatus' | 'updatedAt'>;

/**
 * One ANYMARKET order (an item of `GET /orders`) against the connector's order with its marketPlaceId:
 * - `not-ours`: another account's order (its `idAccount` is not this account's): that account's run compares it;
 * - `unknown`: the connector has no such order: reported, never created or changed;
 * - `busy`: the order has work under way or changed after the list was read: the next run compares it;
 * - `behind`: ANYMARKET's status is behind what the invoice calls for: the order's work is queued again
 *   from ANYMARKET's status, and the existing transitions move it forward;
 * - `ahead`: ANYMARKET's status is past what the invoice calls for and the connector did not know it
 *   (the change never reached it): reported, never moved back. One the connector knows (the seller
 *   invoiced or shipped in ANYMARKET and told it) is the ANYMARKET-changes path's, not a divergence;
 * - `adopt`: ANYMARKET has what the invoice calls for but the connector believed another status (an
 *   answer lost after the call took effect): ANYMARKET's status is kept;
 * - `in-step`: nothing differs, nothing is done.
 */
export type Comparison =
  | { kind: 'not-ours' }
  | { kind: 'unknown' }
  | { kind: 'busy' }
  | { kind: 'behind'; anymarketStatus: OrderStatus }
  | { kind: 'ahead'; anymarketStatus: OrderStatus }
  | { kind: 'adopt'; anymarketStatus: OrderStatus }
  | { kind: 'in-step' };

/**
 * Whether an order of `GET /orders` is this account's. The list is the marketplace's orders in the
 * seller's ANYMARKET (the appId's and the token's), which may hold several of our accounts when they
 * share a token: the connector sends `idAccount` with every order it creates, so an order naming
 * another account is that one's. One without `idAccount` is taken as this account's (INFERRED: the
 * spec's Order carries OrderPost's idAccount, but does not say ANYMARKET always answers it).
 */
export function isAccountOrder(order: Pick<Order, 'idAccount'>, idAccount: string): boolean {
  return order.idAccount === undefined || order.idAccount === null || String(order.idAccount) === idAccount;
}

/** Compares one listed ANYMARKET order with the connector's (null: none with its marketPlaceId); `readAt`: when its page was asked for. */
export function compareOrder(theirs: Pick<Order, 'idAccount' | 'status'>, ours: ComparedOrder | null, idAccount: string, readAt: Date): Comparison {
  if (!isAccountOrder(theirs, idAccount)) return { kind: 'not-ours' };
  if (ours === null) return { kind: 'unknown' };
  // A run under way settles the order itself (it reads ANYMARKET back when refused); a change after
  // the read may already be what ANYMARKET answers now.
  if (ours.state === 'pending' || ours.updatedAt >= readAt) return { kind: 'busy' };
  // ANYMARKET answers no status only for an order it has not finished creating (INFERRED): compared next run.
  const status = theirs.status;
  if (!status) return { kind: 'busy' };
  if (isStepForward(status, ours.targetStatus)) return { kind: 'behind', anymarketStatus: status };
  if (status === ours.anymarketStatus) return { kind: 'in-step' };
  if (isStepForward(ours.targetStatus, status)) return { kind: 'ahead', anymarketStatus: status };
  return { kind: 'adopt', anymarketStatus: status };
}

/** Statuses of a paid invoice: the order must exist in ANYMARKET (cancelled ones may never have). */
export const PAID_STATUSES: readonly OrderStatus[] = ['PAID', 'INVOICED', 'SHIPPED', 'DELIVERED'];

/** What the connector keeps of an order that the "missing in ANYMARKET" rule needs. */
export type PushCandidate = Pick<OrderEntity, 'marketPlaceId' | 'anymarketOrderId' | 'targetStatus' | 'state' | 'createdAt' | 'updatedAt' | 'nextAttemptAt'>;

/**
 * Whether a paid order ANYMARKET lacks is pushed again: no ANYMARKET order id here, not in
 * ANYMARKET's complete list (`listed`), recorded more than `pushAfterMs` ago, and not in the middle of
 * its work (a pending one only when its work has been due for as long: a lost job). The create
 * carries its marketPlaceId, so if ANYMARKET has it after all its refusal adopts it: never a second order.
 */
export function needsPushAgain(order: PushCandidate, listed: ReadonlySet<string>, now: Date, pushAfterMs: number): boolean {
  if (order.anymarketOrderId !== null || !PAID_STATUSES.includes(order.targetStatus) || listed.has(order.marketPlaceId)) return false;
  const before = now.getTime() - pushAfterMs;
  if (order.createdAt.getTime() > before) return false;
  if (order.state === 'synced' || order.state === 'error') return true;
  if (order.state === 'pending') return (order.nextAttemptAt ?? order.updatedAt).getTime() <= before;
  return false;
}
