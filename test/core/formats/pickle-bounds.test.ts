/**
 * The pickle reader's bounds: time linear in the file however values are reused through the
 * memo (issue 8: a pickle of up to 10 MB is read or refused in under 2 s), whole numbers of a
 * bounded size, and globals that can only be called, never kept as values.
 */
import { describe, expect, it } from 'vitest'
import { MAX_OBJECTS } from '../../../src/core/formats/pickle-limits'
import { MAX_INT_DIGITS } from '../../../src/core/formats/pickle-text'
import { dictGet, PyBytes, unpickle, type PyDict, type PyValue } from '../../../src/core/formats/pickle'
import { pickleBytes, u32 } from '../../helpers/pickleBytes'
import { userError } from '../../helpers/userError'

/** The target of issue 8 for any pickle up to 10 MB; these files take tens of milliseconds. */
const LIMIT_MS = 2000

function timed<T>(f: () => T): [T, number] {
  const started = performance.now()
  const v = f()
  return [v, performance.now() - started]
}

function timedError(bytes: Uint8Array): [ReturnType<typeof userError>, number] {
  const started = performance.now()
  const e = userError(() => unpickle(bytes))
  return [e, performance.now() - started]
}

describe('unpickle: a large value reused through the memo costs its size once', () => {
  const MIB = 1024 * 1024

  it('a 1 MiB bytes key set 20,000 times (1.1 MB file) gives one entry at once', () => {
    const big = new Uint8Array(MIB).fill(0x61)
    const file = pickleBytes('\x80\x02}B', u32(MIB), big, 'q\x010(', 'h\x01K\x07'.repeat(20000), 'h\x01K\x09u.')
    const [d, ms] = timed(() => unpickle(file) as PyDict)
    expect(ms).toBeLessThan(LIMIT_MS)
    expect(d.entries).toHaveLength(1)
    expect((d.entries[0][0] as PyBytes).bytes.length).toBe(MIB)
    expect(d.entries[0][1]).toBe(9)
  })

  it('a 1 MiB str key, and equal keys that are different objects, the same way', () => {
    const text = 'é'.repeat(MIB / 2) // 1 MiB as UTF-8
    const utf8 = new TextEncoder().encode(text)
    const file = pickleBytes('\x80\x04}X', u32(utf8.length), utf8, '\x940(', 'h\x00K\x07'.repeat(20000), 'u.')
    const [d, ms] = timed(() => unpickle(file) as PyDict)
    expect(ms).toBeLessThan(LIMIT_MS)
    expect(d.entries).toEqual([[text, 7]])
    // b'ab' set twice from two separate values, and 1, 1.0 and True: one key each, as in Python
    const same = unpickle(pickleBytes('\x80\x02}(U\x02abK\x01U\x02abK\x02K\x01K\x03G?\xf0\x00\x00\x00\x00\x00\x00K\x04\x88K\x05u.'))
    expect((same as PyDict).entries).toEqual([[new PyBytes(Uint8Array.of(97, 98)), 2], [1, 5]])
  })

  it('set() of one memoised list of 100,000 items, called 20,000 times, is refused at once', () => {
    const file = pickleBytes(
      '\x80\x02]q\x01(', 'N'.repeat(100000), 'e0c__builtin__\nset\nq\x02(',
      'h\x02h\x01\x85R'.repeat(20000), 'l.'
    )
    const [e, ms] = timedError(file)
    expect(ms).toBeLessThan(LIMIT_MS)
    expect(e.code).toBe('unsupported-pickle')
    expect(e.message).toMatch(/^This file builds the same values again and again \(it asks for more than \d+ values to be copied, from a file of \d+ bytes\), which no dataset does/)
    // set() of the same list once is fine
    expect(unpickle(pickleBytes('\x80\x02c__builtin__\nset\n(K\x01K\x02K\x01l\x85R.'))).toEqual({ kind: 'set', items: [1, 2] })
  })

  it('a 1 MiB dtype name reused 20,000 times is refused, not converted each time', () => {
    const file = pickleBytes(
      '\x80\x02cnumpy\ndtype\nq\x01B', u32(MIB), new Uint8Array(MIB).fill(0x66), 'q\x02(',
      'h\x01h\x02\x85R'.repeat(20000), 'l.'
    )
    const [e, ms] = timedError(file)
    expect(ms).toBeLessThan(LIMIT_MS)
    expect(e.code).toBe('corrupt-pickle')
  })

  it('a shape of 1,000,000 dimensions reused 20,000 times is refused at the first', () => {
    // each repetition: _reconstruct(ndarray, (0,), b'b'), then BUILD with the memoised shape (1, 1, …, 1)
    const array = 'cnumpy.core.multiarray\n_reconstruct\ncnumpy\nndarray\nK\x00\x85U\x01b\x87R'
    const file = pickleBytes(
      '\x80\x02(', 'K\x01'.repeat(1000000), 'tq\x010', 'cnumpy\ndtype\nU\x02u1K\x00K\x01\x87Rq\x020',
      `${array}(K\x01h\x01h\x02\x89U\x01\x00tb0`.repeat(20000), 'N.'
    )
    const [e, ms] = timedError(file)
    expect(ms).toBeLessThan(LIMIT_MS)
    expect(e.message).toContain('an array with more than 64 dimensions')
  })
})

