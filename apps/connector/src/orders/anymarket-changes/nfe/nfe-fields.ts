import { nfeErrors } from './nfe.errors.js';
import { childText, type XmlElement } from './nfe-xml.js';

/** `value`, or a coded refusal saying the document has no `path` (`meaning` says what that field is). */
export function required<T>(value: T | undefined, path: string, meaning: string): T {
  if (value === undefined) throw nfeErrors.fieldMissing(path, meaning);
  return value;
}

export function requiredText(parent: XmlElement, name: string, path: string, meaning: string): string {
  return required(childText(parent, name, path), path, meaning);
}

/** `value` when it matches `pattern`; else a coded refusal quoting it and saying what was `expected`. */
export function matching(value: string, pattern: RegExp, path: string, expected: string): string {
  if (!pattern.test(value)) throw nfeErrors.fieldInvalid(path, value, expected);
  return value;
}

export function optionalMatching(parent: XmlElement, name: string, path: string, pattern: RegExp, expected: string): string | undefined {
  const value = childText(parent, name, path);
  return value === undefined ? undefined : matching(value, pattern, path, expected);
}
