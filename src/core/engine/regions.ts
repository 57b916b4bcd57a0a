/**
 * Regions of one shared WebAssembly.Memory, handed out and taken back, so that several arenas
 * (a dataset's pixels, each run's weights and buffers, in several threads) live side by side in
 * one memory without colliding. First fit over a list of free stretches sorted by address, with
 * neighbours merged when a region comes back; the memory grows when no free stretch fits (it
 * never shrinks: WebAssembly memories cannot). Every region starts and ends on a 64-byte line.
 * Only the thread that owns the allocator takes and gives regions.
 */
import { alignUp, growTo, MEMORY_LIMIT, type Region } from './arena'
import { UserError } from '../errors'

export class RegionAllocator {
  /** free stretches below `end`, sorted by base, never touching one another. */
  private readonly free: Region[] = []
  /** everything from here on is free. */
  private end = 64

  constructor(readonly memory: WebAssembly.Memory) {}

  /** Bytes handed out and not yet given back. */
  get taken(): number {
    return this.free.reduce((n, r) => n - (r.limit - r.base), this.end - 64)
  }

  /** The highest byte ever handed out (the memory holds at least this much). */
  get highWater(): number {
    return this.end
  }

  /** A region of at least `bytes`, zeroed only if fresh memory (callers zero what they use). */
  take(bytes: number): Region {
    const size = alignUp(Math.max(1, bytes))
    for (let i = 0; i < this.free.length; i++) {
      const f = this.free[i]
      if (f.limit - f.base < size) continue
      const region = { base: f.base, limit: f.base + size }
      if (region.limit === f.limit) this.free.splice(i, 1)
      else this.free[i] = { base: region.limit, limit: f.limit }
      return region
    }
    const region = { base: this.end, limit: this.end + size }
    if (region.limit > MEMORY_LIMIT) {
      throw new UserError('too-much-memory',
        `Training needs more memory than WebAssembly allows (4 GB in all, ${Math.round(region.limit / 2 ** 20)} MB asked for). ` +
        'Train fewer runs at once, smaller networks or a smaller dataset.')
    }
    growTo(this.memory, region.limit)
    this.end = region.limit
    return region
  }

  /** Takes back a region from `take`; its memory may be handed out again at once. */
  give(region: Region): void {
    let base = region.base
    let limit = region.limit
    let i = 0
    while (i < this.free.length && this.free[i].limit < base) i++
    // merge with the stretch before and the one after, when they touch
    if (i < this.free.length && this.free[i].limit === base) {
      base = this.free[i].base
      this.free.splice(i, 1)
    }
    if (i < this.free.length && this.free[i].base === limit) {
      limit = this.free[i].limit
      this.free.splice(i, 1)
    }
    if (limit === this.end) this.end = base
    else this.free.splice(i, 0, { base, limit })
  }
}
