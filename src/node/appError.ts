/**
 * Any thrown value as an AppError for the page: a UserError keeps its plain message and code;
 * anything else is a bug, reported in plain words with its own text appended for a bug report.
 */
import { isUserError } from '../core/errors'
import type { AppError } from '../shared/payloads'

export function toAppError(e: unknown): AppError {
  if (isUserError(e)) return { code: e.code, message: e.message }
  const detail = e instanceof Error ? e.message : String(e)
  return {
    code: 'internal',
    message: `Something went wrong inside NN Scratch (${detail}). Try again; if it keeps happening, restart the app.`
  }
}

export function appError(code: string, message: string): AppError {
  return { code, message }
}
