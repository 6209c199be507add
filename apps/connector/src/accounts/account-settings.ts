import { parseActivationDate } from './activation-date.js';
import type { SaveAccountDto } from './dto/activation.dto.js';
import type { DiscountType } from './entities/anymarket-account.entity.js';

/** An account's settings as the rest of the connector reads them. */
export interface AccountSettings {
  accountName: string | null;
  templateId: string | null;
  discountType: DiscountType;
  discountValue: number;
  /** Extra markup multiplier, as sent (ANYMARKET's own examples include 0 and 1). */
  priceFactor: number;
  useSandbox: boolean;
  accountDefault: boolean;
  updatePriceStockStatus: boolean;
  additionOfFreight: number;
  /** `YYYY-MM-DD`, or null when none was sent. */
  initialOrderImportDate: string | null;
}

/** The settings of a stored account (or anything that carries them), and nothing else. */
/** What a new account holds for a setting ANYMARKET left out (the schema's defaults; neutral values elsewhere). */
export const DEFAULT_ACCOUNT_SETTINGS: AccountSettings = {
  accountName: null,
  templateId: null,
  discountType: 'PERCENT',
  discountValue: 0,
  priceFactor: 1,
  useSandbox: false,
  accountDefault: false,
  updatePriceStockStatus: false,
  additionOfFreight: 0,
  initialOrderImportDate: null,
};

const SETTING_KEYS = Object.keys(DEFAULT_ACCOUNT_SETTINGS) as Array<keyof AccountSettings>;

/** The settings of a stored account (or anything else that carries them), and nothing more. */
export function settingsOf(source: AccountSettings): AccountSettings {
  return Object.fromEntries(SETTING_KEYS.map((key) => [key, source[key]])) as unknown as AccountSettings;
}

/**
 * The settings a (validated) saveAccount body describes. ANYMARKET sends the whole configuration
 * each time; should a field be missing, the account keeps what it had (a new one takes the default),
 * so a partial body never resets settings. An explicit null clears the nullable settings (name,
 * template, date). The date comes under either of ANYMARKET's two keys; `initialDateForOrderImport`
 * wins when both are sent.
 */
export function settingsFrom(body: SaveAccountDto, previous: AccountSettings = DEFAULT_ACCOUNT_SETTINGS): AccountSettings {
  const keep = <K extends keyof AccountSettings>(key: K, value: AccountSettings[K] | null | undefined): AccountSettings[K] =>
    value === undefined || value === null ? previous[key] : value;
  const clearable = <K extends keyof AccountSettings>(key: K, value: AccountSettings[K] | null | undefined): AccountSettings[K] =>
    value === undefined ? previous[key] : (value as AccountSettings[K]);
  return {
    accountName: clearable('accountName', body.accountName),
    templateId: clearable('templateId', body.templateId === undefined || body.templateId === null ? body.templateId : String(body.templateId)),
    discountType: keep('discountType', body.discountType),
    discountValue: keep('discountValue', body.discountValue),
    priceFactor: keep('priceFactor', body.priceFactor),
    useSandbox: keep('useSandbox', body.useSandbox),
    accountDefault: keep('accountDefault', body.accountDefault),
    updatePriceStockStatus: keep('updatePriceStockStatus', body.updatePriceStockStatus),
    additionOfFreight: keep('additionOfFreight', body.additionOfFreight),
    initialOrderImportDate: clearable('initialOrderImportDate', initialDateOf(body)),
  };
}

function initialDateOf(body: SaveAccountDto): string | null | undefined {
  const raw = [body.initialDateForOrderImport, body.initialDateOrderImport].find((value) => value !== undefined && value !== null);
  if (raw !== undefined) return parseActivationDate(raw) ?? null;
  if (body.initialDateForOrderImport === null || body.initialDateOrderImport === null) return null;
  return undefined;
}
