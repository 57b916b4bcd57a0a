import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseDType, toFloat64, type NdArray } from '../../../src/core/formats/ndarray'
import {
  dictGet, dictKeys, isDict, isNdArray, PyBytes, unpickle, type PyDict, type PyTuple, type PyValue
} from '../../../src/core/formats/pickle'
import { userError } from '../../helpers/userError'
import { pickleBytes, u32 } from '../../helpers/pickleBytes'

const FIXTURES = join(__dirname, '../../fixtures')
const PICKLES = join(FIXTURES, 'pickle')

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(PICKLES, name)))
}

function u64(n: bigint): number[] {
  return Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn))
}

/** A numpy 1 / Python 2 cPickle array: _reconstruct, BUILD with the data as BINSTRING. */
function py2ArrayPickle(shape: number[], descr: string, order: string, data: Uint8Array): Uint8Array {
  const dims = shape.map((d) => ['J', u32(d)] as const).flat()
  return pickleBytes(
    '\x80\x02cnumpy.core.multiarray\n_reconstruct\nq\x01cnumpy\nndarray\nq\x02K\x00\x85U\x01b\x87R',
    '(K\x01(', ...dims, 't',
    'cnumpy\ndtype\nU', [descr.length], descr, 'K\x00K\x01\x87R',
    '(K\x03U\x01', order, 'NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tb',
    '\x89T', u32(data.length), data, 'tb.'
  )
}

/** A numpy 2 protocol 5 array: numpy._core.numeric._frombuffer on an in-band BYTEARRAY8. */
function p5ArrayPickle(shape: number[], descr: string, data: Uint8Array): Uint8Array {
  const dims = shape.map((d) => ['J', u32(d)] as const).flat()
  return pickleBytes(
    '\x80\x05\x8c\x13numpy._core.numeric\x94\x8c\x0b_frombuffer\x94\x93\x94(',
    '\x96', u64(BigInt(data.length)), data,
    '\x8c\x05numpy\x8c\x05dtype\x93\x8c', [descr.length], descr, '\x89\x88\x87R',
    '(K\x03\x8c\x01<NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tb',
    '(', ...dims, 't\x8c\x01CtR.'
  )
}

function asDict(v: PyValue | undefined): PyDict {
  expect(isDict(v as PyValue)).toBe(true)
  return v as PyDict
}

function asArray(v: PyValue | undefined): NdArray {
  expect(isNdArray(v as PyValue)).toBe(true)
  return v as NdArray
}

function tuple(...items: PyValue[]): PyTuple {
  return { kind: 'tuple', items }
}

interface ArrayExpect { dtype: string; shape: number[]; fortran: boolean; values: number[] }
type Expected = Record<string, ArrayExpect | { scalar: number | string }>

const expected = JSON.parse(readFileSync(join(PICKLES, 'arrays_expected.json'), 'utf8')) as {
  arrays: Expected
  py2_p0: Expected
}

function checkArrays(d: PyDict, want: Expected): void {
  expect(dictKeys(d).sort()).toEqual(Object.keys(want).sort())
  for (const [key, w] of Object.entries(want)) {
    const v = dictGet(d, key)
    if ('scalar' in w) {
      expect(v, key).toEqual(typeof w.scalar === 'string' ? intOf(w.scalar) : w.scalar)
      continue
    }
    const a = asArray(v)
    expect(a.dtype, key).toEqual(parseDType(w.dtype))
    expect(a.shape, key).toEqual(w.shape)
    expect(a.fortranOrder, key).toBe(w.fortran)
    expect(Array.from(toFloat64(a)), key).toEqual(w.values)
  }
}

/** A Python int written as text: a number when it is exact in a double, else a bigint. */
function intOf(text: string): number | bigint {
  const b = BigInt(text)
  return Number.isSafeInteger(Number(b)) ? Number(b) : b
}

