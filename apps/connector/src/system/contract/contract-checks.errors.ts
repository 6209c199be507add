import { DomainError } from '#common';

/** Coded errors of the live contract checks' actions (mapped to HTTP once, by the global filter). */
export class ContractChecksError extends DomainError {}

export const contractChecksErrors = {
  /**
   * 409: webhooks registered without a key would sign nothing the receiver accepts: every delivery
   * refused with a 401, and Marketplacer disables a webhook that answers a 4xx.
   */
  webhookHmacKeyMissing: () =>
    new ContractChecksError(
      'WEBHOOK_HMAC_KEY_MISSING',
      'conflict',
      'No webhook HMAC key is configured (MARKETPLACER_WEBHOOK_HMAC_KEYS): the webhooks are not repaired, since every delivery would be refused. ' +
        'Set the key, restart, and repair again',
    ),
  /** 404: no contract check has ended yet (the one started at start-up may still run). */
  contractCheckPending: (running: boolean) =>
    new ContractChecksError(
      'CONTRACT_CHECK_PENDING',
      'not_found',
      running
        ? 'No contract check has ended yet: the first one is running; POST /admin/system/contract/check answers once it ends'
        : 'No contract check has run yet: POST /admin/system/contract/check runs one',
    ),
};
