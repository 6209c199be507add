import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, Not, type Repository } from 'typeorm';
import { insertOrLoseRace } from '#common';
import { createOnce, MarketplacerError, MarketplacerSellers, type MarketplacerSeller, type SellerCreate } from '#marketplacer';
import { type SellerLinkEntity, SellerLinksService } from '../accounts/index.js';
import type { OnboardSellerDto } from './dto/sellers.dto.js';
import { SellerOnboardingEntity } from './entities/seller-onboarding.entity.js';
import { SellerDirectory } from './seller-directory.js';
import { inactiveReasonOf } from './seller-standing.js';
import { sellersErrors } from './sellers.errors.js';

/** The metadata key of the sellers admins onboard through the connector; the value is their `requestId`. */
export const ONBOARDING_REQUEST_KEY = 'anymarket-connector-onboarding';

/** A request still `creating` after this long died with its process: another may take it over. */
const ABANDONED_AFTER_MS = 60_000;
/** The look-up after a lost answer reads sellers changed since a little before the request (clocks differ). */
const LOOK_UP_MARGIN_MS = 10 * 60_000;

export interface Onboarded {
  created: boolean;
  seller: MarketplacerSeller;
  link: SellerLinkEntity;
  /** The integration secret, when it can be shown (a new link, or one no organisation has used yet). */
  secret: string | null;
}

/**
 * Onboarding from the admin API: `sellerCreate` for a seller that sells through ANYMARKET, and its
 * seller link in the same step. The request is recorded under its requestId before Marketplacer is
 * called, and the requestId rides in the seller's metadata, so a repeat after a lost answer (ours or
 * Marketplacer's) finds the seller instead of making a second one. Marketplacer's refusals come back
 * as they are (422 with its messages), and the request can then be repeated with corrected details.
 */
@Injectable()
export class SellerOnboardingService {
  private readonly logger = new Logger('Sellers');

  constructor(
    @InjectRepository(SellerOnboardingEntity) private readonly requests: Repository<SellerOnboardingEntity>,
    private readonly marketplacer: MarketplacerSellers,
    private readonly directory: SellerDirectory,
    private readonly links: SellerLinksService,
  ) {}