describe('unpickle: text numbers are scanned in one pass', () => {
  it('a FLOAT of 60,000 digits that is not a number is refused at once (it took 12 s)', () => {
    const [e, ms] = timedError(pickleBytes('(F', '1'.repeat(60000), 'x\nl.'))
    expect(ms).toBeLessThan(LIMIT_MS)
    expect(e.message).toContain('unreadable decimal number')
  })

  it('reads FLOAT text as Python float() does', () => {
    const floats = ['1.5', ' -2. ', '.25', '+1e3', '1.5E-2', 'inf', '-Infinity', 'NaN', '1' + '0'.repeat(400)]
    const file = pickleBytes('(', ...floats.map((f) => `F${f}\n`), 'l.')
    expect(unpickle(file)).toEqual([1.5, -2, 0.25, 1000, 0.015, Infinity, -Infinity, NaN, Infinity])
    for (const bad of ['.', 'e5', '1e', '1e+', '--1', '1.2.3', 'infinit', '0x10', '1_000']) {
      expect(userError(() => unpickle(pickleBytes(`(F${bad}\nl.`))).message, bad).toContain('unreadable decimal number')
    }
  })
})

describe('unpickle: a bounded number of objects', () => {
  it('10 MB of empty dicts, tuples or MARKs is refused at a million objects, not read into 1.4 GB', () => {
    for (const op of ['}', ')', '(']) {
      const [e, ms] = timedError(pickleBytes('\x80\x02](', op.repeat(10_000_000), 'e.'))
      expect(ms, op).toBeLessThan(LIMIT_MS)
      expect(e.message).toBe(
        `This file holds more than ${MAX_OBJECTS} separate Python values (lists, tuples, dicts, texts as bytes), far ` +
          'more than a dataset has, so NN Scratch stops reading it. Save the pictures and the labels as numpy ' +
          'arrays, for example with numpy.savez.'
      )
    }
    const [e] = timedError(pickleBytes('\x80\x03](', 'C\x00'.repeat(5_000_000), 'e.'))
    expect(e.message).toContain(`more than ${MAX_OBJECTS} separate Python values`)
  })

  it('reads a list of 100,000 bytes objects (twice a CIFAR-100 batch\'s file names)', () => {
    const v = unpickle(pickleBytes('\x80\x02](', 'U\x01a'.repeat(100_000), 'e.')) as PyValue[]
    expect(v).toHaveLength(100_000)
  })
})

describe('unpickle: long text values', () => {
  it('a UNICODE line of a million backslashes is read, not a stack overflow', () => {
    const [v, ms] = timed(() => unpickle(pickleBytes('(V', '\\'.repeat(1000000), '\\u00e9\nl.')) as string[])
    expect(ms).toBeLessThan(LIMIT_MS)
    expect(v[0]).toHaveLength(1000001)
    expect(v[0].slice(-3)).toBe('\\\\é')
  })
})

