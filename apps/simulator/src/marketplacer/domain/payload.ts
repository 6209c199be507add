import { legacyIdOf } from '../state/global-id.js';

/** Marketplacer's `ValidationError { field, messages }` (mutation payloads answer HTTP 200 with these). */
export interface ValidationError {
  field: string;
  messages: string[];
}

/**
 * `status: Int!` of a mutation payload. INFERRED: its values are undocumented; the simulator uses
 * HTTP-like codes: 200 done, 404 an id names nothing, 422 the input was refused.
 */
export const STATUS_OK = 200;
export const STATUS_NOT_FOUND = 404;
export const STATUS_INVALID = 422;

export interface Outcome {
  status: number;
  errors: ValidationError[];
}

/** Collects field messages; a mutation changes nothing when any were added. */
export class FieldErrors {
  private readonly byField = new Map<string, string[]>();
  private notFound = false;

  add(field: string, message: string): this {
    const messages = this.byField.get(field) ?? [];
    messages.push(message);
    this.byField.set(field, messages);
    return this;
  }

  /** Marketplacer's documented wording for an id that names nothing. */
  addNotFound(field: string, id: unknown): this {
    this.notFound = true;
    return this.add(field, `No object found for ${field.split('.').at(-1)}: ${String(id)}`);
  }

  get any(): boolean {
    return this.byField.size > 0;
  }

  outcome(): Outcome {
    const errors = [...this.byField].map(([field, messages]) => ({ field, messages }));
    return { status: this.notFound && errors.length === 1 ? STATUS_NOT_FOUND : STATUS_INVALID, errors };
  }
}

export function ok(): Outcome {
  return { status: STATUS_OK, errors: [] };
}

export function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === '';
}

/** The record a global id names, adding the not-found message when it names nothing of that type. */
export function lookup<T>(errors: FieldErrors, field: string, id: string | null | undefined, type: string, table: Map<number, T>): T | undefined {
  if (id === null || id === undefined) return undefined;
  const legacyId = legacyIdOf(id, type);
  const record = legacyId === undefined ? undefined : table.get(legacyId);
  if (!record) errors.addNotFound(field, id);
  return record;
}

export interface KeyValueInput {
  key: string;
  value?: string | null;
}

export function keyValues(input: readonly KeyValueInput[] | null | undefined): { key: string; value: string | null }[] {
  return (input ?? []).map((entry) => ({ key: entry.key, value: entry.value ?? null }));
}