describe('unpickle: the sample dataset files', () => {
  const samples = JSON.parse(readFileSync(join(PICKLES, 'samples_expected.json'), 'utf8'))

  it('reads cifar_2class_py2.p (Python 2 cPickle of numpy 1 arrays) as Python does', () => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'sample_2class_py2.p')))
    const d = asDict(unpickle(bytes))
    const want = samples.sample_2class_py2 as Record<string, { dtype: string; shape: number[]; sum: number; head: number[] }>
    expect(dictKeys(d)).toEqual(['train_data', 'train_labels', 'test_data', 'test_labels'])
    for (const [key, w] of Object.entries(want)) {
      const a = asArray(dictGet(d, key))
      expect(a.dtype).toEqual(parseDType(w.dtype))
      expect(a.shape).toEqual(w.shape)
      const values = toFloat64(a)
      expect(Array.from(values.subarray(0, 8))).toEqual(w.head)
      expect(values.reduce((s, x) => s + x, 0)).toBe(w.sum)
      expect(a.data.buffer).toBe(bytes.buffer) // a view of the file, not a copy
    }
  })

  it('reads a CIFAR-10 python batch: Python 2 str keys and values, int lists, uint8 data', () => {
    const d = asDict(unpickle(new Uint8Array(readFileSync(join(FIXTURES, 'sample_cifar10_batch_py2')))))
    const want = samples.sample_cifar10_batch_py2
    expect(dictKeys(d)).toEqual(['batch_label', 'labels', 'data', 'filenames'])
    const label = dictGet(d, 'batch_label')
    expect(label).toBeInstanceOf(PyBytes)
    expect((label as PyBytes).text()).toBe(want.batch_label)
    expect(dictGet(d, 'labels')).toEqual(want.labels)
    const names = dictGet(d, 'filenames') as PyBytes[]
    expect(names.map((n) => n.text())).toEqual(want.filenames)
    const data = asArray(dictGet(d, 'data'))
    expect(data.shape).toEqual(want.data.shape)
    const rowSums = []
    for (let r = 0; r < 100; r++) {
      let s = 0
      for (let i = r * 3072; i < (r + 1) * 3072; i++) s += data.data[i]
      rowSums.push(s)
    }
    expect(rowSums).toEqual(want.data.row_sums)
  })
})

describe('unpickle: numpy arrays and scalars, every protocol, numpy 1 and 2', () => {
  for (const name of [0, 1, 2, 3, 4, 5].map((p) => `arrays_p${p}.pkl`).concat('arrays_np1_p2.pkl', 'arrays_np1_p5.pkl')) {
    it(`${name}: every dtype and byte order, C and Fortran order, values as written`, () => {
      checkArrays(asDict(unpickle(fixture(name))), expected.arrays)
    })
  }

  it('keeps array data as a view of the input from protocol 3 on (BINBYTES, BYTEARRAY8)', () => {
    for (const name of ['arrays_p3.pkl', 'arrays_p4.pkl', 'arrays_p5.pkl', 'arrays_np1_p5.pkl']) {
      const bytes = fixture(name)
      const a = asArray(dictGet(asDict(unpickle(bytes)), 'f4'))
      expect(a.data.buffer).toBe(bytes.buffer)
    }
  })

  it('reads Python 2 protocol 0 pickles: quoted STRING data, I01, LONG, raw-unicode-escape, PUT/GET', () => {
    const d = asDict(unpickle(fixture('py2_p0.pkl')))
    checkArrays(
      { kind: 'dict', entries: d.entries.filter(([, v]) => isNdArray(v)) },
      expected.py2_p0
    )
    expect(dictGet(d, 'long')).toBe(12345678901234567890n)
    expect(dictGet(d, 'int')).toBe(-42)
    expect(dictGet(d, 't')).toBe(true)
    expect(dictGet(d, 'f')).toBe(-0.125)
    expect(dictGet(d, 'u')).toBe('café €')
    expect(d.entries[0][0]).toBeInstanceOf(PyBytes)
  })

  it('parses a 30 MB array in milliseconds without copying it (Python 2 BINSTRING)', () => {
    const n = 30 * 1024 * 1024
    const data = new Uint8Array(n)
    for (let i = 0; i < n; i += 4096) data[i] = (i / 4096) & 0xff
    const bytes = py2ArrayPickle([n / 3072, 3072], 'u1', '|', data)
    const t0 = performance.now()
    const a = asArray(unpickle(bytes))
    const ms = performance.now() - t0
    expect(ms).toBeLessThan(50)
    expect(a.shape).toEqual([n / 3072, 3072])
    expect(a.data.buffer).toBe(bytes.buffer)
    expect(a.data[4096 * 7]).toBe(7)
  })

  it('parses a 30 MB protocol 5 float32 array in milliseconds without copying it (BYTEARRAY8)', () => {
    const n = 30 * 1024 * 1024
    const data = new Uint8Array(n)
    new DataView(data.buffer).setFloat32(n - 4, 2.5, true)
    const bytes = p5ArrayPickle([n / 4], 'f4', data)
    const t0 = performance.now()
    const a = asArray(unpickle(bytes))
    expect(performance.now() - t0).toBeLessThan(50)
    expect(a.dtype).toEqual({ kind: 'f', size: 4, littleEndian: true })
    expect(a.data.buffer).toBe(bytes.buffer)
    expect(new DataView(a.data.buffer, a.data.byteOffset).getFloat32(n - 4, true)).toBe(2.5)
  })

  it('applies the byte order from the dtype state, not the unmarked dtype name', () => {
    const be = asArray(unpickle(py2ArrayPickle([2], 'i2', '>', Uint8Array.of(0x01, 0x02, 0xff, 0xfe))))
    expect(be.dtype.littleEndian).toBe(false)
    expect(Array.from(toFloat64(be))).toEqual([0x0102, -2])
    const le = asArray(unpickle(py2ArrayPickle([2], 'i2', '<', Uint8Array.of(0x01, 0x02, 0xff, 0xfe))))
    expect(Array.from(toFloat64(le))).toEqual([0x0201, -257])
  })
})

