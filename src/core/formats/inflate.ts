/**
 * Raw deflate data (a zip member, the body of a .gz) unpacked to exactly the size its container
 * records, in slices, so that a stream which unpacks to more than it declared is stopped after
 * one slice instead of running on. A slice of packed input can add at most MAX_DEFLATE_RATIO
 * times its length, so slices are sized from what is left to fill: the memory is the declared
 * size plus at most one slice of output (66 MB), and the time is proportional to the declared size.
 */
import { Inflate } from 'fflate'

/** deflate cannot expand data by more than about 1032:1; a larger declared size is a lie. */
export const MAX_DEFLATE_RATIO = 1032
/**
 * Packed bytes per slice: at least MIN_SLICE (fewer, cheaper pushes; a slice can overshoot what
 * is left by at most MIN_SLICE · 1032 = 66 MB), at most MAX_SLICE.
 */
const MIN_SLICE = 64 * 1024
const MAX_SLICE = 1024 * 1024

/**
 * What unpacking found: the bytes, or why not. 'longer': the data unpacks to more than `size`;
 * 'shorter': the stream ends before `size` bytes; 'cut-off': the packed data stops in the middle
 * of the stream; 'damaged': it is not valid deflate data.
 */
export type Inflated =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: 'longer' | 'shorter' | 'cut-off' | 'damaged' }

/** Unpack `packed` (raw deflate) into a new array of exactly `size` bytes. */
export function inflateExactly(packed: Uint8Array, size: number): Inflated {
  if (packed.length === 0) return { ok: false, reason: 'cut-off' }
  const out = new Uint8Array(size)
  let filled = 0
  let longer = false
  const inflater = new Inflate((chunk) => {
    if (longer || chunk.length === 0) return
    if (chunk.length > size - filled) {
      longer = true
      return
    }
    out.set(chunk, filled)
    filled += chunk.length
  })
  try {
    let at = 0
    while (at < packed.length) {
      const wanted = Math.ceil((size - filled) / MAX_DEFLATE_RATIO) + 1
      const end = Math.min(packed.length, at + Math.min(MAX_SLICE, Math.max(MIN_SLICE, wanted)))
      inflater.push(packed.subarray(at, end), end === packed.length)
      at = end
      if (longer) return { ok: false, reason: 'longer' }
    }
  } catch (e) {
    // fflate's error code 0 is "unexpected EOF"; the others are invalid blocks, codes or distances
    const code = (e as { code?: unknown } | null)?.code
    return { ok: false, reason: code === 0 ? 'cut-off' : 'damaged' }
  }
  if (filled !== size) return { ok: false, reason: 'shorter' }
  return { ok: true, bytes: out }
}
