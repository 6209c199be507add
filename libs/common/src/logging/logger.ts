import type { LoggerService, LogLevel } from '@nestjs/common';
import { pino, type Logger as PinoLogger } from 'pino';
import { boundLogValue, boundString } from './bounded.js';
import { REDACTED, topLevelSecretPaths } from './redact.js';
import { requestContext } from './request-context.js';

export type LogLevelName = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * The process-wide structured JSON logger: one line per event on stdout, each with the flow's ids
 * (`traceId`, `spanId`, and `requestId` in a request) when there is one, every value bounded (a caller's megabyte never becomes a megabyte line), and
 * the secret fields redacted by exact name at any depth. Both happen in one walk over the logged
 * fields (`boundLogValue`). pino's path redaction keeps only the exact top-level names, for child
 * bindings, which that walk does not see: its wildcard paths (`*.token`, `*.*.token`) cost ~100 µs
 * a line, more than the rest of a guarded request (ADR 0006).
 */
export function createLogger(level: LogLevelName, name: string, destination?: pino.DestinationStream): PinoLogger {
  return pino(
    {
      name,
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      redact: { paths: topLevelSecretPaths(), censor: REDACTED },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => boundLogValue(object) as Record<string, unknown>,
      },
      hooks: {
        // The message argument (`logger.info(fields, message)`) is bounded like any field.
        logMethod(args, method) {
          const bounded = args.map((arg) => (typeof arg === 'string' ? boundString(arg) : arg)) as typeof args;
          return method.apply(this, bounded);
        },
      },
      // The flow's ids on every line written inside one (a request, a feed run, a job, a webhook event).
      mixin: () => {
        const flow = requestContext.getStore();
        if (!flow) return {};
        return flow.requestId ? { requestId: flow.requestId, traceId: flow.traceId, spanId: flow.spanId } : { traceId: flow.traceId, spanId: flow.spanId };
      },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** Nest contexts that log one line per module and per route while the app starts. */
const STARTUP_DETAIL = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

function contextOf(params: unknown[]): string | undefined {
  return typeof params.at(-1) === 'string' ? (params.at(-1) as string) : undefined;
}

/** Nest's logger interface over pino, so framework messages are JSON lines too. */
export class JsonLogger implements LoggerService {
  constructor(private readonly logger: PinoLogger) {}

  get pino(): PinoLogger {
    return this.logger;
  }

  log(message: unknown, ...params: unknown[]): void {
    // Nest's start-up chatter (a line per module and per route) is for debugging, not for the operator.
    this.write(STARTUP_DETAIL.has(contextOf(params) ?? '') ? 'debug' : 'info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }
  setLogLevels(levels: LogLevel[]): void {
    if (levels.length === 0) this.logger.level = 'silent';
  }

  /** Nest passes `(message, context)` or `(message, stack, context)`; objects become fields. */
  private write(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', message: unknown, params: unknown[]): void {
    const context = contextOf(params);
    const stack = params.length > 1 && typeof params[0] === 'string' ? params[0] : undefined;
    const fields: Record<string, unknown> = { context };
    if (stack && level === 'error') fields.stack = stack;
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: { name: message.name, message: message.message, stack: message.stack } }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.logger[level](fields, String(message));
    }
  }
}
