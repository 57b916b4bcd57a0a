/**
 * Test helpers that build archives and numpy files from bytes: tar (ustar, optional GNU long
 * names), .npy (version 1.0 header), .npz (zip of .npy via fflate).
 */
import { zipSync } from 'fflate'

const enc = new TextEncoder()

function writeField(h: Uint8Array, at: number, text: string): void {
  h.set(enc.encode(text), at)
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0')
}

export interface TarInput {
  name: string
  bytes: Uint8Array
  /** '0' file (default), '5' folder. */
  type?: string
}

/** A ustar archive; names over 100 bytes get a GNU 'L' long-name entry first. */
export function makeTar(files: TarInput[], options: { endBlocks?: number } = {}): Uint8Array {
  const parts: Uint8Array[] = []
  const header = (name: string, size: number, type: string): Uint8Array => {
    const h = new Uint8Array(512)
    writeField(h, 0, name.slice(0, 99))
    writeField(h, 100, '0000644\0')
    writeField(h, 108, '0000000\0')
    writeField(h, 116, '0000000\0')
    writeField(h, 124, octal(size, 12) + '\0')
    writeField(h, 136, octal(0, 12) + '\0')
    writeField(h, 148, '        ')
    writeField(h, 156, type)
    writeField(h, 257, 'ustar\x0000')
    let sum = 0
    for (let i = 0; i < 512; i++) sum += h[i]
    writeField(h, 148, octal(sum, 7) + '\0')
    return h
  }
  const padded = (b: Uint8Array): Uint8Array => {
    const out = new Uint8Array(Math.ceil(b.length / 512) * 512)
    out.set(b)
    return out
  }
  for (const f of files) {
    const type = f.type ?? '0'
    if (enc.encode(f.name).length > 99) {
      const nameBytes = enc.encode(f.name + '\0')
      parts.push(header('././@LongLink', nameBytes.length, 'L'), padded(nameBytes))
    }
    parts.push(header(f.name, f.bytes.length, type), padded(f.bytes))
  }
  for (let i = 0; i < (options.endBlocks ?? 2); i++) parts.push(new Uint8Array(512))
  return concat(parts)
}

export function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0
  for (const p of parts) n += p.length
  const out = new Uint8Array(n)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** A .npy file (format 1.0). `data` holds the raw little-endian element bytes. */
export function makeNpy(descr: string, shape: number[], data: Uint8Array, fortran = false): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`
  let dict = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`
  const total = 10 + dict.length + 1
  dict += ' '.repeat((64 - (total % 64)) % 64) + '\n'
  const head = new Uint8Array(10)
  head.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, dict.length & 0xff, dict.length >> 8])
  return concat([head, enc.encode(dict), data])
}

/** Float64 / Float32 / Int32 / Int16 / BigInt64 element bytes, little-endian (the host order). */
export function bytesOf(a: Float64Array | Float32Array | Int32Array | Int16Array | BigInt64Array | Uint8Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength)
}

export function makeNpz(arrays: Record<string, Uint8Array>): Uint8Array {
  const entries: Record<string, Uint8Array> = {}
  for (const [k, v] of Object.entries(arrays)) entries[`${k}.npy`] = v
  return zipSync(entries)
}
