import { TestEnvironment } from 'jest-environment-node';

/** Most chunks of output one test keeps; older ones are dropped (and counted) past it. */
const KEPT = 2_000;

/**
 * The suites' environment: Node's, plus the output of each test (the in-process simulator's and the
 * connector's log lines, Nest's own logger, `console`; see libs/common/src/testing/captured-output.ts
 * and capture-output.ts) kept while the test runs and printed, under the test's name, only when that
 * test or a hook around it fails. A green run prints Jest's summary and nothing else; a red one prints
 * what the failing test saw.
 */
export default class CapturingEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
    this.kept = [];
    this.dropped = 0;
    this.global.__captureTestOutput = (text) => {
      this.kept.push(text);
      if (this.kept.length > KEPT) {
        this.kept.shift();
        this.dropped += 1;
      }
    };
  }

  async handleTestEvent(event) {
    if (event.name === 'test_done') {
      if (event.test.errors.length > 0) this.print(nameOf(event.test));
      else this.forget();
    } else if (event.name === 'hook_failure') {
      this.print(`${event.hook.type} of ${event.hook.parent?.name ?? 'the file'}`);
    } else if (event.name === 'run_finish') {
      // What was written after the last test (an afterAll) matters only when something failed.
      if (event.runResult?.unhandledErrors?.length) this.print('after the last test');
      else this.forget();
    }
  }

  print(title) {
    if (this.kept.length === 0) return;
    const skipped = this.dropped ? `(${this.dropped} earlier chunks dropped)\n` : '';
    process.stderr.write(`\n--- output kept for "${title}" (${this.testPath}) ---\n${skipped}${this.kept.join('')}--- end of kept output ---\n`);
    this.forget();
  }

  forget() {
    this.kept = [];
    this.dropped = 0;
  }
}

function nameOf(test) {
  const names = [];
  for (let block = test; block && block.name !== 'ROOT_DESCRIBE_BLOCK'; block = block.parent) names.unshift(block.name);
  return names.join(' › ');
}
