/**
 * Checks of values that arrive from the page (or a settings file): each returns the value with
 * its proper type or throws a UserError('bad-argument') that names the field and the rule.
 * The page is trusted code, so these catch bugs and tampering, but they are still plain words.
 */
import { UserError } from '../../core/errors'

export function bad(what: string, rule: string, value: unknown): UserError {
  return new UserError('bad-argument', `The app asked for something it cannot do: ${what} must be ${rule} (it was ${describe(value)}).`)
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing'
  if (typeof value === 'string') return `"${value.length > 40 ? value.slice(0, 40) + '…' : value}"`
  if (value instanceof Uint8Array) return `${value.length} bytes`
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return value === null ? 'null' : 'an object'
  return String(value)
}

export function object(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || ArrayBuffer.isView(value)) {
    throw bad(what, 'an object', value)
  }
  return value as Record<string, unknown>
}

/** Only the keys named: an unknown key is refused, so typos and stray data never pass. */
export function fields(value: unknown, what: string, allowed: readonly string[]): Record<string, unknown> {
  const o = object(value, what)
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) throw bad(`${what}`, `without "${key}" (it takes ${allowed.length ? allowed.join(', ') : 'nothing'})`, o)
  }
  return o
}

export interface NumberRule {
  readonly min: number
  readonly max: number
  readonly integer?: boolean
  /** min itself is not allowed. */
  readonly aboveMin?: boolean
  /** max itself is not allowed. */
  readonly belowMax?: boolean
}

export function number(value: unknown, what: string, rule: NumberRule): number {
  const ok = typeof value === 'number' && Number.isFinite(value) &&
    (rule.integer ? Number.isInteger(value) : true) &&
    (rule.aboveMin ? value > rule.min : value >= rule.min) &&
    (rule.belowMax ? value < rule.max : value <= rule.max)
  if (!ok) {
    const kind = rule.integer ? 'a whole number' : 'a number'
    const low = rule.aboveMin ? `above ${rule.min}` : `from ${rule.min}`
    const high = rule.belowMax ? `below ${rule.max}` : `${rule.aboveMin ? 'and at most' : 'to'} ${rule.max}`
    throw bad(what, `${kind} ${low} ${high}`, value)
  }
  return value as number
}

export function boolean(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') throw bad(what, 'true or false', value)
  return value
}

export function string(value: unknown, what: string, maxLength: number): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    throw bad(what, `a text of 1 to ${maxLength} characters`, value)
  }
  return value
}

export function oneOf<T extends string>(value: unknown, what: string, choices: readonly T[]): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw bad(what, `one of ${choices.join(', ')}`, value)
  }
  return value as T
}

export function bytes(value: unknown, what: string, maxBytes: number): Uint8Array {
  if (!(value instanceof Uint8Array) || value.length > maxBytes) throw bad(what, `file contents (bytes, at most ${maxBytes})`, value)
  return value
}

export function list<T>(value: unknown, what: string, maxLength: number, item: (v: unknown, what: string) => T): T[] {
  if (!Array.isArray(value) || value.length > maxLength) throw bad(what, `a list of at most ${maxLength} items`, value)
  return value.map((v, i) => item(v, `${what}[${i}]`))
}

export function optional<T>(value: unknown, check: (v: unknown) => T): T | undefined {
  return value === undefined ? undefined : check(value)
}
