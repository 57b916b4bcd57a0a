/**
 * The settings file before any library parses it: whether it is missing, usable, damaged or
 * unreadable, and moving a damaged one aside without ever overwriting an earlier one.
 *   usable   = a regular file of at most MAX_SETTINGS_BYTES, UTF-8 JSON without a byte-order
 *              mark, whose top level is an object
 *   damaged  = anything else at that path (empty, not JSON, truncated, a BOM, `[1,2,3]`, `null`,
 *              a folder, too large)
 *   moved to = settings.json.damaged, or the first free of settings.json.damaged-2, -3, …
 */
import { linkSync, lstatSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs'

/** Settings are a few kilobytes; anything past this is not a settings file. */
export const MAX_SETTINGS_BYTES = 1024 * 1024
/** How many damaged copies are kept side by side before giving up on moving another aside. */
export const MAX_DAMAGED_COPIES = 1000

export type SettingsFileState = 'missing' | 'usable' | 'damaged' | 'unreadable'

const code = (e: unknown): string | undefined => (e as { code?: string } | null)?.code

export function settingsFileState(path: string): SettingsFileState {
  let bytes: Buffer
  try {
    const s = statSync(path)
    if (!s.isFile() || s.size > MAX_SETTINGS_BYTES) return 'damaged'
    bytes = readFileSync(path)
  } catch (e) {
    return code(e) === 'ENOENT' || code(e) === 'ENOTDIR' ? 'missing' : 'unreadable'
  }
  if (bytes.length > MAX_SETTINGS_BYTES) return 'damaged'
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'damaged'
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? 'usable' : 'damaged'
  } catch {
    return 'damaged'
  }
}

/** The name the n-th damaged copy gets: settings.json.damaged, settings.json.damaged-2, … */
export function damagedName(path: string, n: number): string {
  return n === 1 ? `${path}.damaged` : `${path}.damaged-${n}`
}

const taken = (path: string): boolean => {
  try {
    lstatSync(path)
    return true
  } catch (e) {
    return code(e) !== 'ENOENT'
  }
}

/**
 * Moves `path` to `target` unless something is there already: a file by a hard link (which
 * fails rather than replace), then unlinking the original; a folder, or a file on a disk without
 * hard links, by renaming after checking that the name is free.
 */
function moveIfFree(path: string, target: string): boolean {
  try {
    linkSync(path, target)
  } catch (e) {
    if (code(e) === 'EEXIST') return false
    if (taken(target)) return false
    renameSync(path, target)
    return true
  }
  try {
    unlinkSync(path)
  } catch (e) {
    unlinkSync(target)
    throw e
  }
  return true
}

/** Moves a damaged settings file (or folder) aside; the name it now has, or null when it could not be moved. */
export function moveAside(path: string): string | null {
  for (let n = 1; n <= MAX_DAMAGED_COPIES; n++) {
    const target = damagedName(path, n)
    if (taken(target)) continue
    try {
      if (moveIfFree(path, target)) return target
    } catch {
      return null
    }
  }
  return null
}
