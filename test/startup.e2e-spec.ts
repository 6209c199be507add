import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePortFree } from '#common';
import { availableDatabases, createTestDatabase, until } from '#common/testing';
import { freePort, startNode, waitForOk, waitForOutput, type RunningProcess } from './support/processes.js';

/**
 * The built deployables started as a user would (`npm test` builds first): `npm start`'s launcher
 * with an empty environment, how it stops, and the refusal of bad configuration and taken ports.
 */
const CONNECTOR = 'dist/apps/connector/src/main.js';
const LAUNCHER = 'scripts/start.mjs';
const databases = await availableDatabases();
const START_DEADLINE_MS = 90_000;
/** Where the deployables listen (HOST's default). */
const ANY_INTERFACE = '0.0.0.0';

/** Whether nobody listens on `port` any more. */
async function isFree(port: number): Promise<boolean> {
  return ensurePortFree(port, ANY_INTERFACE, 'PORT').then(
    () => true,
    () => false,
  );
}

/** Listens on `port` as another program would, until closed. */
async function occupy(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, ANY_INTERFACE, resolve));
  return server;
}

/** The launcher on free ports and a fresh data folder (SQLite), once the connector answers. */
async function startedLauncher(): Promise<{ run: RunningProcess; port: number; simulatorPort: number }> {
  const [port, simulatorPort] = [await freePort(), await freePort()];
  const run = startNode(LAUNCHER, {
    PORT: String(port),
    SIMULATOR_URL: `http://127.0.0.1:${simulatorPort}`,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'connector-start-')),
  });
  await waitForOk(`http://127.0.0.1:${port}/health`, START_DEADLINE_MS, run);
  return { run, port, simulatorPort };
}

