import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableDatabases, createTestDatabase } from '#common/testing';
import { freePort, startNode, waitForOk, waitForOutput, type RunningProcess } from './support/processes.js';

/**
 * The built deployables started as a user would (`npm test` builds first): `npm start`'s launcher
 * with an empty environment, and the connector's refusal of bad configuration.
 */
const CONNECTOR = 'dist/apps/connector/src/main.js';
const LAUNCHER = 'scripts/start.mjs';
const databases = await availableDatabases();
const START_DEADLINE_MS = 90_000;

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
      },
      START_DEADLINE_MS + 30_000,
    );
  });
});
