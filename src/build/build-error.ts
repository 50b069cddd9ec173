// The build's error codes in one registry: each has a message template and says whether it is the user's mistake
// (exit code 2 in the CLI, `kind: 'user'`) or a failure of the run (exit code 1).

export const BUILD_ERRORS = Object.freeze({
  ASSENT_BUILD_OUT_PUBLISHED: {
    user: true,
    message: '%s already holds a published build (manifest.json); choose another --out',
  },
  ASSENT_BUILD_OUT_UNWRITABLE: { user: true, message: 'cannot write the output directory %s: %s' },
  ASSENT_BUILD_REJECTED_LINES: { user: true, message: '%s malformed line(s) and --strict is set; first: %s' },
  ASSENT_BUILD_BAD_OPTION: { user: true, message: '%s' },
  ASSENT_BUILD_WRITE_FAILED: { user: false, message: 'writing the build failed, nothing was published: %s' },
  ASSENT_BUILD_NOT_FOUND: { user: true, message: 'no build %s in the store' },
  ASSENT_MODEL_NOT_FOUND: { user: true, message: 'no model %s in the store' },
  ASSENT_SCAN_NOT_A_BUILD: { user: true, message: '%s is not a finished build (no manifest.json)' },
} as const);

export type BuildErrorCode = keyof typeof BUILD_ERRORS;

export class BuildError extends Error {
  override readonly name = 'BuildError';
  readonly kind: 'user' | 'failure';
  constructor(
    readonly code: BuildErrorCode,
    ...args: string[]
  ) {
    let i = 0;
    super(BUILD_ERRORS[code].message.replace(/%s/g, () => args[i++] ?? ''));
    this.kind = BUILD_ERRORS[code].user ? 'user' : 'failure';
  }
}
