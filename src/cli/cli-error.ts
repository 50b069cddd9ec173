// How the CLI reports failure: a user's mistake is one sentence and exit code 2; a run that failed (a job that
// failed for good, a file system that refused a write) is one sentence and exit code 1; anything else is a bug and
// gets exit code 1 with a stack trace.

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/** A mistake in what the user asked for (bad flag, unreadable file, invalid line): exit 2, no stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly exitCode = EXIT_BAD_INPUT;
}

/** The command ran but did not succeed (a broken audit chain, residual personal data): exit 1, no stack trace. */
export class CommandFailed extends Error {
  override readonly name = 'CommandFailed';
  readonly exitCode = EXIT_FAILURE;
}

/** True for errors that other modules mark as the user's (`kind: 'user'`), which the CLI reports as exit 2. */
export function isUserError(error: unknown): error is Error {
  if (error instanceof UsageError) return true;
  return error instanceof Error && (error as Error & { kind?: unknown }).kind === 'user';
}

/**
 * True for errors that say the run failed rather than that the code is wrong: errors other modules mark
 * `kind: 'failure'` (a build whose write failed, nothing published) and the operating system's errors (`EISDIR`,
 * `EIO`, ...), whose message names the operation and the path. The CLI reports them as one sentence, exit 1.
 */
export function isRunFailure(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  if (error instanceof CommandFailed || (error as Error & { kind?: unknown }).kind === 'failure') return true;
  const system = error as NodeJS.ErrnoException;
  return typeof system.code === 'string' && typeof system.syscall === 'string';
}
