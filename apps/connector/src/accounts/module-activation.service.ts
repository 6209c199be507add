import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import type { AnymarketIdentity } from '#anymarket';
import type { AccountsConfig } from './accounts.config.js';
import { AccountsService } from './accounts.service.js';
import { activationCredentialsFrom, type ActivationAuthFieldNames } from './activation-credentials.js';
import type { SaveAccountDto } from './dto/activation.dto.js';
import { SellerIdentityService } from './seller-identity.service.js';

/** ANYMARKET's module activation: testIntegration checks who the seller is, saveAccount stores the account. */
@Injectable()
export class ModuleActivationService {
  private readonly authFields: ActivationAuthFieldNames;

  constructor(
    private readonly identity: SellerIdentityService,
    private readonly accounts: AccountsService,
    @Inject(APP_CONFIG) config: AccountsConfig,
  ) {
    this.authFields = { storeId: config.accountAuthFieldStoreId, password: config.accountAuthFieldPassword };
  }

  /**
   * Only the identity matters here: the settings are stored by saveAccount, and testIntegration's
   * documented example even carries the placeholder `"dd-MM-yyyy"` as its date.
   */
  async testIntegration(caller: AnymarketIdentity, rawBody: unknown): Promise<true> {
    await this.identity.identify(caller.oi, activationCredentialsFrom(rawBody, this.authFields));
    return true;
  }

  async saveAccount(caller: AnymarketIdentity, body: SaveAccountDto, rawBody: unknown): Promise<true> {
    const link = await this.identity.identify(caller.oi, activationCredentialsFrom(rawBody, this.authFields));
    await this.accounts.saveFromActivation(caller.oi, link, body);
    return true;
  }
}
