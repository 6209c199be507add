#!/usr/bin/env node
// `npm start`: runs the built connector. With no MARKETPLACER_API_URL (demo mode) it first starts the
// bundled simulator as a child process and waits for it, so an empty environment gives a working
// connector against simulated Marketplacer and ANYMARKET.
//
// Before starting anything it validates the connector's configuration (the connector's own loader: a bad
// variable is the first and only complaint, naming it) and checks that the ports are free (naming the
// variable to set). SIGINT, SIGTERM and SIGHUP are passed on to the children; it exits once they have
// (0 when they stopped cleanly). No child outlives it: each has an IPC channel to it and stops when that
// closes (even when the launcher is killed), and it stops them when its own parent (npm) is gone.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const connectorMain = 'dist/apps/connector/src/main.js';
const simulatorMain = 'dist/apps/simulator/src/main.js';
/** The connector's DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY (libs/marketplacer/src/webhooks/hmac-webhook-verifier.ts). */
const DEMO_WEBHOOK_HMAC_KEY = 'demo-marketplacer-webhook-hmac-key';
const children = new Set();
let stopRequested = false;
let exitCode = 0;

const { loadConnectorConfig } = await import('../dist/apps/connector/src/config/connector.config.js');
const { ensurePortFree } = await import('../dist/libs/common/src/process/port-check.js');
// A bad variable or a taken port refuses the start as the connector does (one line, EX_CONFIG).
const { refuseStart } = await import('../dist/libs/common/src/process/start-refusal.js');
const { STOP_SIGNALS } = await import('../dist/libs/common/src/process/stop-on-signals.js');

let config;
try {
  config = loadConnectorConfig(process.env);
} catch (error) {
  refuseStart(error);
}
const simulatorUrl = new URL(config.simulatorUrl);
const simulatorPort = Number(simulatorUrl.port || (simulatorUrl.protocol === 'https:' ? 443 : 80));

// Both ports now, before anything starts: a second copy stops here, naming the variable to set.
try {
  await ensurePortFree(config.port, config.host, 'PORT');
  if (config.demoMode) await ensurePortFree(simulatorPort, config.host, 'SIMULATOR_URL (its port)');
} catch (error) {
  refuseStart(error);
}

function run(file, env) {
  const child = spawn(process.execPath, [file], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env });
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopRequested) {
      // A child that stops on its own takes the others with it; its code is the launcher's.
      process.stderr.write(`npm start: ${file} exited (${signal ?? `code ${code}`}); stopping\n`);
      exitCode = code || 1;
      stopAll('SIGTERM');
    } else if (code !== 0 && !STOP_SIGNALS.includes(signal)) {
      exitCode = code ?? 1;
    }
    if (children.size === 0) process.exit(exitCode);
  });
  return child;
}

function stopAll(signal) {
  stopRequested = true;
  for (const child of children) child.kill(signal);
  if (children.size === 0) process.exit(exitCode);
}

for (const signal of STOP_SIGNALS) process.on(signal, () => stopAll(signal));
// npm passes SIGINT and SIGTERM on, but dies of SIGHUP: once reparented, stop as if told to.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && stopAll('SIGHUP'), 500).unref();
// Whatever ends the launcher (an exception included), its children go with it.
process.on('exit', () => {
  for (const child of children) child.kill('SIGTERM');
});

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || stopRequested) return false;
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`the simulator did not answer ${url} within ${timeoutMs / 1000} s`);
}

if (config.demoMode) {
  process.stdout.write(`DEMO MODE: starting the bundled simulator on port ${simulatorPort} (set MARKETPLACER_API_URL to use a real instance)\n`);
  // The simulated Marketplacer delivers its webhooks to this connector, signed with the demo key the
  // connector accepts in demo mode (DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY), unless told otherwise.
  const simulator = run(simulatorMain, {
    SIMULATOR_WEBHOOK_URL: `http://127.0.0.1:${config.port}/webhooks/marketplacer`,
    SIMULATOR_WEBHOOK_HMAC_KEY: DEMO_WEBHOOK_HMAC_KEY,
    ...process.env,
    SIMULATOR_PORT: String(simulatorPort),
  });
  try {
    await waitForHealth(new URL('/health', simulatorUrl), simulator, 20_000);
  } catch (error) {
    process.stderr.write(`npm start: ${error.message}\n`);
    exitCode = 1;
    stopAll('SIGTERM');
  }
}

if (!stopRequested) run(connectorMain, process.env);
