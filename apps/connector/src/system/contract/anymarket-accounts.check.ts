import { Injectable, Logger } from '@nestjs/common';
import { AnymarketError, AnymarketMarketplaceApi } from '#anymarket';
import { AccountsService, type ActiveAnymarketAccount, anymarketContextOf } from '../../accounts/index.js';

/** Accounts checked at the same time: each call spends its own token's budget, but ANYMARKET is one remote. */
const PARALLEL_ACCOUNTS = 4;

/**
 * `ok`: ANYMARKET accepted the token. `refused`: ANYMARKET answered 401/403 (the seller must save the
 * module again). `no-token`: the account was saved without one (the same remedy). `unreachable`:
 * network failure, timeout, 5xx or rate limit after the client's retries (not the seller's fault).
 * `failed`: any other answer, or a token that cannot be decrypted (ENCRYPTION_KEY).
 */
export type AnymarketAccountStatus = 'ok' | 'refused' | 'no-token' | 'unreachable' | 'failed';

/** One active account's check (never its token). */
export interface AnymarketAccountCheckResult {
  /** The connector's own id of the account (GET /admin/accounts/{id}). */
  accountId: number;
  /** ANYMARKET's account id (saveAccount's `id`); null when the account could not be read. */
  idAccount: string | null;
  oi: string | null;
  /** The account's name in ANYMARKET, as saveAccount sent it. */
  name: string | null;
  /** The Marketplacer seller it acts for. */
  seller: { sellerId: string; businessName: string } | null;
  /** Calls go to ANYMARKET's sandbox. */
  useSandbox: boolean | null;
  status: AnymarketAccountStatus;
  /** HTTP status ANYMARKET answered, when it answered with an error. */
  httpStatus: number | null;
  /** What happened and what to do, for admins; null when ok. */
  message: string | null;
}

/** The live contract check of the ANYMARKET tokens: one cheap authenticated call per active account. */
export interface AnymarketAccountsReport {
  /** No active account's token is refused or missing (an unreachable ANYMARKET does not make it false). */
  ok: boolean;
  checkedAt: string;
  /** The call made per account. */
  call: string;
  /** Accounts per status. */
  counts: Record<AnymarketAccountStatus, number>;
  /** One entry per active account, by accountId. */
  accounts: AnymarketAccountCheckResult[];
  /** A remark on the whole (e.g. every token refused: ANYMARKET_APP_ID may be wrong); null when none. */
  note: string | null;
}

/**
 * The cheapest authenticated GET of ANYMARKET's marketplace API (marketplace_pt.yaml): `GET
 * /configuration`, "Consulta todas as configurações realizadas pelo seller no ANYMARKET." — the
 * seller's own account configuration, found by the `token` header alone. It names no id (unlike `GET
 * /configuration/{id}` and `/skumarketplace/{id}`, whose 404 would hide whether the token works),
 * reads no order or transmission data (unlike `GET /orders`: "Obtém todos os pedidos do marketplace
 * na base do cliente", a sorted page), changes nothing, and answers one small object.
 */
const CHEAPEST_AUTHENTICATED_GET = 'GET /configuration';

const SAVE_AGAIN = 'the seller must save the module again in ANYMARKET (its configuration screen for this marketplace), which sends a new token';

/**
 * Checks each active account's ANYMARKET token with one `GET /configuration` through the one
 * marketplace-API client (its retries, circuit breaker and the token's request budget), a few
 * accounts at a time. Tokens never leave this class: not in the report, not in the logs.
 */
@Injectable()
export class AnymarketAccountsCheck {
  private readonly logger = new Logger('ContractCheck');

  constructor(
    private readonly accounts: AccountsService,
    private readonly anymarket: AnymarketMarketplaceApi,
  ) {}

  async run(): Promise<AnymarketAccountsReport> {
    const ids = await this.accounts.listActiveAccountIds();
    const results = (await eachBounded(ids, PARALLEL_ACCOUNTS, (id) => this.check(id))).filter((result) => result !== null);
    const counts: Record<AnymarketAccountStatus, number> = { ok: 0, refused: 0, 'no-token': 0, unreachable: 0, failed: 0 };
    for (const result of results) counts[result.status] += 1;
    const allRefused = counts.refused > 1 && counts.refused === results.length;
    return {
      ok: counts.refused === 0 && counts['no-token'] === 0,
      checkedAt: new Date().toISOString(),
      call: CHEAPEST_AUTHENTICATED_GET,
      counts,
      accounts: results,
      note: allRefused ? 'ANYMARKET refused every token: if ANYMARKET_APP_ID is wrong, it refuses every call whatever the token' : null,
    };
  }

  /** One account's check; null when it stopped being active meanwhile. Never throws. */
  private async check(accountId: number): Promise<AnymarketAccountCheckResult | null> {
    let account: ActiveAnymarketAccount | null;
    try {
      account = await this.accounts.findActiveAccountById(accountId);
    } catch (error) {
      // A token stored under another ENCRYPTION_KEY cannot be decrypted: the operator's to fix, not the seller's.
      this.logger.warn({ msg: 'ANYMARKET account could not be read for the contract check', accountId, reason: reasonOf(error) });
      return { ...unknownAccount(accountId), status: 'failed', httpStatus: null, message: `the account could not be read: ${reasonOf(error)}` };
    }
    if (account === null) return null;
    const described = describe(account);
    const context = anymarketContextOf(account);
    if (context === null) return { ...described, status: 'no-token', httpStatus: null, message: `the account was saved without a token: ${SAVE_AGAIN}` };
    try {
      await this.anymarket.getConfigurations(context);
      return { ...described, status: 'ok', httpStatus: null, message: null };
    } catch (error) {
      const result = { ...described, ...failureOf(error) };
      this.logger.warn({ msg: 'ANYMARKET token check failed', accountId, idAccount: account.idAccount, status: result.status, httpStatus: result.httpStatus });
      return result;
    }
  }
}

function failureOf(error: unknown): Pick<AnymarketAccountCheckResult, 'status' | 'httpStatus' | 'message'> {
  if (!(error instanceof AnymarketError)) return { status: 'failed', httpStatus: null, message: reasonOf(error) };
  const httpStatus = error.failure.status ?? null;
  switch (error.code) {
    case 'ANYMARKET_AUTHENTICATION_FAILED':
      return { status: 'refused', httpStatus, message: `ANYMARKET refused the token (${error.message}): ${SAVE_AGAIN}` };
    case 'ANYMARKET_UNAVAILABLE':
    case 'ANYMARKET_TIMEOUT':
    case 'ANYMARKET_RATE_LIMITED':
      return { status: 'unreachable', httpStatus, message: `${error.message}: not the seller's doing; check again later` };
    default:
      return { status: 'failed', httpStatus, message: error.message };
  }
}

function describe(account: ActiveAnymarketAccount): Omit<AnymarketAccountCheckResult, 'status' | 'httpStatus' | 'message'> {
  return {
    accountId: account.id,
    idAccount: account.idAccount,
    oi: account.oi,
    name: account.settings.accountName,
    seller: { sellerId: account.seller.sellerId, businessName: account.seller.businessName },
    useSandbox: account.settings.useSandbox,
  };
}

function unknownAccount(accountId: number): Omit<AnymarketAccountCheckResult, 'status' | 'httpStatus' | 'message'> {
  return { accountId, idAccount: null, oi: null, name: null, seller: null, useSandbox: null };
}

/** `work` over `items`, at most `limit` at once, results in the items' order. */
async function eachBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
