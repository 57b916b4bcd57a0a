// Runs f, expecting it to throw a UserError, and returns that error for its code and message.
import { expect } from 'vitest'
import { UserError } from '../../src/core/errors'

export function userError(f: () => unknown): UserError {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(UserError)
    return e as UserError
  }
  throw new Error('expected a UserError')
}
