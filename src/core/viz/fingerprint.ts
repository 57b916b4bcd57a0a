/**
 * A short fingerprint of float32 data: FNV-1a (32-bit) over its bytes, as 8 hex digits. Equal
 * weights give equal fingerprints, so a view can show "these are the same weights" at a glance
 * and a test can compare a saved model with the one loaded back. Not a cryptographic hash.
 */

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

/** Fingerprint of the bytes of every array, in order. */
export function fingerprint(...arrays: readonly Float32Array[]): string {
  let h = FNV_OFFSET
  for (const a of arrays) {
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength)
    for (let i = 0; i < bytes.length; i++) {
      h ^= bytes[i]
      h = Math.imul(h, FNV_PRIME)
    }
  }
  return (h >>> 0).toString(16).padStart(8, '0')
}