describe('unpickle: plain Python values', () => {
  for (const p of [0, 2, 4]) {
    it(`misc_p${p}.pkl: tuples, sets, bytes, big ints, floats, text, OrderedDict, shared lists`, () => {
      const d = asDict(unpickle(fixture(`misc_p${p}.pkl`)))
      const set = (...items: PyValue[]): PyValue => ({ kind: 'set', items })
      expect(dictGet(d, 'nested')).toEqual(
        tuple(1, tuple(2, tuple(3, [4, { kind: 'dict', entries: [['a', set(5)]] }])), set(6, 7))
      )
      expect(dictGet(d, 'empty_tuple')).toEqual(tuple())
      expect(dictGet(d, 'one')).toEqual(tuple(1))
      expect(dictGet(d, 'set_empty')).toEqual(set())
      expect(dictGet(d, 'fset_empty')).toEqual(set())
      for (const [key, want] of [['bytes', [0, 255, 97, 98]], ['bytes_empty', []], ['bytearray', [120, 121, 122]]] as const) {
        const b = dictGet(d, key)
        expect(b).toBeInstanceOf(PyBytes)
        expect(Array.from((b as PyBytes).bytes)).toEqual(want)
      }
      expect(dictGet(d, 'text')).toBe('h\u00e9llo \u20ac\n\\u \u{1f600}')
      expect(dictGet(d, 'big')).toBe(2n ** 70n)
      expect(dictGet(d, 'neg_big')).toBe(-(2n ** 64n) - 5n)
      expect(dictGet(d, 'i32')).toBe(-(2 ** 31))
      expect(dictGet(d, 'long')).toBe(2 ** 31)
      expect(dictGet(d, 'float')).toBe(1.5)
      expect(dictGet(d, 'inf')).toBe(Infinity)
      expect(dictGet(d, 'ninf')).toBe(-Infinity)
      expect(dictGet(d, 'nan')).toBeNaN()
      expect(dictGet(d, 'none')).toBeNull()
      expect(dictGet(d, 't')).toBe(true)
      expect(dictGet(d, 'f')).toBe(false)
      expect(dictGet(d, 'od')).toEqual({ kind: 'dict', entries: [['x', 1], ['y', 2]] })
      expect(dictKeys(asDict(dictGet(d, 'int_keys')))).toEqual(['1', '2'])
      expect(dictGet(asDict(dictGet(d, 'int_keys')), '1')).toBeUndefined()
      expect(dictGet(d, 'list')).toEqual(Array.from({ length: 2500 }, (_, i) => i % 97))
      const shared = dictGet(d, 'shared') as PyValue[][]
      expect(shared[0]).toEqual([1, 2])
      expect(shared[0]).toBe(shared[1]) // one object, referenced twice through the memo
    })
  }

  it('reads a list of 10000 ints batched the way cPickle writes it (APPENDS of 1000)', () => {
    const parts: Array<string | number[]> = ['\x80\x02]q\x01']
    for (let k = 0; k < 10000; k += 1000) {
      parts.push('(')
      for (let i = k; i < k + 1000; i++) parts.push(['J'.charCodeAt(0), ...u32(i * 7919 - 5000)])
      parts.push('e')
    }
    parts.push('.')
    const v = unpickle(pickleBytes(...parts)) as number[]
    expect(v).toHaveLength(10000)
    expect(v.every((x, i) => x === i * 7919 - 5000)).toBe(true)
  })

  it('reads a list of 10000 ints appended one by one (protocol 0)', () => {
    const parts = ['(lp0\n']
    for (let i = 0; i < 10000; i++) parts.push(`I${i - 3}\na`)
    const v = unpickle(pickleBytes(...parts, '.')) as number[]
    expect(v).toEqual(Array.from({ length: 10000 }, (_, i) => i - 3))
  })

  it('reads lists nested 100000 deep without running out of stack', () => {
    const depth = 100000
    let v = unpickle(pickleBytes('\x80\x02', ']'.repeat(depth), 'a'.repeat(depth - 1), '.')) as PyValue[]
    let n = 1
    while (v.length) { v = v[0] as PyValue[]; n++ }
    expect(n).toBe(depth)
  })

  it('keeps the last value of a repeated dict key, as Python does', () => {
    const d = asDict(unpickle(pickleBytes('\x80\x02}(U\x01aK\x01X\x01\x00\x00\x00bK\x02U\x01aK\x03u.')))
    expect(d.entries).toHaveLength(2)
    expect(dictGet(d, 'a')).toBe(3)
    expect(dictKeys(d)).toEqual(['a', 'b'])
  })

  it('keeps each set member once', () => {
    // {1, 2, 1, True} == {1, 2} in Python
    expect(unpickle(pickleBytes('\x80\x04\x8f(K\x01K\x02K\x01\x88\x90.'))).toEqual({ kind: 'set', items: [1, 2] })
    expect(unpickle(pickleBytes('\x80\x04(U\x01aX\x01\x00\x00\x00aU\x01a\x91.'))).toEqual({
      kind: 'set', items: [new PyBytes(Uint8Array.of(97)), 'a']
    })
  })
})

