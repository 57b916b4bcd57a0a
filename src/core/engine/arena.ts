/**
 * Arena: one linear memory holding every large buffer of a training run (pixels, first-layer
 * weights, velocities, batch activations), addressed by byte offsets ("pointers") so that
 * WebAssembly kernels, and threads sharing the memory, see the same data. Allocation is a bump
 * pointer over the arena's region [base, limit) of the memory (the whole memory unless a region
 * is given, so that several arenas, in several threads, share one memory without colliding);
 * `reset` frees everything at once. The memory is a shared WebAssembly.Memory that grows on
 * demand (views stay valid: shared buffers never detach), for the TypeScript twin too where the
 * runtime has one (engine.ts); without, a plain arena uses one ArrayBuffer sized by `reserve`
 * before anything is allocated.
 */
const ALIGN = 64
const PAGE = 65536
/** The most a WebAssembly memory can hold (65536 pages of 64 KiB). */
export const MEMORY_LIMIT = 65536 * PAGE

/** A stretch [base, limit) of a memory, in bytes. */
export interface Region {
  readonly base: number
  readonly limit: number
}

/**
 * Which memory (or plain arena) each buffer seen in this thread belongs to. A shared memory hands
 * out a new buffer object whenever it has grown, so views made before and after a growth have
 * different buffers of the same memory; all of them are recorded here.
 */
const owners = new WeakMap<ArrayBufferLike, object>()

/**
 * The memory's buffer now, holding at least its first `end` bytes, recorded so that views of it
 * are known to lie in the memory. Another thread's growth of a shared memory reaches this thread's
 * `memory.buffer` only when V8 next handles this thread's interrupts: on Node 24, 4 reads in 200
 * made just after another thread grew the memory still saw the old length (Node 20: none).
 * `grow(0)` refreshes the buffer at once, as the WebAssembly JS API says it does.
 */
export function bufferOf(memory: WebAssembly.Memory, end = 0): ArrayBufferLike {
  let b: ArrayBufferLike = memory.buffer
  if (b.byteLength < end && isShared(b)) {
    memory.grow(0)
    b = memory.buffer
  }
  owners.set(b, memory)
  return b
}

const isShared = (b: ArrayBufferLike): boolean => typeof SharedArrayBuffer !== 'undefined' && b instanceof SharedArrayBuffer

/** Whether `view` lies in `memory` (it was made from a buffer that bufferOf returned). */
export function inMemory(view: ArrayBufferView, memory: WebAssembly.Memory): boolean {
  return owners.get(view.buffer) === memory
}

/** Grows `memory` so that it holds at least `bytes`. */
export function growTo(memory: WebAssembly.Memory, bytes: number): void {
  const have = bufferOf(memory, bytes).byteLength
  if (bytes > have) memory.grow(Math.ceil((bytes - have) / PAGE))
}

export const alignUp = (n: number): number => Math.ceil(n / ALIGN) * ALIGN

export class Arena {
  private top: number
  private floor: number
  private readonly limit: number
  private plain: ArrayBuffer | null

  constructor(readonly memory: WebAssembly.Memory | null, region: Region | null = null) {
    // pointer 0 is never handed out
    this.top = this.floor = alignUp(Math.max(ALIGN, region?.base ?? 0))
    this.limit = region ? region.limit : memory ? MEMORY_LIMIT : Infinity
    this.plain = memory ? null : new ArrayBuffer(ALIGN)
    if (this.plain) owners.set(this.plain, this)
  }

  /** The buffer holding everything allocated so far (its regions may have been grown by another thread). */
  get buffer(): ArrayBufferLike {
    return this.memory ? bufferOf(this.memory, this.top) : (this.plain as ArrayBuffer)
  }

  /** The end of the last allocation (a pointer, not a count: a region's arena starts at its base). */
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
    const need = this.top + bytes
    if (need > this.limit) throw overflow(need, this.limit)
    if (this.memory) {
      growTo(this.memory, Math.min(this.limit, need + ALIGN))
      return
    }
    const old = this.plain as ArrayBuffer
    if (need + ALIGN <= old.byteLength) return
    if (this.top > this.floor) throw new Error('Arena.reserve must come before allocations on the plain arena')
    const grown = new ArrayBuffer(need + ALIGN)
    new Uint8Array(grown).set(new Uint8Array(old, 0, this.floor))
    this.plain = grown
    owners.set(grown, this)
  }

  /** A pointer to `bytes` zeroed bytes, aligned to 64. */
  alloc(bytes: number): number {
    const ptr = this.top
    const end = ptr + alignUp(bytes)
    if (end > this.limit) throw overflow(end, this.limit)
    if (end > this.buffer.byteLength) {
      if (this.memory) growTo(this.memory, end)
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

  /** The pointer of a view that lies in this arena's memory (its region or not), or null. */
  pointerOf(view: ArrayBufferView): number | null {
    return owners.get(view.buffer) === (this.memory ?? this) ? view.byteOffset : null
  }

  /** Copies `data` into the arena unless it already lives in its memory; returns its pointer. */
  place(data: Uint8Array): number {
    const at = this.pointerOf(data)
    if (at !== null) return at
    const ptr = this.alloc(data.byteLength)
    this.u8(ptr, data.byteLength).set(data)
    return ptr
  }
}

const overflow = (need: number, limit: number): Error =>
  new Error(`Arena region overflow: it would end at byte ${need}, past its limit ${limit}`)
