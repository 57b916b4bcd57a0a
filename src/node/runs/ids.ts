/**
 * Run ids: 6 characters of [a-z0-9], random (36^6 ≈ 2.2 billion), also the run folder's name.
 * An id from a caller is checked against the pattern before it is joined to a path, so no id can
 * reach outside the store ("..", "/", "\", a drive letter, an empty name).
 */
import { randomInt } from 'node:crypto'
import { UserError } from '../../core/errors'
import { RUN_ID_PATTERN } from '../../core/runs/manifest'

export { RUN_ID_PATTERN }
export const RUN_ID_LENGTH = 6
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

export function newRunId(): string {
  let id = ''
  for (let i = 0; i < RUN_ID_LENGTH; i++) id += ALPHABET[randomInt(ALPHABET.length)]
  return id
}

export function isRunId(id: unknown): id is string {
  return typeof id === 'string' && RUN_ID_PATTERN.test(id)
}

/** Throws a plain UserError unless `id` is a run id. */
export function checkRunId(id: unknown): string {
  if (isRunId(id)) return id
  const shown = typeof id === 'string' ? JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}…` : id) : 'That'
  throw new UserError('bad-run-id', `${shown} is not a run id: a run id is ${RUN_ID_LENGTH} letters and digits, such as "k3f9q2". Copy the id from the list of runs.`)
}
