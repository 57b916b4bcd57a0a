/**
 * A dataset file that takes a while to read, for tests of what happens meanwhile: CIFAR-10
 * binary records (a label, then 3072 pixels of a 6-bit pattern) in a .tar.gz that gzip shrinks
 * to a few MB. 20,000 records are 61 MB inflated, about a second of reading.
 */
import { gzipSync } from 'node:zlib'
import { makeTar } from './archives'

export function slowArchive(records = 20_000): Uint8Array {
  const period = 4093
  const bin = new Uint8Array(records * 3073)
  let s = 12345
  for (let i = 0; i < period; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0
    bin[i] = (s >>> 24) & 63
  }
  for (let n = period; n < bin.length; n *= 2) bin.copyWithin(n, 0, Math.min(n, bin.length - n))
  for (let r = 0; r < records; r++) bin[r * 3073] = r % 10
  return gzipSync(makeTar([{ name: 'cifar-10-batches-bin/data_batch_1.bin', bytes: bin }]), { level: 1 })
}
