/**
 * Which points of a long series to draw, so a chart stays quick however many batches a run has:
 * the series is cut into buckets of ⌈count / (maxPoints / 2)⌉ consecutive values and each bucket
 * gives the index of its smallest and of its largest value (in their order), so every spike
 * and dip still shows. A bucket holding a non-finite value gives that index too (a gap stays a
 * gap). Up to maxPoints values, every index is kept.
 */

/** Indices into `values` (ascending) to draw for its first `count` values. */
export function minMaxIndices(values: ArrayLike<number>, count: number, maxPoints: number): Uint32Array {
  const n = Math.min(count, values.length)
  if (n <= maxPoints) return Uint32Array.from({ length: n }, (_, i) => i)
  const size = Math.ceil(n / Math.max(1, Math.floor(maxPoints / 2)))
  const picked: number[] = []
  for (let start = 0; start < n; start += size) {
    const end = Math.min(n, start + size)
    let lo = -1
    let hi = -1
    let gap = -1
    for (let i = start; i < end; i++) {
      const y = values[i]
      if (!Number.isFinite(y)) {
        if (gap < 0) gap = i
        continue
      }
      if (lo < 0 || y < values[lo]) lo = i
      if (hi < 0 || y > values[hi]) hi = i
    }
    for (const i of [lo, hi, gap].filter((i) => i >= 0).sort((a, b) => a - b)) {
      if (picked[picked.length - 1] !== i) picked.push(i)
    }
  }
  return Uint32Array.from(picked)
}

/** Every `⌈count / maxPoints⌉`-th index and the last one: for a line that is already smooth. */
export function strideIndices(count: number, maxPoints: number): Uint32Array {
  if (count <= 0) return new Uint32Array(0)
  const step = Math.max(1, Math.ceil(count / Math.max(1, maxPoints)))
  const picked: number[] = []
  for (let i = 0; i < count; i += step) picked.push(i)
  if (picked[picked.length - 1] !== count - 1) picked.push(count - 1)
  return Uint32Array.from(picked)
}
