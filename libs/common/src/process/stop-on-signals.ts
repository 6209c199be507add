import type { INestApplication } from '@nestjs/common';
import type { Logger as PinoLogger } from 'pino';

/** The signals that stop a deployable: Ctrl-C, `kill`, a closed terminal. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Makes the process stop cleanly: on a stop signal, or when the launcher that started it with an IPC
 * channel (`npm start`'s scripts/start.mjs) is gone, it logs that it is stopping, closes the app (Nest's
 * shutdown hooks, then the HTTP server), logs that it stopped and exits 0 (1 when closing failed).
 * A second signal while stopping changes nothing.
 */
export function stopOnSignals(app: INestApplication, logger: PinoLogger, name: string): void {
  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, `${name} stopping (${reason})`);
    app.close().then(
      () => {
        logger.info(`${name} stopped`);
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, `${name} failed to stop cleanly`);
        process.exit(1);
      },
    );
  };
  for (const signal of STOP_SIGNALS) process.on(signal, () => stop(signal));
  // Started by the launcher with an IPC channel: the channel closes when the launcher is gone, even killed.
  if (process.channel) process.once('disconnect', () => stop('launcher gone'));
}