describe('unpickle: code in files never runs', () => {
  const cases: Array<[string, string]> = [
    ['evil_os_system_p0.pkl', 'os.system'],
    ['evil_posix_system_p2.pkl', 'posix.system'],
    ['evil_eval_p4.pkl', 'builtins.eval'],
    ['evil_popen_p5.pkl', 'subprocess.Popen'],
    ['evil_inst_p0.pkl', 'os.system'],
    ['evil_after_array_p2.pkl', '__builtin__.eval']
  ]
  for (const [file, name] of cases) {
    it(`refuses ${file}, naming ${name}`, () => {
      const e = userError(() => unpickle(fixture(file)))
      expect(e.code).toBe('unsafe-pickle')
      expect(e.message).toContain(`"${name}"`)
      expect(e.message).toContain('never runs code from files')
    })
  }

  it('refuses a global the moment it is read, before the rest of the file', () => {
    expect(userError(() => unpickle(pickleBytes('\x80\x02cos\nsystem\n'))).code).toBe('unsafe-pickle')
    expect(userError(() => unpickle(pickleBytes('\x80\x04\x8c\x08builtins\x8c\x04exec\x93'))).code).toBe('unsafe-pickle')
    // ... even when what follows is garbage
    expect(userError(() => unpickle(pickleBytes('\x80\x02cos\nsystem\n\xff\xff'))).code).toBe('unsafe-pickle')
  })

  it('allows only exact names: near misses are refused', () => {
    for (const [mod, name] of [
      ['numpy', 'load'], ['numpy.core.multiarray', '_reconstructX'], ['numpy', 'dtype '],
      ['numpy.core', 'multiarray._reconstruct'], ['builtins', 'getattr'], ['__builtin__', 'eval'],
      ['copyreg', '_reconstructor'], ['numpy.core.multiarray', 'frombuffer']
    ]) {
      const e = userError(() => unpickle(pickleBytes('\x80\x02c', mod, '\n', name, '\n.')))
      expect(e.code, `${mod}.${name}`).toBe('unsafe-pickle')
    }
  })

  it('refuses object arrays, and allowed types used as values or in unexpected ways', () => {
    expect(userError(() => unpickle(pickleBytes('\x80\x02cnumpy\ndtype\nX\x02\x00\x00\x00O8\x89\x88\x87R.'))).code)
      .toBe('unsupported-dtype')
    expect(userError(() => unpickle(pickleBytes('\x80\x02cnumpy\ndtype\n.'))).code).toBe('unsupported-pickle')
    expect(userError(() => unpickle(pickleBytes('\x80\x02]cnumpy\ndtype\na.'))).code).toBe('unsupported-pickle')
    expect(userError(() => unpickle(pickleBytes('\x80\x02cnumpy\ndtype\n\x85\x85.'))).code).toBe('unsupported-pickle')
    expect(userError(() => unpickle(pickleBytes('\x80\x02}U\x01kcnumpy\ndtype\n\x85s.'))).code).toBe('unsupported-pickle')
    expect(userError(() => unpickle(pickleBytes('\x80\x02(cnumpy\ndtype\nl.'))).code).toBe('unsupported-pickle')
    expect(userError(() => unpickle(pickleBytes('\x80\x02cnumpy\nndarray\n)R.'))).code).toBe('unsupported-pickle')
    expect(userError(() => unpickle(pickleBytes('\x80\x02cnumpy\ndtype\n)\x81.'))).code).toBe('unsupported-pickle')
    expect(userError(() => unpickle(pickleBytes('\x80\x02\x82\x01.'))).code).toBe('unsupported-pickle') // EXT1
    expect(userError(() => unpickle(pickleBytes('\x80\x02U\x01x\x51.'))).code).toBe('unsupported-pickle') // BINPERSID
    expect(userError(() => unpickle(pickleBytes('\x80\x05\x97.'))).code).toBe('unsupported-pickle') // NEXT_BUFFER
  })
})

