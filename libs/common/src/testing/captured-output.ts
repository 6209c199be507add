import { Writable } from 'node:stream';

/** What test/support/test-environment.mjs puts on each test file's global. */
type CaptureOutput = (text: string) => void;

/**
 * Keeps `text` with the running test: the suite's environment prints it only if that test fails, so
 * the errors a test causes on purpose (a fault injected into the simulator, a job that throws) do not
 * fill the output of a green run. Outside Jest's environment (a script), it goes to stderr.
 */
export function captureTestOutput(text: string): void {
  const capture = (globalThis as { __captureTestOutput?: CaptureOutput }).__captureTestOutput;
  if (capture) capture(text);
  else process.stderr.write(text);
}

/** A log destination (e.g. for pino) whose lines are kept with the running test: see captureTestOutput. */
export function capturedOutputSink(): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      captureTestOutput(chunk.toString('utf8'));
      done();
    },
  });
}
