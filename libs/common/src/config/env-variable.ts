/**
 * A typed, documented environment variable. Every variable the connector or the simulator reads is
 * declared once with one of these; `loadConfig` parses them all at boot and the README lists them.
 */
export interface EnvVariable<T> {
  readonly name: string;
  readonly description: string;
  /** What the README shows as the default (a generated value is described in words). */
  readonly defaultLabel: string;
  /** Parses the raw value; `undefined` means unset. Throws `Error` with a human reason when invalid. */
  parse(raw: string | undefined): T;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

type Options<T> = { name: string; description: string; default: T; defaultLabel?: string };
type OptionalOptions = { name: string; description: string; defaultLabel?: string };

const blankToUndefined = (raw: string | undefined): string | undefined => (raw === undefined || raw.trim() === '' ? undefined : raw.trim());

function variable<T>(name: string, description: string, defaultLabel: string, parse: (value: string) => T, fallback: () => T): EnvVariable<T> {
  return {
    name,
    description,
    defaultLabel,
    parse(raw) {
      const value = blankToUndefined(raw);
      return value === undefined ? fallback() : parse(value);
    },
  };
}

export const env = {
  string(o: Options<string>): EnvVariable<string> {
    return variable(
      o.name,
      o.description,
      o.defaultLabel ?? `\`${o.default}\``,
      (v) => v,
      () => o.default,
    );
  },

  optionalString(o: OptionalOptions & { minLength?: number }): EnvVariable<string | undefined> {
    return variable<string | undefined>(
      o.name,
      o.description,
      o.defaultLabel ?? 'unset',
      (v) => {
        if (o.minLength !== undefined && v.length < o.minLength) throw new Error(`must be at least ${o.minLength} characters long`);
        return v;
      },
      () => undefined,
    );
  },

  integer(o: Options<number> & { min: number; max: number }): EnvVariable<number> {
    return variable(
      o.name,
      o.description,
      o.defaultLabel ?? `\`${o.default}\``,
      (v) => {
        if (!/^-?\d+$/.test(v)) throw new Error(`must be a whole number from ${o.min} to ${o.max} (got "${v}")`);
        const n = Number(v);
        if (n < o.min || n > o.max) throw new Error(`must be from ${o.min} to ${o.max} (got ${n})`);
        return n;
      },
      () => o.default,
    );
  },

  optionalInteger(o: OptionalOptions & { min: number; max: number }): EnvVariable<number | undefined> {
    const whole = env.integer({ ...o, default: 0 });
    return variable<number | undefined>(
      o.name,
      o.description,
      o.defaultLabel ?? 'unset',
      (v) => whole.parse(v),
      () => undefined,
    );
  },

  boolean(o: Options<boolean>): EnvVariable<boolean> {
    return variable(
      o.name,
      o.description,
      o.defaultLabel ?? `\`${o.default}\``,
      (v) => {
        const lower = v.toLowerCase();
        if (['true', '1', 'yes', 'on'].includes(lower)) return true;
        if (['false', '0', 'no', 'off'].includes(lower)) return false;
        throw new Error(`must be true or false (got "${v}")`);
      },
      () => o.default,
    );
  },

  oneOf<const V extends string>(o: Options<V> & { values: readonly V[] }): EnvVariable<V> {
    return variable(
      o.name,
      o.description,
      o.defaultLabel ?? `\`${o.default}\``,
      (v) => {
        if (!(o.values as readonly string[]).includes(v)) throw new Error(`must be one of ${o.values.join(', ')} (got "${v}")`);
        return v as V;
      },
      () => o.default,
    );
  },

  /** A size as body-parser takes it: bytes, or a number with b, kb, mb (e.g. 512kb, 2mb). */
  byteSize(o: Options<string>): EnvVariable<string> {
    return variable(
      o.name,
      o.description,
      o.defaultLabel ?? `\`${o.default}\``,
      (v) => {
        if (!/^\d+(\.\d+)?\s*(b|kb|mb)?$/i.test(v)) throw new Error(`must be a size such as 512kb or 2mb (got "${v}")`);
        return v.toLowerCase().replace(/\s+/g, '');
      },
      () => o.default,
    );
  },

  /** An absolute http(s) URL; unset means `undefined` (the caller decides, e.g. demo mode). */
  optionalUrl(o: OptionalOptions): EnvVariable<string | undefined> {
    return variable<string | undefined>(
      o.name,
      o.description,
      o.defaultLabel ?? 'unset',
      (v) => parseHttpUrl(v),
      () => undefined,
    );
  },

  url(o: Options<string>): EnvVariable<string> {
    return variable(
      o.name,
      o.description,
      o.defaultLabel ?? `\`${o.default}\``,
      (v) => parseHttpUrl(v),
      () => o.default,
    );
  },
};

function parseHttpUrl(v: string): string {
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw new Error(`must be an absolute http(s) URL (got "${v}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`must be an http(s) URL (got "${v}")`);
  return v.replace(/\/+$/, '');
}

export type ConfigShape = Record<string, EnvVariable<unknown>>;
export type ConfigValues<S extends ConfigShape> = { readonly [K in keyof S]: S[K] extends EnvVariable<infer T> ? T : never };

/** Parses every variable of `shape` from `source`; the first invalid one throws a `ConfigError` naming it. */
export function loadConfig<S extends ConfigShape>(shape: S, source: NodeJS.ProcessEnv = process.env): ConfigValues<S> {
  const values: Record<string, unknown> = {};
  for (const [key, definition] of Object.entries(shape)) {
    try {
      values[key] = definition.parse(source[definition.name]);
    } catch (error) {
      throw new ConfigError(definition.name, error instanceof Error ? error.message : String(error));
    }
  }
  return Object.freeze(values) as ConfigValues<S>;
}