describe('connector start-up', () => {
  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://root@localhost/db' }, 'DATABASE_URL'],
    [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN'],
    [{ MARKETPLACER_API_URL: 'nope' }, 'MARKETPLACER_API_URL'],
    [{ MARKETPLACER_API_URL: 'https://mp.example/graphql' }, 'MARKETPLACER_API_KEY'],
    [{ MARKETPLACER_API_URL: 'https://mp.example/graphql', MARKETPLACER_API_KEY: 'k' }, 'ANYMARKET_APP_ID'],
    [{ MARKETPLACER_API_URL: 'https://mp.example/graphql', MARKETPLACER_API_KEY: 'k', ANYMARKET_APP_ID: 'app' }, 'ENCRYPTION_KEY'],
    [{ ENCRYPTION_KEY: 'too-short' }, 'ENCRYPTION_KEY'],
    [{ SYNC_CONCURRENCY: '0' }, 'SYNC_CONCURRENCY'],
  ])('refuses %j with a non-zero exit and one line naming %s', async (env, variable) => {
    const run = startNode(CONNECTOR, env);
    const code = await run.exited;
    expect(code).not.toBe(0);
    const lines = run.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
  });

  it('npm start refuses PORT=abc before starting anything, naming PORT alone', async () => {
    const run = startNode(LAUNCHER, { PORT: 'abc', DATA_DIR: join(mkdtempSync(join(tmpdir(), 'connector-start-')), 'data') });
    expect(await run.exited).toBe(78);
    expect(run.output()).toBe('Invalid configuration: PORT must be a whole number from 1 to 65535 (got "abc")\n');
  });

  describe('a second copy, its port taken', () => {
    let taken: Server;
    let port: number;

    beforeEach(async () => {
      port = await freePort();
      taken = await occupy(port);
    });

    afterEach(async () => {
      await new Promise((resolve) => taken.close(resolve));
    });

    it.each([
      ['the connector', CONNECTOR],
      ['npm start', LAUNCHER],
    ])('%s fails at once, naming the port and PORT, before it touches the data folder', async (_name, script) => {
      const dataDir = join(mkdtempSync(join(tmpdir(), 'connector-start-')), 'data');
      const run = startNode(script, { PORT: String(port), SIMULATOR_URL: `http://127.0.0.1:${await freePort()}`, DATA_DIR: dataDir });
      expect(await run.exited).toBe(78);
      expect(run.output()).toBe(`Port ${port} is already in use (another copy running?): stop that process, or set PORT to a free port\n`);
      // No database opened, no demo key written: the folder was never created.
      expect(existsSync(dataDir)).toBe(false);
    });

    it("npm start names SIMULATOR_URL when the simulator's port is taken", async () => {
      const run = startNode(LAUNCHER, {
        PORT: String(await freePort()),
        SIMULATOR_URL: `http://127.0.0.1:${port}`,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'connector-start-')),
      });
      expect(await run.exited).toBe(78);
      expect(run.output()).toContain(
        `Port ${port} is already in use (another copy running?): stop that process, or set SIMULATOR_URL (its port) to a free port`,
      );
      expect(run.output()).not.toContain('DEMO MODE');
    });
  });

  describe('npm start stops', () => {
    let run: RunningProcess | undefined;

    afterEach(async () => {
      await run?.stop();
    });

    it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
      'on %s: passes it on, logs the connector stopping and stopped, exits 0 once both ports are free',
      async (signal) => {
        const started = await startedLauncher();
        run = started.run;
        run.child.kill(signal);
        expect(await run.exited).toBe(0);
        expect(run.output()).toContain(`"msg":"connector stopping (${signal})"`);
        expect(run.output()).toContain('"msg":"connector stopped"');
        expect(run.output()).toContain('"msg":"simulator stopped"');
        expect(await isFree(started.port)).toBe(true);
        expect(await isFree(started.simulatorPort)).toBe(true);
      },
      START_DEADLINE_MS + 30_000,
    );

    it(
      'killed outright, it leaves no child behind: both stop once its channel to them closes',
      async () => {
        const started = await startedLauncher();
        run = started.run;
        run.child.kill('SIGKILL');
        await run.exited;
        await until(async () => (await isFree(started.port)) && (await isFree(started.simulatorPort)), 'both ports to be free', 30_000);
        await waitForOutput(run, '"msg":"connector stopped"', 5_000);
      },
      START_DEADLINE_MS + 45_000,
    );
  });

  describe.each(databases)('npm start with an otherwise empty environment on %s', (kind) => {
    let run: RunningProcess | undefined;
    let drop: () => Promise<void> = async () => undefined;

    afterEach(async () => {
      await run?.stop();
      await drop();
    });

    // How fast it starts is a benchmark (`npm run bench -- startup`, target 30 s); here only that it
    // does, with a deadline generous enough for a loaded CI machine.
    it(
      'starts the simulator and the connector, answers /health and /docs, and stops cleanly on SIGTERM',
      async () => {
        const [port, simulatorPort] = [await freePort(), await freePort()];
        const env: Record<string, string> = {
          PORT: String(port),
          SIMULATOR_URL: `http://127.0.0.1:${simulatorPort}`,
          DATA_DIR: mkdtempSync(join(tmpdir(), 'connector-start-')),
        };
        if (kind === 'postgres') {
          const database = await createTestDatabase('postgres', tmpdir());
          drop = database.drop;
          env.DATABASE_URL = (database.target as { url: string }).url;
        }
        run = startNode(LAUNCHER, env);
        await waitForOk(`http://127.0.0.1:${port}/health`, START_DEADLINE_MS, run);
        await waitForOk(`http://127.0.0.1:${port}/docs`, 5_000, run);
        // Swagger UI's Authorize → admin says where the demo admin token is.
        const docs = (await (await fetch(`http://127.0.0.1:${port}/docs-json`)).json()) as {
          components: { securitySchemes: { admin: { description: string } } };
        };
        expect(docs.components.securitySchemes.admin.description).toContain(`${join(env.DATA_DIR, 'admin-token')}`);
        await waitForOk(`http://127.0.0.1:${simulatorPort}/health`, 1_000, run);
        await waitForOutput(run, 'README.md, "Try it', 5_000);
        const output = run.output();
        expect(output).toContain('DEMO MODE');
        // The banner comes last, with the demo admin credential (kept in DATA_DIR for the walk-through).
        const token = readFileSync(join(env.DATA_DIR, 'admin-token'), 'utf8').trim();
        expect(token.length).toBeGreaterThanOrEqual(20);
        const start = output.lastIndexOf('Connector ready');
        const banner = output.slice(start, output.indexOf('─'.repeat(20), start));
        expect(output.slice(0, start)).toContain('connector listening');
        expect(banner).toContain(`Admin token    ${token}`);
        expect(banner).toContain(`http://localhost:${port}/docs`);
        expect(banner).toContain('npm run --silent remote-caller -- token');
        expect(banner).not.toContain('{"level"');
        // Nest's line per route is debug, not info.
        expect(output).not.toContain('Mapped {');
        expect(await run.stop()).toBe(0);
        expect(await isFree(port)).toBe(true);
        expect(await isFree(simulatorPort)).toBe(true);
      },
      START_DEADLINE_MS + 30_000,
    );
  });
});
