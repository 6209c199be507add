import { encryptionConfigShape, env, type ConfigValues } from '#common';

/** Variables of the Accounts context (seller links, ANYMARKET accounts, encryption at rest). */
export const accountsConfigShape = {
  ...encryptionConfigShape,
  accountAuthFieldStoreId: env.string({
    name: 'ACCOUNT_AUTH_FIELD_STORE_ID',
    description: "Name of the module-screen field (as registered on ANYMARKET's marketplace form) that carries the seller's store id",
    default: 'storeId',
  }),
  accountAuthFieldPassword: env.string({
    name: 'ACCOUNT_AUTH_FIELD_PASSWORD',
    description: 'Name of the module-screen field that carries the integration secret issued with the seller link',
    default: 'password',
  }),
};

/** The slice of the connector config this context reads. */
export type AccountsConfig = ConfigValues<typeof accountsConfigShape> & { readonly demoMode: boolean; readonly dataDir: string };
