import { format } from 'node:util';
import { Logger, type LoggerService } from '@nestjs/common';
import { captureTestOutput } from '#common/testing';

/**
 * Jest setup (setupFilesAfterEnv) for every suite: Nest's static logger, used by code under test that
 * runs without an app (a queue in a unit test, a contract check), and `console` write into the running
 * test's kept output (test/support/test-environment.mjs), printed only if the test fails. An app made
 * by a test passes its own logger (a captured JSON sink), which Nest then uses instead.
 */
class CapturedNestLogger implements LoggerService {
  log = (message: unknown, ...params: unknown[]) => this.write('LOG', message, params);
  error = (message: unknown, ...params: unknown[]) => this.write('ERROR', message, params);
  warn = (message: unknown, ...params: unknown[]) => this.write('WARN', message, params);
  debug = (message: unknown, ...params: unknown[]) => this.write('DEBUG', message, params);
  verbose = (message: unknown, ...params: unknown[]) => this.write('VERBOSE', message, params);
  fatal = (message: unknown, ...params: unknown[]) => this.write('FATAL', message, params);

  private write(level: string, message: unknown, params: unknown[]): void {
    const context = typeof params.at(-1) === 'string' ? ` [${String(params.pop())}]` : '';
    captureTestOutput(`[Nest] ${level}${context} ${format(message, ...params)}\n`);
  }
}

Logger.overrideLogger(new CapturedNestLogger());

for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  console[method] = (...args: unknown[]) => captureTestOutput(`console.${method}: ${format(...args)}\n`);
}
