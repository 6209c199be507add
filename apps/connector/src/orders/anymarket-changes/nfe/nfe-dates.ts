import { nfeErrors } from './nfe.errors.js';

/** TDateTimeUTC of layout 4.00: local date and time with the UTC offset, e.g. 2019-09-11T15:57:56-03:00. */
const DATE_TIME_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d[+-](?:0\d|1[0-4]):[0-5]\d$/;
/** TData of the layouts before 3.10 (dEmi): the date alone. */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `dhEmi` as given, when it is a real date and time with an offset; else a coded refusal naming `path`. */
export function validDateTimeWithOffset(value: string, path: string): string {
  const match = DATE_TIME_WITH_OFFSET.exec(value);
  if (!match || !isCalendarDate(match)) throw nfeErrors.fieldInvalid(path, value, 'a date and time with its UTC offset, e.g. 2019-09-11T15:57:56-03:00');
  return value;
}

/** `dEmi` as given, when it is a real calendar date; else a coded refusal naming `path`. */
export function validDate(value: string, path: string): string {
  const match = DATE.exec(value);
  if (!match || !isCalendarDate(match)) throw nfeErrors.fieldInvalid(path, value, 'a date, e.g. 2019-09-11');
  return value;
}

function isCalendarDate([, year, month, day]: RegExpExecArray): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}
