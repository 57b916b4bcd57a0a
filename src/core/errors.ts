/**
 * UserError: a problem with the user's input (a file, a setting), carrying a message written
 * for a person who does not program: what is wrong, then what to do. Every edge (CLI, worker,
 * main) shows `message` as it is and never a stack trace; any other Error is a bug.
 */
export class UserError extends Error {
  override readonly name = 'UserError'
  /** A stable machine-readable reason, e.g. 'truncated', 'not-a-dataset', 'bad-labels'. */
  readonly code: string

  constructor(code: string, message: string) {
    super(message)
    this.code = code
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError
}
