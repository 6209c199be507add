/** Whose ANYMARKET data a marketplace-API call reads or writes: the seller's token and environment. */
export interface AnymarketAccountContext {
  /** The seller's ANYMARKET token (saveAccount's `user.token`). Sent as the `token` header; never logged. */
  token: string;
  /** From the account's activation: calls go to ANYMARKET's sandbox instead of production. */
  useSandbox: boolean;
}
