import type { MarketplacerState } from '../state/marketplacer-state.js';
import type { SellerAccountType, SellerRecord } from '../state/records.js';
import { addressRecord } from './orders.js';
import { FieldErrors, isBlank, keyValues, lookup, ok, type KeyValueInput, type Outcome } from './payload.js';

export interface SellerInput {
  accountType: SellerAccountType;
  businessName: string;
  legalBusinessName: string;
  businessRegistrationCode?: string | null;
  emailAddress?: string | null;
  phone: string;
  storeDescription?: string | null;
  metadata?: KeyValueInput[] | null;
  user: { firstName: string; surname: string; emailAddress: string };
  address: {
    address?: string | null;
    subaddress?: string | null;
    city?: string | null;
    postcode?: string | null;
    state?: { short?: string | null; name?: string | null } | null;
    country?: { code?: string | null } | null;
  };
}

export type SellerUpdateInput = Partial<{
  accountType: SellerAccountType | null;
  businessName: string | null;
  legalBusinessName: string | null;
  emailAddress: string | null;
  phone: string | null;
  storeDescription: string | null;
  businessNumber: string | null;
}>;

export type SellerOutcome = Outcome & { seller: SellerRecord | null };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function createSeller(state: MarketplacerState, input: { attributes: SellerInput }): SellerOutcome {
  const errors = new FieldErrors();
  const a = input.attributes;
  for (const field of ['businessName', 'legalBusinessName', 'phone'] as const) if (isBlank(a[field])) errors.add(field, "can't be blank");
  for (const field of ['firstName', 'surname', 'emailAddress'] as const) if (isBlank(a.user[field])) errors.add(`user.${field}`, "can't be blank");
  if (!isBlank(a.user.emailAddress) && !EMAIL.test(a.user.emailAddress)) errors.add('user.emailAddress', 'is invalid');
  if ([...state.sellers.values()].some((s) => s.primaryUser.emailAddress.toLowerCase() === a.user.emailAddress.trim().toLowerCase())) {
    errors.add('user.emailAddress', 'has already been taken');
  }
  if (isBlank(a.address.address)) errors.add('address.address', "can't be blank");
  if (isBlank(a.address.city)) errors.add('address.city', "can't be blank");
  if (errors.any) return { ...errors.outcome(), seller: null };

  const now = state.now();
  const seller: SellerRecord = {
    kind: 'Seller',
    legacyId: state.nextId('Seller'),
    businessName: a.businessName.trim(),
    legalBusinessName: a.legalBusinessName.trim(),
    businessNumber: a.businessRegistrationCode ?? '',
    accountType: a.accountType,
    // INFERRED: a RETAILER created by the operator is live at once; a PROSPECTIVE one awaits review.
    online: a.accountType === 'RETAILER',
    advertVettingRequired: false,
    emailAddress: a.emailAddress ?? a.user.emailAddress,
    phone: a.phone,
    storeDescription: a.storeDescription ?? null,
    address: addressRecord(state, a.address),
    primaryUser: { id: state.nextId('User'), firstName: a.user.firstName, surname: a.user.surname, emailAddress: a.user.emailAddress.trim() },
    externalIds: [],
    metadata: keyValues(a.metadata),
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
  state.sellers.set(seller.legacyId, seller);
  state.emit('Seller', seller.legacyId, 'create');
  return { ...ok(), seller };
}

export function updateSeller(state: MarketplacerState, input: { sellerId?: string | null; attributes?: SellerUpdateInput | null }): SellerOutcome {
  const errors = new FieldErrors();
  if (isBlank(input.sellerId)) errors.add('sellerId', "can't be blank");
  const seller = lookup(errors, 'sellerId', input.sellerId, 'Seller', state.sellers);
  if (seller?.deletedAt) errors.add('sellerId', 'Seller has been deleted');
  const a = input.attributes ?? {};
  for (const field of ['businessName', 'legalBusinessName', 'phone'] as const)
    if (a[field] !== undefined && isBlank(a[field])) errors.add(field, "can't be blank");
  if (errors.any || !seller) return { ...errors.outcome(), seller: null };

  if (a.accountType) changeAccountType(seller, a.accountType);
  if (a.businessName) seller.businessName = a.businessName.trim();
  if (a.legalBusinessName) seller.legalBusinessName = a.legalBusinessName.trim();
  if (a.phone) seller.phone = a.phone;
  if (a.emailAddress !== undefined && a.emailAddress !== null) seller.emailAddress = a.emailAddress;
  if (a.storeDescription !== undefined) seller.storeDescription = a.storeDescription ?? null;
  if (a.businessNumber !== undefined && a.businessNumber !== null) seller.businessNumber = a.businessNumber;
  touchSeller(state, seller);
  return { ...ok(), seller };
}

/** INFERRED: approving a PROSPECTIVE seller (to RETAILER) puts it online; demoting takes it offline. */
function changeAccountType(seller: SellerRecord, accountType: SellerAccountType): void {
  if (seller.accountType === accountType) return;
  seller.accountType = accountType;
  seller.online = accountType === 'RETAILER';
}

/** Operator-portal edit of a seller (the control API uses it). */
export function editSeller(
  state: MarketplacerState,
  seller: SellerRecord,
  change: { online?: boolean; accountType?: SellerAccountType; deleted?: boolean },
): void {
  if (change.accountType) changeAccountType(seller, change.accountType);
  if (change.online !== undefined) seller.online = change.online;
  const now = state.now();
  if (change.deleted && seller.deletedAt === null) {
    seller.deletedAt = now;
    seller.online = false;
    seller.updatedAt = now;
    state.emit('Seller', seller.legacyId, 'destroy');
    return;
  }
  touchSeller(state, seller, now);
}

function touchSeller(state: MarketplacerState, seller: SellerRecord, now = state.now()): void {
  seller.updatedAt = now;
  state.emit('Seller', seller.legacyId, 'update');
}
