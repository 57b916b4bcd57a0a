/** Regions of one shared memory: handed out without overlap, taken back and merged, reused. */
import { describe, expect, it } from 'vitest'
import { Arena, type Region } from '../../../src/core/engine/arena'
import { RegionAllocator } from '../../../src/core/engine/regions'
import { sharedMemory } from '../../../src/core/engine/wasm'
import { Rng } from '../../../src/core/random/rng'

const overlap = (a: Region, b: Region): boolean => a.base < b.limit && b.base < a.limit

describe('RegionAllocator', () => {
  it('hands out 64-byte aligned regions that never overlap, inside the memory, and reuses what comes back', () => {
    const regions = new RegionAllocator(sharedMemory())
    const rng = new Rng(9)
    const live: Region[] = []
    let highest = 0
    let peakLive = 0
    for (let step = 0; step < 2000; step++) {
      if (live.length > 0 && rng.uniform() < 0.45) {
        regions.give(live.splice(rng.int(live.length), 1)[0])
        continue
      }
      const r = regions.take(1 + rng.int(300_000))
      expect(r.base % 64).toBe(0)
      expect(r.base).toBeGreaterThan(0)
      expect(r.limit).toBeLessThanOrEqual(regions.memory.buffer.byteLength)
      for (const other of live) expect(overlap(r, other)).toBe(false)
      live.push(r)
      highest = Math.max(highest, regions.highWater)
      peakLive = Math.max(peakLive, live.reduce((n, x) => n + x.limit - x.base, 0))
    }
    const sum = live.reduce((n, r) => n + r.limit - r.base, 0)
    expect(regions.taken).toBe(sum)
    // freed stretches are reused: the memory stays near the most that was ever held at once
    expect(highest).toBeLessThan(1.5 * peakLive)
    for (const r of live.splice(0)) regions.give(r)
    expect(regions.taken).toBe(0)
    expect(regions.highWater).toBe(64)
  })

  it('merges neighbours, so a freed run of regions holds one large one again', () => {
    const regions = new RegionAllocator(sharedMemory())
    const [a, b, c, d] = [1000, 2000, 3000, 64].map((n) => regions.take(n))
    const top = regions.highWater
    regions.give(b)
    regions.give(a)
    regions.give(c)
    const big = regions.take(1024 + 2048 + 3008)
    expect(big.base).toBe(a.base)
    expect(regions.highWater).toBe(top)
    expect(overlap(big, d)).toBe(false)
  })

  it('refuses more than WebAssembly memory can hold, in plain words', () => {
    const regions = new RegionAllocator(sharedMemory())
    expect(() => regions.take(5 * 2 ** 30)).toThrow(/more memory than WebAssembly allows/)
  })
})

describe('Arena in a region', () => {
  it('allocates inside its region and refuses to pass its end', () => {
    const memory = sharedMemory()
    const regions = new RegionAllocator(memory)
    const region = regions.take(4096)
    const next = regions.take(64)
    const arena = new Arena(memory, region)
    const p = arena.alloc(1000)
    expect(p).toBe(region.base)
    arena.alloc(3000)
    expect(arena.used).toBeLessThanOrEqual(region.limit)
    expect(() => arena.alloc(200)).toThrow(/region overflow/)
    expect(() => arena.reserve(1_000_000)).toThrow(/region overflow/)
    // the neighbour was never written
    expect(new Uint8Array(memory.buffer, next.base, 64).every((v) => v === 0)).toBe(true)
  })

  it('knows views of its memory made before and after the memory grew, outside its region too', () => {
    const memory = sharedMemory()
    const regions = new RegionAllocator(memory)
    const a = new Arena(memory, regions.take(256))
    const early = a.u8(a.alloc(16), 16)
    regions.take(8 * 2 ** 20) // grows the memory: new buffer objects from here on
    const other = new Arena(memory, regions.take(256))
    const late = other.u8(other.alloc(16), 16)
    expect(a.pointerOf(late)).toBe(late.byteOffset)
    expect(other.pointerOf(early)).toBe(early.byteOffset)
    expect(a.pointerOf(new Uint8Array(16))).toBeNull()
    expect(new Arena(sharedMemory()).pointerOf(early)).toBeNull()
  })
})