describe('unpickle: damaged and wrong files', () => {
  it('says an empty file is empty', () => {
    const e = userError(() => unpickle(new Uint8Array(0)))
    expect(e.code).toBe('empty')
    expect(e.message).toMatch(/empty/)
  })

  it('says a cut-off file ends early, wherever it is cut', () => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'sample_2class_py2.p')))
    for (const end of [1, 2, 10, 40, 100, 1000, bytes.length >> 1, bytes.length - 2, bytes.length - 1]) {
      const e = userError(() => unpickle(bytes.subarray(0, end)))
      expect(e.code, `cut at ${end}`).toBe('truncated')
      expect(e.message).toBe(
        'The file ends before the data does; it may be incomplete or still downloading. ' +
          'Download or copy it again.'
      )
    }
    for (const name of ['arrays_p0.pkl', 'arrays_p5.pkl', 'misc_p0.pkl', 'misc_p4.pkl']) {
      const b = fixture(name)
      expect(userError(() => unpickle(b.subarray(0, b.length - 1))).code, name).toBe('truncated')
      expect(userError(() => unpickle(b.subarray(0, b.length >> 1))).code, name).toBe('truncated')
    }
  })

  it('says other kinds of file are not pickles', () => {
    for (const head of ['\x89PNG\r\n\x1a\n', '\x93NUMPY\x01\x00', 'PK\x03\x04', 'hello world', '{"a": 1}', '\xff\xd8\xff']) {
      const e = userError(() => unpickle(pickleBytes(head, '\0'.repeat(64))))
      expect(e.code, JSON.stringify(head)).toBe('not-a-pickle')
      expect(e.message).toContain('not a Python pickle')
    }
  })

  it('refuses lengths beyond the end of the file before allocating anything', () => {
    const huge = 2n ** 60n
    for (const b of [
      pickleBytes('\x80\x04\x8e', u64(huge), 'abc.'), // BINBYTES8
      pickleBytes('\x80\x05\x96', u64(2n ** 64n - 1n), 'abc.'), // BYTEARRAY8
      pickleBytes('\x80\x04\x8d', u64(huge), 'abc.'), // BINUNICODE8
      pickleBytes('\x80\x04\x95', u64(huge), 'N.'), // FRAME
      pickleBytes('\x80\x03B', u32(0xffffffff), 'abc.'), // BINBYTES
      pickleBytes('\x80\x02X', u32(0xffffffff), 'abc.'), // BINUNICODE
      pickleBytes('\x80\x02T', u32(0x7fffffff), 'abc.'), // BINSTRING
      pickleBytes('\x80\x02\x8b', u32(0x7fffffff), 'abc.'), // LONG4
      pickleBytes('\x80\x02U\xff', 'abc.') // SHORT_BINSTRING
    ]) {
      const t0 = performance.now()
      expect(userError(() => unpickle(b)).code).toBe('truncated')
      expect(performance.now() - t0).toBeLessThan(50)
    }
  })

  it('reports unknown instructions, missing values, bad back-references and negative lengths', () => {
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ['unknown opcode', pickleBytes('\x80\x02\xff.'), /unknown instruction/],
      ['STOP on empty stack', pickleBytes('\x80\x02.'), /needs a value/],
      ['APPEND on empty stack', pickleBytes('\x80\x02a.'), /needs a value/],
      ['TUPLE2 with one value', pickleBytes('\x80\x02N\x86.'), /needs more values/],
      ['APPENDS without MARK', pickleBytes('\x80\x02]e.'), /no start/],
      ['SETITEM on a list', pickleBytes('\x80\x02]NNs.'), /not a dict/],
      ['BINGET never stored', pickleBytes('\x80\x02h\x05.'), /never stored/],
      ['LONG_BINGET never stored', pickleBytes('\x80\x02Nq\x00j\xff\xff\xff\xff.'), /never stored/],
      ['GET never stored', pickleBytes('(g7\n.'), /never stored/],
      ['PUT on empty stack', pickleBytes('\x80\x02q\x00.'), /needs a value/],
      ['negative BINSTRING', pickleBytes('\x80\x02T\xff\xff\xff\xff.'), /negative length/],
      ['unquoted STRING', pickleBytes("Sabc\n."), /unreadable text/],
      ['bad INT', pickleBytes('I12x\n.'), /unreadable whole number/],
      ['REDUCE without a function', pickleBytes('\x80\x02N)R.'), /not a function/]
    ]
    for (const [what, bytes, message] of cases) {
      const e = userError(() => unpickle(bytes))
      expect(e.code, what).toBe('corrupt-pickle')
      expect(e.message, what).toMatch(message)
      expect(e.message, what).toMatch(/download or copy it again/i)
    }
  })

  it('refuses pickles from a newer Python', () => {
    const e = userError(() => unpickle(pickleBytes('\x80\x06N.')))
    expect(e.code).toBe('unsupported-pickle')
    expect(e.message).toContain('protocol 6')
  })

  it('refuses an array whose data does not match its shape', () => {
    const e = userError(() => unpickle(fixture('bad_array_len.pkl')))
    expect(e.code).toBe('bad-array')
    expect(e.message).toContain('2 × 3 numbers of 4 bytes each (24 bytes), but 20 bytes are stored')
    expect(userError(() => unpickle(py2ArrayPickle([10], 'u2', '<', new Uint8Array(21)))).code).toBe('bad-array')
    expect(userError(() => unpickle(p5ArrayPickle([2, 2], 'f8', new Uint8Array(31)))).code).toBe('bad-array')
  })

  it('writes messages for people: one plain paragraph, no code or stack traces', () => {
    const bad = [new Uint8Array(0), pickleBytes('\x80\x02\xff'), fixture('evil_eval_p4.pkl'), fixture('bad_array_len.pkl')]
    for (const b of bad) {
      const e = userError(() => unpickle(b))
      expect(e.message).not.toMatch(/\n|at .*\.ts|Error|undefined|\[object/)
      expect(e.message.length).toBeLessThan(400)
    }
  })
})

