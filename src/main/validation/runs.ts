/**
 * Checks of the run store's requests (runs:*): run ids against the core's pattern before they
 * come near a path, names and id lists bounded. The store itself trims a name and states its
 * own limit in plain words (MAX_RUN_NAME); this only refuses what no page would send.
 */
import { RUN_ID_PATTERN } from '../../core/runs/manifest'
import { MAX_LISTED_RUNS } from '../../node/runs/store'
import { LIMITS } from '../../shared/ipc'
import { bad, list } from './check'

export function runId(value: unknown, what = 'the run id'): string {
  if (typeof value !== 'string' || !RUN_ID_PATTERN.test(value)) throw bad(what, 'a run id (6 lower-case letters and digits)', value)
  return value
}

/** A name as typed: empty (the recorded name again) up to LIMITS.maxNameLength characters. */
export function runName(value: unknown): string {
  if (typeof value !== 'string' || value.length > LIMITS.maxNameLength) {
    throw bad('the name', `a text of at most ${LIMITS.maxNameLength} characters`, value)
  }
  return value
}

/** One run id or more, at most as many as a listing shows. */
export function runIds(value: unknown): string[] {
  const ids = list(value, 'the runs', MAX_LISTED_RUNS, runId)
  if (ids.length === 0) throw bad('the runs', 'a list of one run id or more', value)
  return ids
}