describe('unpickle: whole numbers up to about 512 bits', () => {
  it('reads LONG1 and text LONG up to the bound, exactly', () => {
    const big = 2n ** 500n + 12345n
    const bytes: number[] = []
    for (let v = big; v > 0n; v >>= 8n) bytes.push(Number(v & 0xffn))
    bytes.push(0) // positive: the top bit clear
    expect(unpickle(pickleBytes('\x80\x02\x8a', [bytes.length], bytes, '.'))).toBe(big)
    const digits = '9'.repeat(MAX_INT_DIGITS)
    expect(unpickle(pickleBytes(`L${digits}L\n.`))).toBe(BigInt(digits))
    expect(unpickle(pickleBytes(`I-${digits}\n.`))).toBe(-BigInt(digits))
  })

  it('refuses a 1 MB LONG4 and a text LONG past the bound, before converting them', () => {
    const n = 1024 * 1024
    const [e, ms] = timedError(pickleBytes('\x80\x02\x8b', u32(n), new Uint8Array(n).fill(0x7f), '.'))
    expect(ms).toBeLessThan(LIMIT_MS)
    expect(e.code).toBe('unsupported-pickle')
    expect(e.message).toBe(
      `The file uses a whole number longer than ${MAX_INT_DIGITS} digits, which NN Scratch cannot read. ` +
        'Save the data again as plain numbers, lists, dicts and numpy arrays.'
    )
    expect(userError(() => unpickle(pickleBytes(`L${'1'.repeat(MAX_INT_DIGITS + 1)}L\n.`))).code).toBe('unsupported-pickle')
    expect(userError(() => unpickle(pickleBytes(`L${'1'.repeat(1000000)}\n.`))).code).toBe('unsupported-pickle')
  })
})

describe('unpickle: an allowed global never comes out as a value', () => {
  const dtype = 'cnumpy\ndtype\n'

  it('set((dtype,)) and frozenset((dtype,)) are refused', () => {
    for (const fn of ['set', 'frozenset']) {
      const e = userError(() => unpickle(pickleBytes(`\x80\x02c__builtin__\n${fn}\n${dtype}\x85\x85R.`)))
      expect(e.code, fn).toBe('unsupported-pickle')
      expect(e.message).toContain('a Python type stored as a value')
    }
  })

  it('OrderedDict(((key, dtype),)) is refused', () => {
    const e = userError(() => unpickle(pickleBytes(`\x80\x02ccollections\nOrderedDict\nU\x01k${dtype}\x86\x85\x85R.`)))
    expect(e.code).toBe('unsupported-pickle')
  })

  it('a global in any argument of a call, or in a BUILD state, is refused', () => {
    for (const p of [
      `\x80\x02c__builtin__\nbytes\n${dtype}\x85R.`, // bytes(dtype)
      `\x80\x02cnumpy\ndtype\nU\x02u1K\x00K\x01\x87R(K\x03${dtype}tb.` // dtype.__setstate__((3, dtype))
    ]) {
      expect(userError(() => unpickle(pickleBytes(p))).code).toBe('unsupported-pickle')
    }
  })

  it('still reads what numpy and Python write: _reconstruct(ndarray, ...), set(list), OrderedDict(pairs)', () => {
    const od = unpickle(pickleBytes('\x80\x02ccollections\nOrderedDict\n]((U\x01xK\x01t(U\x01xK\x02t(U\x01yK\x03te\x85R.'))
    // a repeated key keeps its first place and its last value, as in Python
    expect(od).toEqual({ kind: 'dict', entries: [[new PyBytes(Uint8Array.of(120)), 2], [new PyBytes(Uint8Array.of(121)), 3]] })
    const a = unpickle(pickleBytes(
      '\x80\x02cnumpy.core.multiarray\n_reconstruct\ncnumpy\nndarray\nK\x00\x85U\x01b\x87R',
      '(K\x01K\x02\x85cnumpy\ndtype\nU\x02u1K\x00K\x01\x87R\x89U\x02\x05\x06tb.'
    )) as PyValue
    expect(Array.from((a as { data: Uint8Array }).data)).toEqual([5, 6])
    expect(dictGet({ kind: 'dict', entries: [] }, 'x')).toBeUndefined()
  })
})
