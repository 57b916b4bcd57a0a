/**
 * Every batch loss of the current run, as the page hears them: train:progress events carry the
 * losses since the previous one and the run-wide number of the first (firstBatch), so batch k's
 * loss lands at index k. Batches the page never heard (it was opened mid-run) stay NaN. The
 * buffer grows by doubling and lives outside Vue's reactivity; `version` counts changes.
 */

export class BatchLosses {
  private buffer = new Float32Array(1024).fill(Number.NaN)
  /** one past the highest batch number heard. */
  count = 0
  /** the lowest batch number heard (count when none). */
  first = 0
  batchesPerEpoch = 1
  runId: number | null = null
  version = 0

  /** The losses by batch number; only the first `count` entries hold batches. */
  get values(): Float32Array {
    return this.buffer
  }

  clear(runId: number | null = null): void {
    this.buffer.fill(Number.NaN, 0, this.count)
    this.count = 0
    this.first = 0
    this.runId = runId
    this.version++
  }

  /** Adds `losses` as batches firstBatch, firstBatch + 1, … of run `runId` (another run starts afresh). */
  add(runId: number, firstBatch: number, losses: Float32Array, batchesPerEpoch: number): void {
    if (runId !== this.runId) this.clear(runId)
    if (!Number.isInteger(firstBatch) || firstBatch < 0) return
    const end = firstBatch + losses.length
    if (end > this.buffer.length) {
      let size = this.buffer.length
      while (size < end) size *= 2
      const grown = new Float32Array(size).fill(Number.NaN)
      grown.set(this.buffer.subarray(0, this.count))
      this.buffer = grown
    }
    this.buffer.set(losses, firstBatch)
    this.first = this.count === 0 ? firstBatch : Math.min(this.first, firstBatch)
    this.count = Math.max(this.count, end)
    if (batchesPerEpoch >= 1) this.batchesPerEpoch = batchesPerEpoch
    this.version++
  }
}
