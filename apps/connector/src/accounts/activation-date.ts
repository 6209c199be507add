import { registerDecorator, type ValidationOptions } from 'class-validator';

const DAY_FIRST = /^(\d{2})-(\d{2})-(\d{4})$/;
// ISO date, optionally with a time and an offset: the calendar date is the one written, in the sender's zone.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The initial order-import date as ANYMARKET sends it, to `YYYY-MM-DD`. Its docs show `dd-MM-yyyy`
 * (`09-02-2022`) and its schemas ISO dates (`2019-08-24`); both are accepted, and ISO date-times keep
 * the date as written. Undefined when the value is not a real calendar date in one of those forms.
 */
export function parseActivationDate(value: string): string | undefined {
  const dayFirst = DAY_FIRST.exec(value.trim());
  const iso = dayFirst ? undefined : ISO.exec(value.trim());
  const parts = dayFirst ? [dayFirst[3], dayFirst[2], dayFirst[1]] : iso ? [iso[1], iso[2], iso[3]] : undefined;
  if (!parts) return undefined;
  const [year, month, day] = parts.map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && year >= 1900 ? parts.join('-') : undefined;
}

/** Validates a date `parseActivationDate` accepts (null/undefined are left to @IsOptional). */
export function IsActivationDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: 'isActivationDate',
      target: target.constructor,
      propertyName: propertyKey as string,
      options: { message: '$property must be a date as dd-MM-yyyy or yyyy-MM-dd', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && parseActivationDate(value) !== undefined },
    });
}
