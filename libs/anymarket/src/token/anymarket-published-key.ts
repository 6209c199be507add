/**
 * ANYMARKET's public key for x-anymarket-token (RSA-1024, SPKI base64), verbatim from the marketplace
 * docs (danilorcte/marketplace_pt docs/remotes/autenticacao.md @ 8b87274). The published sample token
 * verifies with it. Whether ANYMARKET has rotated it since 2022 is unknown: override with
 * ANYMARKET_PUBLIC_KEY.
 */
export const ANYMARKET_PUBLISHED_PUBLIC_KEY =
  'MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDVfxWEym1WAYwGhrNjvEUWRgB+p9oUPGu59yePzUT+I/d+C2x9xjURa/Zc+VVZsK2OrHga1+4X4iO1q+nWhmXkD5VysCaJ9vf7IVntWogFpaBauG2EI7J93Y/sKUBxwxSDZPKhovsaM3DxoNCfW4lUHAWnlIuzPx302TBGtfCpUwIDAQAB';
