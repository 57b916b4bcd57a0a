/**
 * Structural mutations of a zip (.npz) that byte flips rarely make: the central directory rewritten
 * so that members overlap or disagree with their local headers, as a hostile archive would.
 *   alias:   member B's directory entry points at member A's data (two names, one stream)
 *   extra:   more entries (up to 24) that all point at one member's data (issue 8 item 6's bomb shape)
 *   swap:    two entries swap their local header offsets (names disagree with the local headers)
 *   shift:   an entry's offset moved into the middle of another member's data
 * The end record's count, size and offset are rewritten to match, so the archive still opens.
 */
import type { Mutant } from './mutate'
import type { Prng } from './prng'

interface CdEntry {
  readonly record: Uint8Array
  readonly name: string
}

const u16 = (b: Uint8Array, at: number): number => b[at] | (b[at + 1] << 8)
const u32 = (b: Uint8Array, at: number): number => (u16(b, at) + u16(b, at + 2) * 65536)

function put32(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff
  b[at + 1] = (v >>> 8) & 0xff
  b[at + 2] = (v >>> 16) & 0xff
  b[at + 3] = (v >>> 24) & 0xff
}

function put16(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff
  b[at + 1] = (v >>> 8) & 0xff
}

/** A directory record with another name. */
function renamed(e: CdEntry, name: string): CdEntry {
  const n = u16(e.record, 28)
  const nameBytes = Uint8Array.from(name, (c) => c.charCodeAt(0))
  const out = new Uint8Array(e.record.length - n + nameBytes.length)
  out.set(e.record.subarray(0, 46))
  out.set(nameBytes, 46)
  out.set(e.record.subarray(46 + n), 46 + nameBytes.length)
  put16(out, 28, nameBytes.length)
  return { record: out, name }
}

function withOffset(e: CdEntry, offset: number): CdEntry {
  const record = e.record.slice()
  put32(record, 42, offset)
  return { record, name: e.name }
}

/** The seed's directory entries and where the directory starts (a well-formed, non-zip64 end record). */
function directory(b: Uint8Array): { entries: CdEntry[]; start: number } | null {
  let end = -1
  for (let at = b.length - 22; at >= 0; at--) if (b[at] === 0x50 && b[at + 1] === 0x4b && b[at + 2] === 5 && b[at + 3] === 6) { end = at; break }
  if (end < 0) return null
  const start = u32(b, end + 16)
  const entries: CdEntry[] = []
  let at = start
  for (let i = 0; i < u16(b, end + 10); i++) {
    const len = 46 + u16(b, at + 28) + u16(b, at + 30) + u16(b, at + 32)
    const record = b.slice(at, at + len)
    entries.push({ record, name: String.fromCharCode(...record.subarray(46, 46 + u16(record, 28))) })
    at += len
  }
  return { entries, start }
}

function assemble(head: Uint8Array, entries: readonly CdEntry[]): Uint8Array {
  const size = entries.reduce((n, e) => n + e.record.length, 0)
  const out = new Uint8Array(head.length + size + 22)
  out.set(head)
  let at = head.length
  for (const e of entries) {
    out.set(e.record, at)
    at += e.record.length
  }
  out.set([0x50, 0x4b, 5, 6], at)
  put16(out, at + 8, entries.length)
  put16(out, at + 10, entries.length)
  put32(out, at + 12, size)
  put32(out, at + 16, head.length)
  return out
}

export function zipSurgery(rng: Prng, seed: Uint8Array): Mutant {
  const dir = directory(seed)
  if (!dir || dir.entries.length < 2) return { bytes: seed, steps: ['no directory to rewrite'] }
  const head = seed.subarray(0, dir.start)
  const entries = [...dir.entries]
  const a = rng.int(entries.length)
  const b = (a + 1 + rng.int(entries.length - 1)) % entries.length
  const A = entries[a]
  const op = rng.int(4)
  if (op === 0) {
    entries[b] = renamed(A, entries[b].name)
    return { bytes: assemble(head, entries), steps: [`directory: "${entries[b].name}" points at the data of "${A.name}"`] }
  }
  if (op === 1) {
    const n = 1 + rng.int(24)
    for (let k = 0; k < n; k++) entries.push(renamed(A, `alias_${k}.npy`))
    return { bytes: assemble(head, entries), steps: [`directory: ${n} more entries point at the data of "${A.name}"`] }
  }
  if (op === 2) {
    entries[a] = withOffset(A, u32(entries[b].record, 42))
    entries[b] = withOffset(entries[b], u32(A.record, 42))
    return { bytes: assemble(head, entries), steps: [`directory: "${A.name}" and "${entries[b].name}" swap their local header offsets`] }
  }
  const offset = u32(entries[b].record, 42) + 1 + rng.int(200)
  entries[a] = withOffset(A, offset)
  return { bytes: assemble(head, entries), steps: [`directory: "${A.name}" points at byte ${offset}, inside "${entries[b].name}"`] }
}
