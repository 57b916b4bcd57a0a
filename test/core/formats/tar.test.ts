import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { gzipSync } from 'fflate'
import { gunzip, isGzip, isTar, readTar, MAX_ARCHIVE_FILES, MAX_GUNZIP_BYTES } from '../../../src/core/formats/tar'
import { makeTar } from '../../helpers/archives'
import { userError } from '../../helpers/userError'

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)))
const text = (b: Uint8Array): string => new TextDecoder().decode(b)

describe('readTar', () => {
  const a = new Uint8Array(700).map((_, i) => i % 256)
  const b = new TextEncoder().encode('hello')
  const tar = makeTar([
    { name: 'cifar-10-batches-py/', bytes: new Uint8Array(0), type: '5' },
    { name: 'cifar-10-batches-py/data_batch_1', bytes: a },
    { name: 'cifar-10-batches-py/readme.html', bytes: b }
  ])

  it('lists regular files with their exact bytes, skipping folders', () => {
    expect(isTar(tar)).toBe(true)
    const files = readTar(tar)
    expect(files.map((f) => f.name)).toEqual(['cifar-10-batches-py/data_batch_1', 'cifar-10-batches-py/readme.html'])
    expect(files[0].bytes.length).toBe(700)
    expect(files[0].bytes[699]).toBe(699 % 256)
    expect(text(files[1].bytes)).toBe('hello')
  })

  it('returns views into the archive, not copies', () => {
    const files = readTar(tar)
    expect(files[0].bytes.buffer).toBe(tar.buffer)
  })

  it('reads GNU long names', () => {
    const long = 'x/'.repeat(70) + 'data_batch_2'
    const files = readTar(makeTar([{ name: long, bytes: b }]))
    expect(files).toHaveLength(1)
    expect(files[0].name).toBe(long)
    expect(text(files[0].bytes)).toBe('hello')
  })

  it('reads archives written by Python tarfile (GNU and pax long names)', () => {
    for (const name of ['tar_gnu.tar', 'tar_pax.tar']) {
      const files = readTar(fixture(name))
      expect(files.map((f) => f.name)).toEqual(['short.txt', 'd/' + 'long_'.repeat(30) + 'name.txt'])
      expect(text(files[0].bytes)).toBe('short file\n')
      expect(text(files[1].bytes)).toBe('a file with a long name\n')
    }
  })

  it('accepts an archive without end blocks', () => {
    expect(readTar(makeTar([{ name: 'a', bytes: b }], { endBlocks: 0 }))).toHaveLength(1)
  })

  it('refuses an entry whose declared size runs past the end of the file', () => {
    const cut = tar.subarray(0, 512 * 2 + 100)
    expect(() => readTar(cut)).toThrow(/ends too early: "cifar-10-batches-py\/data_batch_1" should have 700 bytes but only 100 remain/)
  })

  it('refuses a header cut in half', () => {
    const one = makeTar([{ name: 'a', bytes: b }], { endBlocks: 0 })
    const cut = new Uint8Array(one.length + 200)
    cut.set(one)
    cut.set(one.subarray(0, 200), one.length)
    expect(() => readTar(cut)).toThrow(/ends too early/)
  })

  it('refuses an archive of more than 10,000 files (200,000 empty ones, 1.8 MB packed, took 20 s to sort)', () => {
    expect(MAX_ARCHIVE_FILES).toBe(10_000)
    const files = Array.from({ length: MAX_ARCHIVE_FILES + 1 }, (_, i) => ({ name: `d/data_batch_${i}`, bytes: new Uint8Array(0) }))
    expect(readTar(makeTar(files.slice(1)))).toHaveLength(MAX_ARCHIVE_FILES)
    const e = userError(() => readTar(makeTar(files)))
    expect(e.code).toBe('too-many-files')
    expect(e.message).toBe(
      'The archive holds more than 10000 files, far more than a dataset NN Scratch reads (CIFAR-10 has 8). ' +
        "Unpack it yourself and open the dataset's own folder or file."
    )
  })

  it('refuses a damaged header (bad checksum)', () => {
    const bad = tar.slice()
    bad[512 + 5] ^= 0x20
    expect(() => readTar(bad)).toThrow(/damaged: the description of a file in it \(at byte 512\) does not pass its check/)
  })
})

describe('gunzip', () => {
  const raw = new Uint8Array(50_000).map((_, i) => (i * 7) % 256)
  const gz = gzipSync(raw)

  it('unpacks gzip data exactly', () => {
    expect(isGzip(gz)).toBe(true)
    const out = gunzip(gz)
    expect(out.length).toBe(50_000)
    expect(out[12345]).toBe((12345 * 7) % 256)
  })

  it('says the download was cut short for a truncated .gz', () => {
    expect(() => gunzip(gz.subarray(0, gz.length - 30))).toThrow(/ends too early/)
  })

  it('refuses a stored size no packed data could produce, before allocating it', () => {
    const bad = gz.slice()
    bad.set([0xff, 0xff, 0xff, 0x7f], bad.length - 4)
    expect(() => gunzip(bad)).toThrow(/ends too early: it says it unpacks to 2147483647 bytes/)
  })

  it('notices a stored size that is too small', () => {
    const bad = gz.slice()
    bad.set([10, 0, 0, 0], bad.length - 4)
    expect(() => gunzip(bad)).toThrow(/damaged: the unpacked size does not match/)
  })

  it('refuses damaged packed data', () => {
    const bad = gz.slice()
    for (let i = 12; i < 40; i++) bad[i] ^= 0x5a
    expect(() => gunzip(bad)).toThrow(/damaged|ends too early/)
  })

  it('has a limit on what it will unpack: 256 MB, above the 180 MB of CIFAR-10', () => {
    expect(MAX_GUNZIP_BYTES).toBe(256 * 1024 * 1024)
  })

  it('refuses a .gz that says it unpacks to more than the limit, before unpacking, naming the limit', () => {
    // 300 MB declared over 300 KB of packed data: deflate could produce it, but we will not
    const bad = new Uint8Array(300 * 1024 + 18)
    bad.set(gz.subarray(0, 10))
    new DataView(bad.buffer).setUint32(bad.length - 4, 300 * 1024 * 1024, true)
    const e = userError(() => gunzip(bad))
    expect(e.code).toBe('too-large')
    expect(e.message).toBe(
      'The archive says it unpacks to 300 MB, more than NN Scratch unpacks from one archive (256 MB; CIFAR-10 ' +
        'needs about 180 MB). If the download was interrupted, download it again; otherwise unpack it yourself ' +
        'and open only the files you need.'
    )
  })

  it('stops unpacking data that unpacks to far more than it records', () => {
    const bomb = gzipSync(new Uint8Array(32 * 1024 * 1024), { level: 1 })
    bomb.set([0, 4, 0, 0], bomb.length - 4) // records 1 KB
    expect(() => gunzip(bomb)).toThrow(/damaged: the unpacked size does not match the size it records/)
  })

  it('reads the optional header fields (name, comment, extra, header CRC)', () => {
    const body = gz.subarray(10)
    const name = new TextEncoder().encode('data_batch_1\0')
    const comment = new TextEncoder().encode('a comment\0')
    const head = Uint8Array.from([0x1f, 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3, 3, 0, 1, 2, 3])
    const all = new Uint8Array(head.length + name.length + comment.length + 2 + body.length)
    all.set(head)
    all.set(name, head.length)
    all.set(comment, head.length + name.length)
    all.set(body, head.length + name.length + comment.length + 2)
    expect(gunzip(all)).toEqual(raw)
  })
})
