/**
 * Dicts and sets with Python's uniqueness: a repeated dict key replaces the earlier value and a
 * repeated set member is dropped. str, bytes, number and None keys are found through an index
 * (built lazily per container); other keys (tuples) are kept as they come. No insert costs more
 * than the size of a value the first time it is seen: str keys are indexed by the string itself
 * (whose hash the engine keeps), bytes by their text, made once per bytes object (PyBytes.text),
 * so one large key reused many times through the memo is hashed once, not on every insert.
 */
import { PyBytes, type PyDict, type PySet, type PyValue } from './pickle-types'

/**
 * The index key of a number: Python's 1 == 1.0 == True, and a whole number past 2^53 equals the
 * int of the same value. Big ints (bounded in size by pickle-text.ts) are keyed by their hex digits.
 */
function numberKey(v: number | bigint | boolean): number | string {
  if (typeof v === 'boolean') return v ? 1 : 0
  if (typeof v === 'bigint') return 'x' + v.toString(16)
  if (Number.isInteger(v) && !Number.isSafeInteger(v)) return 'x' + BigInt(v).toString(16)
  return v
}

/** Where each hashable key sits in its container, by kind of key. */
class KeyIndex {
  private readonly strs = new Map<string, number>()
  private readonly bytes = new Map<string, number>()
  private readonly numbers = new Map<number | string, number>()
  private none = -1

  /** The position of a key equal to `k`, -1 if none, or undefined if `k` is not indexed. */
  find(k: PyValue): number | undefined {
    if (typeof k === 'string') return this.strs.get(k) ?? -1
    if (k instanceof PyBytes) return this.bytes.get(k.text()) ?? -1
    if (typeof k === 'number' || typeof k === 'bigint' || typeof k === 'boolean') {
      return this.numbers.get(numberKey(k)) ?? -1
    }
    if (k === null) return this.none
    return undefined
  }

  /** Record that `k` (an indexed kind) sits at `at`. */
  add(k: PyValue, at: number): void {
    if (typeof k === 'string') this.strs.set(k, at)
    else if (k instanceof PyBytes) this.bytes.set(k.text(), at)
    else if (typeof k === 'number' || typeof k === 'bigint' || typeof k === 'boolean') this.numbers.set(numberKey(k), at)
    else if (k === null) this.none = at
  }
}

export function newSet(items: readonly PyValue[]): PySet {
  const index = new KeyIndex()
  const out: PyValue[] = []
  for (const v of items) {
    const at = index.find(v)
    if (at !== undefined) {
      if (at >= 0) continue
      index.add(v, out.length)
    }
    out.push(v)
  }
  return { kind: 'set', items: out }
}

export class Containers {
  private readonly dictIndex = new WeakMap<PyDict, KeyIndex>()
  private readonly setIndex = new WeakMap<PySet, KeyIndex>()

  /** d[k] = v */
  dictSet(d: PyDict, k: PyValue, v: PyValue): void {
    let index = this.dictIndex.get(d)
    if (!index) {
      index = new KeyIndex()
      for (let i = 0; i < d.entries.length; i++) index.add(d.entries[i][0], i)
      this.dictIndex.set(d, index)
    }
    const at = index.find(k)
    if (at !== undefined && at >= 0) {
      d.entries[at][1] = v
      return
    }
    if (at !== undefined) index.add(k, d.entries.length)
    d.entries.push([k, v])
  }

  /** s.add(v) */
  setAdd(s: PySet, v: PyValue): void {
    let index = this.setIndex.get(s)
    if (!index) {
      index = new KeyIndex()
      for (let i = 0; i < s.items.length; i++) index.add(s.items[i], i)
      this.setIndex.set(s, index)
    }
    const at = index.find(v)
    if (at !== undefined) {
      if (at >= 0) return
      index.add(v, s.items.length)
    }
    s.items.push(v)
  }
}
