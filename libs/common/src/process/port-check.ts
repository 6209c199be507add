import { createServer } from 'node:net';

/** Why a port cannot be used, in one line naming the variable that sets it. */
export class PortUnavailableError extends Error {}

/**
 * Checks that `port` on `host` can be listened on, before anything else starts (database, schedules), so
 * that a second copy fails at once with a line naming the port and the variable to set, instead of after
 * touching data. The port is let go at once: held during start-up, it would take connections that nobody
 * answers (the simulator calls itself while it starts).
 */
export async function ensurePortFree(port: number, host: string, variable: string): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(portProblem(error, port, variable)));
    server.listen({ port, host, exclusive: true }, resolve);
  });
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

function portProblem(error: NodeJS.ErrnoException, port: number, variable: string): Error {
  if (error.code === 'EADDRINUSE') {
    return new PortUnavailableError(`Port ${port} is already in use (another copy running?): stop that process, or set ${variable} to a free port`);
  }
  if (error.code === 'EACCES') return new PortUnavailableError(`Port ${port} may not be opened by this user: set ${variable} to a port above 1023`);
  return error;
}
