/**
 * Bounds-checked reading of a pickle's bytes, and the UserErrors a bad pickle produces. Every
 * length read from the file is compared with what is left before anything is sliced, so a
 * file that claims 2^60 bytes is refused as truncated without allocating.
 */
import { UserError } from '../errors'
import { latin1 } from './pickle-types'

export function truncated(): UserError {
  return new UserError(
    'truncated',
    'The file ends before the data does; it may be incomplete or still downloading. ' +
      'Download or copy it again.'
  )
}

/** The file's contents stop making sense at byte `pos`: damaged, or not really a pickle. */
export function corrupt(pos: number, what: string): UserError {
  return new UserError(
    'corrupt-pickle',
    `The file is damaged or is not a Python pickle: ${what} (at byte ${pos}). ` +
      'Download or copy it again, or choose the file that holds the data.'
  )
}

export function unsupported(what: string): UserError {
  return new UserError(
    'unsupported-pickle',
    `The file uses ${what}, which NN Scratch cannot read. ` +
      'Save the data again as plain numbers, lists, dicts and numpy arrays.'
  )
}

/** Printable form of a name taken from a file, short enough for a message. */
export function shown(name: string): string {
  const clean = name.replace(/[^\x20-\x7e]/g, '?')
  return clean.length > 80 ? clean.slice(0, 80) + '…' : clean
}

export class ByteReader {
  pos = 0
  private readonly view: DataView

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  get left(): number {
    return this.bytes.length - this.pos
  }

  private need(n: number): number {
    if (n > this.bytes.length - this.pos) throw truncated()
    const at = this.pos
    this.pos += n
    return at
  }

  u8(): number {
    return this.bytes[this.need(1)]
  }

  u16(): number {
    return this.view.getUint16(this.need(2), true)
  }

  u32(): number {
    return this.view.getUint32(this.need(4), true)
  }

  i32(): number {
    return this.view.getInt32(this.need(4), true)
  }

  f64be(): number {
    return this.view.getFloat64(this.need(8), false)
  }

  /** An 8-byte length, refused as truncated if it is more than the bytes left. */
  len64(): number {
    const n = this.view.getBigUint64(this.need(8), true)
    if (n > BigInt(this.left)) throw truncated()
    return Number(n)
  }

  /** A view of the next n bytes (not a copy). */
  take(n: number): Uint8Array {
    if (n < 0) throw corrupt(this.pos, 'a negative length')
    const at = this.need(n)
    return this.bytes.subarray(at, at + n)
  }

  /** The bytes up to the next newline (which is consumed, not returned). */
  line(): Uint8Array {
    const end = this.bytes.indexOf(0x0a, this.pos)
    if (end < 0) throw truncated()
    const at = this.pos
    this.pos = end + 1
    return this.bytes.subarray(at, end)
  }

  /** A text line of the protocol 0 opcodes (ASCII/latin1). */
  textLine(): string {
    return latin1(this.line())
  }
}
