import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { until } from '#common/testing';

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/** Starts `node <script>` with exactly `env` (plus PATH), capturing stdout and stderr together. */
export function startNode(script: string, env: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Polls `url` until it answers 2xx, failing after `timeoutMs`. */
export async function waitForOk(url: string, timeoutMs: number, process?: RunningProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (process && process.child.exitCode !== null) throw new Error(`process exited (${process.child.exitCode}):\n${process.output()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer 2xx within ${timeoutMs} ms (last: ${last})\n${process?.output() ?? ''}`);
}

/** Waits until the process has printed `text` (output arrives through a pipe, after the fact), failing after `timeoutMs`. */
export async function waitForOutput(process: RunningProcess, text: string, timeoutMs: number): Promise<void> {
  await until(() => process.output().includes(text), `the process to print ${JSON.stringify(text)}`, timeoutMs);
}
