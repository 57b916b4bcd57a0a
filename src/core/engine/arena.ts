/**
 * Arena: one linear memory holding every large buffer of a training run (pixels, first-layer
 * weights, velocities, batch activations), addressed by byte offsets ("pointers") so that
 * WebAssembly kernels, and threads sharing the memory, see the same data. Allocation is a bump
 * pointer; `reset` frees everything at once. For WebAssembly the memory is a shared
 * WebAssembly.Memory that grows on demand (views stay valid: shared buffers never detach); the
 * TypeScript fallback uses one ArrayBuffer sized by `reserve` before anything is allocated.
 */
const ALIGN = 64
const PAGE = 65536

export class Arena {
  private top = ALIGN // pointer 0 is never handed out
  private floor = ALIGN
  private plain: ArrayBuffer | null
  private readonly known = new WeakSet<ArrayBufferLike>()

  constructor(readonly memory: WebAssembly.Memory | null) {
    this.plain = memory ? null : new ArrayBuffer(ALIGN)
    this.known.add(this.buffer)
  }

  get buffer(): ArrayBufferLike {
    if (this.memory) {
      const b = this.memory.buffer
      this.known.add(b)
      return b
    }
    return this.plain as ArrayBuffer
  }

  get used(): number {
    return this.top
  }

  /** Frees every allocation made since `keep`; views of them must no longer be used. */
  reset(): void {
    this.top = this.floor
  }

  /** Makes everything allocated so far permanent: `reset` no longer frees it. */
  keep(): void {
    this.floor = this.top
  }

  /** Makes room for `bytes` more without moving what exists (call before allocating, for the plain arena). */
  reserve(bytes: number): void {
    const need = this.top + bytes + ALIGN
    if (this.memory) {
      const have = this.memory.buffer.byteLength
      if (need > have) this.memory.grow(Math.ceil((need - have) / PAGE))
      this.known.add(this.memory.buffer)
      return
    }
    const old = this.plain as ArrayBuffer
    if (need <= old.byteLength) return
    if (this.top > this.floor) throw new Error('Arena.reserve must come before allocations on the plain arena')
    const grown = new ArrayBuffer(need)
    new Uint8Array(grown).set(new Uint8Array(old, 0, this.floor))
    this.plain = grown
    this.known.add(this.plain)
  }

  /** A pointer to `bytes` zeroed bytes, aligned to 64. */
  alloc(bytes: number): number {
    const ptr = this.top
    const end = ptr + Math.ceil(bytes / ALIGN) * ALIGN
    if (end > this.buffer.byteLength) {
      if (this.memory) this.reserve(end - this.top)
      else throw new Error(`Arena overflow: ${end} > ${this.buffer.byteLength}; reserve more first`)
    }
    this.top = end
    new Uint8Array(this.buffer, ptr, bytes).fill(0)
    return ptr
  }

  f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.buffer, ptr, length)
  }

  u8(ptr: number, length: number): Uint8Array {
    return new Uint8Array(this.buffer, ptr, length)
  }

  u32(ptr: number, length: number): Uint32Array {
    return new Uint32Array(this.buffer, ptr, length)
  }

  /** The pointer of a view that lies in this arena's memory, or null. */
  pointerOf(view: ArrayBufferView): number | null {
    return this.known.has(view.buffer) ? view.byteOffset : null
  }

  /** Copies `data` into the arena unless it already lives there; returns its pointer. */
  place(data: Uint8Array): number {
    const at = this.pointerOf(data)
    if (at !== null) return at
    const ptr = this.alloc(data.byteLength)
    this.u8(ptr, data.byteLength).set(data)
    return ptr
  }
}

/** Bytes `n` elements of 4 bytes take in the arena, alignment included. */
export function arenaBytes(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN
}
