/**
 * A pickle's anatomy for the mutator: walks the opcodes (protocols 0-5) of a well-formed seed and
 * lists every opcode with its argument header as structure, and as declared numbers the length
 * prefixes (BINSTRING, BINBYTES, BINUNICODE, SHORT_*, LONG1/LONG4, *8, FRAME), memo indices
 * (BINPUT/BINGET/LONG_*) and small ints (BININT*, which carry array shapes and dtype flags);
 * each int opcode may also be replaced by a huge, negative or non-int value of another width.
 */
import type { Anatomy, Field } from './mutate'

type Arg =
  | { kind: 'none' }
  | { kind: 'fixed'; n: number; field?: string }
  | { kind: 'counted'; n: 1 | 4 | 8; field: string }
  | { kind: 'lines'; n: 1 | 2 }

const NONE: Arg = { kind: 'none' }
const ARGS = new Map<number, Arg>()
const set = (ops: string, arg: Arg): void => {
  for (const c of ops) ARGS.set(c.charCodeAt(0), arg)
}
set('(.012N])}aeltdsubRoQ\x85\x86\x87\x88\x89\x8f\x90\x91\x92\x93\x94\x81\x97\x98', NONE)
set('\x80', { kind: 'fixed', n: 1 })
set('K', { kind: 'fixed', n: 1, field: 'BININT1 value' })
set('q', { kind: 'fixed', n: 1, field: 'BINPUT memo index' })
set('h', { kind: 'fixed', n: 1, field: 'BINGET memo index' })
set('\x82', { kind: 'fixed', n: 1 })
set('M', { kind: 'fixed', n: 2, field: 'BININT2 value' })
set('\x83', { kind: 'fixed', n: 2 })
set('J', { kind: 'fixed', n: 4, field: 'BININT value' })
set('r', { kind: 'fixed', n: 4, field: 'LONG_BINPUT memo index' })
set('j', { kind: 'fixed', n: 4, field: 'LONG_BINGET memo index' })
set('\x84', { kind: 'fixed', n: 4 })
set('G', { kind: 'fixed', n: 8 })
set('\x95', { kind: 'fixed', n: 8, field: 'FRAME length' })
set('U', { kind: 'counted', n: 1, field: 'SHORT_BINSTRING length' })
set('C', { kind: 'counted', n: 1, field: 'SHORT_BINBYTES length' })
set('\x8c', { kind: 'counted', n: 1, field: 'SHORT_BINUNICODE length' })
set('\x8a', { kind: 'counted', n: 1, field: 'LONG1 length' })
set('T', { kind: 'counted', n: 4, field: 'BINSTRING length' })
set('B', { kind: 'counted', n: 4, field: 'BINBYTES length' })
set('X', { kind: 'counted', n: 4, field: 'BINUNICODE length' })
set('\x8b', { kind: 'counted', n: 4, field: 'LONG4 length' })
set('\x8d', { kind: 'counted', n: 8, field: 'BINUNICODE8 length' })
set('\x8e', { kind: 'counted', n: 8, field: 'BINBYTES8 length' })
set('\x96', { kind: 'counted', n: 8, field: 'BYTEARRAY8 length' })
set('ILFSVPpg', { kind: 'lines', n: 1 })
set('ci', { kind: 'lines', n: 2 })

const bytes = (...v: number[]): string => String.fromCharCode(...v)
const INT_REPLACEMENTS = [
  'J' + bytes(0xff, 0xff, 0xff, 0x7f), 'J' + bytes(0, 0, 0, 0x80), 'J' + bytes(0xff, 0xff, 0xff, 0xff), 'K\0', 'M\xff\xff',
  '\x8a\x08' + bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x1f, 0), '\x8a\x09' + bytes(0, 0, 0, 0, 0, 0, 0, 0, 1),
  '\x8a\x08' + bytes(0, 0, 0, 0, 0, 0, 0, 0x80), '\x8a\x00', 'I9007199254740991\n', 'L99999999999999999999999L\n',
  '\x8b' + bytes(0xff, 0xff, 0xff, 0x7f), '\x8b' + bytes(0xff, 0xff, 0xff, 0xff), '\x8b' + bytes(8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x40),
  'I2147483648\n', 'G' + bytes(0x40, 0x0c, 0, 0, 0, 0, 0, 0), 'G' + bytes(0x7f, 0xf8, 0, 0, 0, 0, 0, 0), 'N', '\x88'
]

function le(b: Uint8Array, at: number, n: number): number {
  let v = 0
  for (let i = n - 1; i >= 0; i--) v = v * 256 + b[at + i]
  return v
}

/** The anatomy of the pickle that starts at `start` in `b` (a seed: assumed well-formed). */
export function pickleAnatomy(b: Uint8Array, start = 0): Anatomy {
  const hot: Array<readonly [number, number]> = []
  const fields: Field[] = []
  let at = start
  while (at < b.length) {
    const op = b[at]
    const arg = ARGS.get(op)
    if (arg === undefined) break
    let end = at + 1
    if (arg.kind === 'fixed') {
      if (arg.field) fields.push({ at: at + 1, width: arg.n, kind: 'le', what: arg.field })
      if (op === 0x4b || op === 0x4d || op === 0x4a) {
        fields.push({ at, width: 1 + arg.n, kind: 'replace', what: 'int opcode', values: INT_REPLACEMENTS })
      }
      end += arg.n
    } else if (arg.kind === 'counted') {
      fields.push({ at: at + 1, width: arg.n, kind: 'le', what: arg.field })
      const n = le(b, at + 1, arg.n)
      end += arg.n + n
      hot.push([at, Math.min(end, at + 1 + arg.n + 16)])
    } else if (arg.kind === 'lines') {
      for (let k = 0; k < arg.n; k++) {
        const nl = b.indexOf(0x0a, end)
        if (nl < 0) return { hot, fields }
        if (op === 0x49 || op === 0x4c || op === 0x46) {
          fields.push({ at: end, width: nl - end, kind: 'text', what: `${String.fromCharCode(op)} digits` })
        }
        end = nl + 1
      }
    }
    if (arg.kind !== 'counted') hot.push([at, end])
    if (op === 0x2e) break
    at = end
  }
  return { hot, fields }
}
