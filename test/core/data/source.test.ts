import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HEAD_BYTES, readsInPlace } from '../../../src/core/data/source'

const fixture = (name: string): Uint8Array => readFileSync(resolve(import.meta.dirname, '../../fixtures', name))
const head = (b: Uint8Array): Uint8Array => b.subarray(0, HEAD_BYTES)
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0))

describe('readsInPlace', () => {
  it('is true for files whose pixels stay views of their bytes: pickles, .npy, a stored .npz', () => {
    expect(readsInPlace(head(fixture('sample_2class_py2.p')))).toBe(true)
    expect(readsInPlace(head(fixture('sample_cifar10_batch_py2')))).toBe(true)
    expect(readsInPlace(head(fixture('numpy/f4_3x4.npy')))).toBe(true)
    expect(readsInPlace(head(fixture('numpy/xy_stored.npz')))).toBe(true)
    // protocol 0 and 1 pickles: MARK, EMPTY_DICT, EMPTY_LIST, GLOBAL first
    for (const first of ['(lp0', '}q', ']q', 'cnumpy']) expect(readsInPlace(ascii(first))).toBe(true)
  })

  it('is false for files unpacked or rearranged first: gzip, a packed .npz, CIFAR binary, nothing', () => {
    expect(readsInPlace(Uint8Array.of(0x1f, 0x8b, 8, 0))).toBe(false)
    expect(readsInPlace(head(fixture('numpy/xy_deflated.npz')))).toBe(false)
    expect(readsInPlace(head(fixture('sample_cifar10.bin')))).toBe(false)
    expect(readsInPlace(new Uint8Array(0))).toBe(false)
  })
})