describe('dictGet, dictKeys, isNdArray, isDict', () => {
  it('finds keys stored as str or as Python 2 str (latin1) and leaves out other keys', () => {
    const d: PyDict = {
      kind: 'dict',
      entries: [
        [new PyBytes(Uint8Array.of(0x63, 0x61, 0x66, 0xe9)), 1],
        ['b', 2],
        [tuple(1, 2), 3],
        [7, 4]
      ]
    }
    expect(dictGet(d, 'café')).toBe(1)
    expect(dictGet(d, 'b')).toBe(2)
    expect(dictGet(d, 'missing')).toBeUndefined()
    expect(dictKeys(d)).toEqual(['café', 'b', '7'])
  })

  it('tells arrays and dicts from other values', () => {
    const a: NdArray = { dtype: parseDType('u1'), shape: [1], data: new Uint8Array(1), fortranOrder: false }
    expect(isNdArray(a)).toBe(true)
    expect(isDict(a)).toBe(false)
    const others: PyValue[] = [null, 1, 'x', [], tuple(), { kind: 'dict', entries: [] }, new PyBytes(new Uint8Array(1)),
      { kind: 'dtype', dtype: parseDType('f4') }, { kind: 'set', items: [] }]
    expect(others.map(isNdArray)).toEqual(others.map(() => false))
    expect(others.map(isDict)).toEqual(others.map((v) => v !== null && typeof v === 'object' && 'kind' in v && v.kind === 'dict'))
  })
})
