#!/usr/bin/env node
// `npm start`: runs the built connector. With no MARKETPLACER_API_URL (demo mode) it first starts the
// bundled simulator as a child process and waits for it, so an empty environment gives a working
// connector against simulated Marketplacer and ANYMARKET. Exit code: the connector's.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const connectorMain = 'dist/apps/connector/src/main.js';
const simulatorMain = 'dist/apps/simulator/src/main.js';
const demoMode = !process.env.MARKETPLACER_API_URL?.trim();
/** The connector's DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY (libs/marketplacer/src/webhooks/hmac-webhook-verifier.ts). */
const DEMO_WEBHOOK_HMAC_KEY = 'demo-marketplacer-webhook-hmac-key';
const children = new Set();

function run(file, env) {
  const child = spawn(process.execPath, [file], { stdio: 'inherit', env });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function stopAll(signal = 'SIGTERM') {
  for (const child of children) child.kill(signal);
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the simulator exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`the simulator did not answer ${url} within ${timeoutMs / 1000} s`);
}

let stopRequested = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopRequested = true;
    stopAll(signal);
  });
}

if (demoMode) {
  const simulatorUrl = new URL(process.env.SIMULATOR_URL?.trim() || 'http://127.0.0.1:3001');
  const simulatorPort = simulatorUrl.port || (simulatorUrl.protocol === 'https:' ? '443' : '80');
  process.stdout.write(`DEMO MODE: starting the bundled simulator on port ${simulatorPort} (set MARKETPLACER_API_URL to use a real instance)\n`);
  // The simulated Marketplacer delivers its webhooks to this connector, signed with the demo key the
  // connector accepts in demo mode (DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY), unless told otherwise.
  const connectorPort = process.env.PORT?.trim() || '3000';
  const simulator = run(simulatorMain, {
    SIMULATOR_WEBHOOK_URL: `http://127.0.0.1:${connectorPort}/webhooks/marketplacer`,
    SIMULATOR_WEBHOOK_HMAC_KEY: DEMO_WEBHOOK_HMAC_KEY,
    ...process.env,
    SIMULATOR_PORT: simulatorPort,
  });
  try {
    await waitForHealth(new URL('/health', simulatorUrl), simulator, 20_000);
  } catch (error) {
    process.stderr.write(`npm start: ${error.message}\n`);
    stopAll();
    process.exit(1);
  }
}

const connector = run(connectorMain, process.env);
connector.on('exit', (code, signal) => {
  stopAll();
  // Nest re-raises the signal after a graceful shutdown; that is a clean stop when we asked for it.
  process.exitCode = code ?? (stopRequested ? 0 : 1);
  if (signal && !stopRequested) process.stderr.write(`npm start: the connector was stopped by ${signal}\n`);
});
