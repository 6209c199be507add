import { ValidationFailedError } from '#common';
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

/** The highest markup factor an account may set (a factor is a multiplier such as 1.3; 100 is already absurd). */
export const MAX_PRICE_FACTOR = 100;
/** The highest discount (VALUE, in currency units) and freight addition an account may set. */
export const MAX_MONEY_SETTING = 1_000_000;

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

/**
 * Settings that cannot make sense together, whatever each field says alone: a PERCENT discount of
 * 100 or more would give the seller's items away. Checked on the merged settings (saveAccount may
 * leave discountType out and keep the stored one). A 400 naming the field, nothing stored.
 */
export function assertSensibleSettings(settings: AccountSettings): void {
  if (settings.discountType === 'PERCENT' && settings.discountValue >= 100) {
    throw new ValidationFailedError([{ field: 'discountValue', messages: ['a PERCENT discount must be below 100 (the items would be free)'] }]);
  }
}

/**
 * The import date a configuration carries, under either of ANYMARKET's two keys (`initialDateForOrderImport`
 * wins), as `YYYY-MM-DD`; null when it is explicitly null (or not a date), undefined when absent.
 */
export function initialDateOf(body: Pick<SaveAccountDto, 'initialDateForOrderImport' | 'initialDateOrderImport'>): string | null | undefined {
  const raw = [body.initialDateForOrderImport, body.initialDateOrderImport].find((value) => value !== undefined && value !== null);
  if (raw !== undefined) return parseActivationDate(raw) ?? null;
  if (body.initialDateForOrderImport === null || body.initialDateOrderImport === null) return null;
  return undefined;
}
