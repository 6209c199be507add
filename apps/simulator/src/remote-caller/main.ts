import { runRemoteCaller } from './remote-caller-cli.js';

// exitCode rather than exit(): stdout to a pipe is flushed before the process ends.
runRemoteCaller(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`remote-caller failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
