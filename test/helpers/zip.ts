/**
 * A tiny zip writer for tests that need archives no honest tool writes: members whose local
 * header disagrees with the table of contents, directory entries that share one member's bytes,
 * sizes that lie. Each member is written as local header + packed bytes, then the directory.
 */
import { deflateSync } from 'fflate'
import { concat } from './archives'

export interface ZipMember {
  readonly name: string
  /** the bytes as stored in the archive: already deflated when method is 8. */
  readonly packed: Uint8Array
  /** 0 stored (default), 8 deflated. */
  readonly method?: number
  /** declared unpacked size; default packed.length. */
  readonly size?: number
  /** fields the local header gives differently from the directory. */
  readonly local?: { readonly name?: string; readonly method?: number; readonly size?: number; readonly packedSize?: number }
  /** no bytes of its own: the directory entry points at member `sameAs`'s local header. */
  readonly sameAs?: number
}

const enc = new TextEncoder()

/** A member holding `plain` deflated (method 8). */
export function deflatedMember(name: string, plain: Uint8Array): ZipMember {
  return { name, packed: deflateSync(plain), method: 8, size: plain.length }
}

export function makeZip(members: readonly ZipMember[]): Uint8Array {
  const bytes: Uint8Array[] = []
  let length = 0
  const put = (b: Uint8Array): void => {
    bytes.push(b)
    length += b.length
  }
  const u16 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff]
  const u32 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]
  const offsets: number[] = []
  members.forEach((m) => {
    if (m.sameAs !== undefined) {
      offsets.push(offsets[m.sameAs])
      return
    }
    offsets.push(length)
    const name = enc.encode(m.local?.name ?? m.name)
    const method = m.local?.method ?? m.method ?? 0
    const size = m.local?.size ?? m.size ?? m.packed.length
    const packedSize = m.local?.packedSize ?? m.packed.length
    put(Uint8Array.from([
      0x50, 0x4b, 3, 4, ...u16(20), ...u16(0), ...u16(method), ...u16(0), ...u16(0x21), ...u32(0),
      ...u32(packedSize), ...u32(size), ...u16(name.length), ...u16(0)
    ]))
    put(name)
    put(m.packed)
  })
  const directoryStart = length
  members.forEach((m, i) => {
    const name = enc.encode(m.name)
    const at = m.sameAs ?? i
    const packed = members[at].packed
    put(Uint8Array.from([
      0x50, 0x4b, 1, 2, ...u16(20), ...u16(20), ...u16(0), ...u16(m.method ?? 0), ...u16(0), ...u16(0x21), ...u32(0),
      ...u32(packed.length), ...u32(m.size ?? packed.length), ...u16(name.length), ...u16(0), ...u16(0), ...u16(0),
      ...u16(0), ...u32(0), ...u32(offsets[i])
    ]))
    put(name)
  })
  const directorySize = length - directoryStart
  put(Uint8Array.from([
    0x50, 0x4b, 5, 6, ...u16(0), ...u16(0), ...u16(members.length), ...u16(members.length),
    ...u32(directorySize), ...u32(directoryStart), ...u16(0)
  ]))
  return concat(bytes)
}