  async onboard(body: OnboardSellerDto): Promise<Onboarded> {
    const request = await this.claim(body);
    if (request.state === 'created') return this.repeated(request);
    try {
      const made = await createOnce(
        {
          what: 'seller',
          externalId: body.requestId,
          find: () => this.marketplacer.findSellersByMetadata(ONBOARDING_REQUEST_KEY, body.requestId, lookUpSince(request)),
          create: () => this.marketplacer.createSeller(sellerCreateOf(body)),
        },
        this.logger,
      );
      await this.directory.keepAnswer(made.record);
      const { link, secret } = await this.linkOf(made.record);
      await this.settle(request, { state: 'created', sellerId: made.record.id, sellerLinkId: link.id, lastError: null });
      this.logger.log({ msg: 'seller onboarded', requestId: body.requestId, sellerId: made.record.id, linkId: link.id, madeNow: made.created });
      return { created: made.created, seller: made.record, link, secret };
    } catch (error) {
      const refused = error instanceof MarketplacerError && error.code === 'MARKETPLACER_VALIDATION_FAILED';
      await this.settle(request, { state: refused ? 'refused' : 'failed', lastError: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  /**
   * Records the request before anything is called, or takes over its earlier record: the same
   * details only (another seller under a used requestId is refused), and never while another
   * request is calling Marketplacer for it.
   */
  private async claim(body: OnboardSellerDto): Promise<SellerOnboardingEntity> {
    const now = new Date();
    const detailsHash = hashOf(body);
    const fresh = { requestId: body.requestId, state: 'creating' as const, detailsHash, userEmail: body.user.emailAddress.trim().toLowerCase() };
    const recorded = await insertOrLoseRace(
      async (): Promise<SellerOnboardingEntity | null> => {
        await this.requests.insert({ ...fresh, sellerId: null, sellerLinkId: null, lastError: null, requestedAt: now, updatedAt: now });
        return this.requests.findOneByOrFail({ requestId: body.requestId });
      },
      // Recorded before (a repeat, or the same request twice at once): take the earlier record over below.
      () => Promise.resolve(null),
    );
    if (recorded) return recorded;
    const earlier = await this.requests.findOneByOrFail({ requestId: body.requestId });
    if (earlier.state === 'created') {
      if (earlier.detailsHash !== detailsHash) throw sellersErrors.onboardingRequestIdReused(body.requestId, earlier.sellerId!);
      return earlier;
    }
    // Refused details may be corrected and sent again under the same requestId; nothing was made.
    const detailsFixed = earlier.state === 'refused' ? { detailsHash, userEmail: fresh.userEmail } : {};
    if (earlier.state !== 'refused' && earlier.detailsHash !== detailsHash) throw sellersErrors.onboardingRequestIdReused(body.requestId, null);
    const taken = await this.requests.update(
      [
        { requestId: body.requestId, state: In(['failed', 'refused']) },
        { requestId: body.requestId, state: 'creating', updatedAt: LessThan(new Date(now.getTime() - ABANDONED_AFTER_MS)) },
      ],
      { state: 'creating', updatedAt: now, ...detailsFixed },
    );
    if (!taken.affected) {
      const current = await this.requests.findOneByOrFail({ requestId: body.requestId });
      if (current.state === 'created') return current;
      throw sellersErrors.onboardingInProgress(body.requestId);
    }
    return { ...earlier, ...detailsFixed, state: 'creating', updatedAt: now };
  }

  /** A repeat of a finished onboarding: the seller and link it made, with a new secret while no organisation uses the link. */
  private async repeated(request: SellerOnboardingEntity): Promise<Onboarded> {
    const seller = await this.directory.refresh(request.sellerId!);
    if (!seller) throw sellersErrors.sellerNotInDirectory(request.sellerId!);
    const link = await this.links.get(request.sellerLinkId!);
    if (link.revokedAt || link.anymarketOi !== null) return { created: false, seller, link, secret: null };
    const rotated = await this.links.rotateSecret(link.id);
    return { created: false, seller, link: rotated.link, secret: rotated.secret };
  }

  /** The seller's link: made now, or the active one an earlier attempt made. */
  private async linkOf(seller: MarketplacerSeller): Promise<{ link: SellerLinkEntity; secret: string | null }> {
    const existing = (await this.links.list('active')).find((link) => link.sellerId === seller.id);
    if (existing) {
      if (existing.anymarketOi !== null) return { link: existing, secret: null };
      return this.links.rotateSecret(existing.id);
    }
    return this.links.issue(seller, inactiveReasonOf({ ...seller, deleted: false }));
  }

  private async settle(request: SellerOnboardingEntity, change: Partial<SellerOnboardingEntity>): Promise<void> {
    await this.requests.update({ requestId: request.requestId, state: Not('created') }, { ...change, updatedAt: new Date() });
  }
}

function lookUpSince(request: SellerOnboardingEntity): string {
  return new Date(request.requestedAt.getTime() - LOOK_UP_MARGIN_MS).toISOString();
}

/** The details that make the seller (everything but the requestId), hashed to tell a repeat from a new seller. */
function hashOf(body: OnboardSellerDto): string {
  const { metadata: _metadata, ...details } = sellerCreateOf(body);
  return createHash('sha256').update(JSON.stringify(details)).digest('hex');
}

function sellerCreateOf(body: OnboardSellerDto): SellerCreate {
  return {
    accountType: body.accountType ?? 'RETAILER',
    businessName: body.businessName.trim(),
    legalBusinessName: body.legalBusinessName.trim(),
    businessRegistrationCode: body.businessRegistrationCode,
    emailAddress: body.emailAddress,
    phone: body.phone.trim(),
    mobile: body.mobile,
    storeDescription: body.storeDescription,
    user: { firstName: body.user.firstName.trim(), surname: body.user.surname.trim(), emailAddress: body.user.emailAddress.trim() },
    address: body.address,
    metadata: [{ key: ONBOARDING_REQUEST_KEY, value: body.requestId }],
  };
}
