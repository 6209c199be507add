/** What the seller typed into the module screen to prove who it is. */
export interface ActivationCredentials {
  storeId?: string;
  password?: string;
}

export interface ActivationAuthFieldNames {
  storeId: string;
  password: string;
}

/**
 * The seller's auth fields from an activation body. They are flat top-level keys whose names the
 * marketplace chose on ANYMARKET's form (configurable), so they are not DTO properties; a store id
 * sent as a JSON number is read as its digits.
 */
export function activationCredentialsFrom(body: unknown, names: ActivationAuthFieldNames): ActivationCredentials {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const record = body as Record<string, unknown>;
  const storeId = record[names.storeId];
  const password = record[names.password];
  return {
    storeId:
      typeof storeId === 'string' && storeId.trim() !== ''
        ? storeId.trim()
        : typeof storeId === 'number' && Number.isSafeInteger(storeId)
          ? String(storeId)
          : undefined,
    password: typeof password === 'string' && password !== '' ? password : undefined,
  };
}
