/**
 * One message as one binary frame, for carrying the IPC contract over a WebSocket with its typed
 * arrays intact (JSON alone would turn a Float32Array into an object of numbers, and NaN into null).
 *   frame = u32 LE n | n bytes of UTF-8 JSON | zero padding to a multiple of 8 | attachments
 *   JSON  = { "v": value, "a": [[kind, byteOffset, length], …] }   (offsets from the attachments'
 *           start, each a multiple of 8), where in `value`
 *     { "$t": i }            is typed array a[i],
 *     { "$n": "NaN" | "Infinity" | "-Infinity" }  a number JSON cannot hold,
 *     { "$o": { … } }        a plain object whose own keys start with "$" (kept literally).
 * decodeFrame checks every count and bound and throws FrameError on anything else.
 */

const KINDS = {
  Uint8Array, Int8Array, Uint8ClampedArray, Uint16Array, Int16Array, Uint32Array, Int32Array, Float32Array, Float64Array
} as const
type Kind = keyof typeof KINDS
type Typed = InstanceType<(typeof KINDS)[Kind]>

export class FrameError extends Error {
  override readonly name = 'FrameError'
}

const ALIGN = 8
const pad = (n: number): number => (n + ALIGN - 1) & ~(ALIGN - 1)

function kindOf(value: ArrayBufferView): Kind | null {
  for (const kind of Object.keys(KINDS) as Kind[]) if (value.constructor === KINDS[kind]) return kind
  return null
}

export function encodeFrame(value: unknown): Uint8Array {
  const parts: { kind: Kind; data: Typed }[] = []
  const walk = (v: unknown): unknown => {
    if (typeof v === 'number') return Number.isFinite(v) ? v : { $n: String(v) }
    if (typeof v !== 'object' || v === null) return v
    if (ArrayBuffer.isView(v)) {
      const kind = isUint8Subclass(v) ? 'Uint8Array' : kindOf(v)
      if (!kind) throw new FrameError(`cannot send a ${v.constructor.name}`)
      parts.push({ kind, data: v as Typed })
      return { $t: parts.length - 1 }
    }
    if (Array.isArray(v)) return v.map(walk)
    const out: Record<string, unknown> = {}
    let escaped = false
    for (const [key, item] of Object.entries(v)) {
      if (item === undefined) continue
      if (key.startsWith('$')) escaped = true
      out[key] = walk(item)
    }
    return escaped ? { $o: out } : out
  }
  const table: [Kind, number, number][] = []
  let offset = 0
  const body = walk(value)
  for (const p of parts) {
    table.push([p.kind, offset, p.data.length])
    offset = pad(offset + p.data.byteLength)
  }
  const json = new TextEncoder().encode(JSON.stringify({ v: body, a: table }))
  const start = pad(4 + json.length)
  const frame = new Uint8Array(start + offset)
  new DataView(frame.buffer).setUint32(0, json.length, true)
  frame.set(json, 4)
  parts.forEach((p, i) => {
    frame.set(new Uint8Array(p.data.buffer, p.data.byteOffset, p.data.byteLength), start + table[i][1])
  })
  return frame
}

/** Node's Buffer is a Uint8Array subclass; it is sent as a Uint8Array. */
function isUint8Subclass(v: ArrayBufferView): boolean {
  return v instanceof Uint8Array && v.constructor !== Uint8Array && kindOf(v) === null
}

export function decodeFrame(frame: Uint8Array): unknown {
  if (frame.length < 4) throw new FrameError('frame too short')
  const n = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(0, true)
  if (4 + n > frame.length) throw new FrameError('frame shorter than its header says')
  let parsed: unknown
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(frame.subarray(4, 4 + n)))
  } catch {
    throw new FrameError('frame header is not JSON')
  }
  const { v, a } = (parsed ?? {}) as { v?: unknown; a?: unknown }
  if (!Array.isArray(a)) throw new FrameError('frame has no attachment table')
  const start = pad(4 + n)
  const arrays = a.map((entry): Typed => {
    if (!Array.isArray(entry) || entry.length !== 3) throw new FrameError('bad attachment entry')
    const [kind, offset, length] = entry as [unknown, unknown, unknown]
    if (typeof kind !== 'string' || !Object.prototype.hasOwnProperty.call(KINDS, kind)) throw new FrameError('bad attachment kind')
    const Ctor = KINDS[kind as Kind]
    if (!Number.isInteger(offset) || !Number.isInteger(length) || (offset as number) < 0 || (length as number) < 0 ||
      (offset as number) % ALIGN !== 0) throw new FrameError('bad attachment bounds')
    const from = start + (offset as number)
    const bytes = (length as number) * Ctor.BYTES_PER_ELEMENT
    if (from + bytes > frame.length) throw new FrameError('attachment runs past the frame')
    const copy = frame.slice(from, from + bytes)
    return new Ctor(copy.buffer, 0, length as number)
  })
  const walk = (x: unknown): unknown => {
    if (typeof x !== 'object' || x === null) return x
    if (Array.isArray(x)) return x.map(walk)
    const o = x as Record<string, unknown>
    if ('$t' in o) {
      if (typeof o.$t !== 'number' || !(o.$t in arrays)) throw new FrameError('bad attachment reference')
      return arrays[o.$t]
    }
    if ('$n' in o) {
      if (o.$n === 'NaN') return NaN
      if (o.$n === 'Infinity') return Infinity
      if (o.$n === '-Infinity') return -Infinity
      throw new FrameError('bad number')
    }
    const inner = '$o' in o ? o.$o : o
    if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) throw new FrameError('bad object')
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(inner)) {
      if (key === '__proto__') continue
      out[key] = walk(item)
    }
    return out
  }
  return walk(v)
}
