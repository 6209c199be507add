/** EX_CONFIG: the exit code of a start refused for a bad variable or a taken port, before anything started. */
export const EXIT_CONFIGURATION = 78;

/** Refuses a start: one clear line (the error names the variable to set), then EXIT_CONFIGURATION. */
export function refuseStart(error: unknown): never {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(EXIT_CONFIGURATION);
}
