/**
 * Dicts and sets with Python's uniqueness: a repeated dict key replaces the earlier value and a
 * repeated set member is dropped. str, bytes, number and None keys are compared through a string
 * index (O(1) per insert, built lazily per container); other keys (tuples) are kept as they come.
 */
import { PyBytes, type PyDict, type PySet, type PyValue } from './pickle-types'

/** A key that is equal for Python-equal str, bytes, numbers (True == 1) and None. */
export function hashKey(v: PyValue): string | undefined {
  if (typeof v === 'string') return 's' + v
  if (typeof v === 'number') return 'n' + (v === 0 ? '0' : String(v))
  if (typeof v === 'bigint') return 'n' + String(v)
  if (typeof v === 'boolean') return v ? 'n1' : 'n0'
  if (v === null) return 'N'
  if (v instanceof PyBytes) return 'b' + v.text()
  return undefined
}

export function newSet(items: PyValue[]): PySet {
  const seen = new Set<string>()
  const out: PyValue[] = []
  for (const v of items) {
    const k = hashKey(v)
    if (k !== undefined) {
      if (seen.has(k)) continue
      seen.add(k)
    }
    out.push(v)
  }
  return { kind: 'set', items: out }
}

export class Containers {
  private readonly dictIndex = new WeakMap<PyDict, Map<string, number>>()
  private readonly setIndex = new WeakMap<PySet, Set<string>>()

  /** d[k] = v */
  dictSet(d: PyDict, k: PyValue, v: PyValue): void {
    let index = this.dictIndex.get(d)
    if (!index) {
      index = new Map()
      for (let i = 0; i < d.entries.length; i++) {
        const h = hashKey(d.entries[i][0])
        if (h !== undefined) index.set(h, i)
      }
      this.dictIndex.set(d, index)
    }
    const h = hashKey(k)
    const existing = h === undefined ? undefined : index.get(h)
    if (existing !== undefined) {
      d.entries[existing][1] = v
      return
    }
    if (h !== undefined) index.set(h, d.entries.length)
    d.entries.push([k, v])
  }

  /** s.add(v) */
  setAdd(s: PySet, v: PyValue): void {
    let seen = this.setIndex.get(s)
    if (!seen) {
      seen = new Set()
      for (const x of s.items) {
        const h = hashKey(x)
        if (h !== undefined) seen.add(h)
      }
      this.setIndex.set(s, seen)
    }
    const h = hashKey(v)
    if (h !== undefined) {
      if (seen.has(h)) return
      seen.add(h)
    }
    s.items.push(v)
  }
}
