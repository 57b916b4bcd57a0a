/**
 * AppFailure: an AppError thrown through main's handlers (a worker's refusal, a missing dialog)
 * and turned back into a Reply at the edge, with its code and plain message unchanged.
 */
import { toAppError } from '../node/appError'
import type { AppError, Reply } from '../shared/payloads'

export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.message)
  }
}

export function fail(code: string, message: string): never {
  throw new AppFailure({ code, message })
}

/** The value of a reply, or its error thrown as an AppFailure. */
export function unwrap<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new AppFailure(reply.error)
  return reply.value
}

export function failureOf(e: unknown): AppError {
  return e instanceof AppFailure ? e.error : toAppError(e)
}
