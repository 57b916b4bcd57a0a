/**
 * The built-in demo dataset, generated deterministically from a seed: 32×32 colour landscapes
 * in two classes a person tells apart at a glance —
 *   "night" (label 0): a dark blue sky with a pale moon and stars over dark hills;
 *   "day"   (label 1): a light blue sky with a yellow sun and white clouds over green hills.
 * Horizon height, sun/moon position and size, colours and pixel noise vary per picture, so the
 * first-layer weights learn sky, ground and sun templates. x: [count, 3072] channel-planar.
 */
import type { Dataset, Split } from './dataset'
import { Rng } from '../random/rng'

export const DEMO_CLASS_NAMES = ['night', 'day'] as const
const SIZE = 32
const PLANE = SIZE * SIZE
const hills = new Float32Array(SIZE)

export interface DemoOptions {
  readonly train?: number
  readonly test?: number
  readonly seed?: number
}

export function demoDataset(options: DemoOptions = {}): Dataset {
  const trainCount = options.train ?? 10000
  const testCount = options.test ?? 2000
  const rng = new Rng(options.seed ?? 2024)
  return {
    name: 'Demo: day and night landscapes',
    inputs: 3 * PLANE,
    image: { width: SIZE, height: SIZE, channels: 3 },
    classNames: [...DEMO_CLASS_NAMES],
    train: makeSplit(trainCount, rng),
    test: makeSplit(testCount, rng),
    testWasSplitOff: false
  }
}

/** Pixel noise: 4096 draws of N(0, 30²), indexed by random bits (cheaper than a draw per pixel). */
function noiseTable(rng: Rng): Float32Array {
  const t = new Float32Array(4096)
  for (let i = 0; i < t.length; i++) t[i] = 30 * rng.normal()
  return t
}

function makeSplit(count: number, rng: Rng): Split {
  const x = new Uint8Array(count * 3 * PLANE)
  const y = new Uint8Array(count)
  const rgb = new Float32Array(3 * PLANE)
  const noise = noiseTable(rng)
  for (let n = 0; n < count; n++) {
    const label = n % 2 === 0 ? rng.int(2) : 1 - y[n - 1] // balanced pairs in random order
    y[n] = label
    paint(label === 1, rng, rgb)
    const row = n * 3 * PLANE
    // noise indices from a xorshift32 stream seeded per picture (fast, still deterministic)
    let state = rng.nextU32() | 1
    for (let k = 0; k < 3 * PLANE; k++) {
      state ^= state << 13
      state ^= state >>> 17
      state ^= state << 5
      const v = rgb[k] + noise[state & 4095]
      x[row + k] = v < 0 ? 0 : v > 255 ? 255 : (v + 0.5) | 0
    }
  }
  return { x, y, count }
}

function set(rgb: Float32Array, px: number, r: number, g: number, b: number): void {
  rgb[px] = r
  rgb[PLANE + px] = g
  rgb[2 * PLANE + px] = b
}

/** Paints one landscape into rgb: [3, 32, 32] (planes R, G, B). */
function paint(day: boolean, rng: Rng, rgb: Float32Array): void {
  const horizon = 18 + rng.int(7) // 18..24
  const hillPhase = rng.uniform() * 2 * Math.PI
  const hillAmp = 1 + 2 * rng.uniform()
  // day ranges from dusk to noon and night from dark to moonlit, so brightness alone is not enough
  const light = day ? 0.35 + 0.75 * rng.uniform() : 1 + 2.2 * rng.uniform()
  const discX = 5 + rng.uniform() * 22
  const discY = 4 + rng.uniform() * (horizon - 12)
  const discR = day ? 3 + 2.5 * rng.uniform() : 2 + 2 * rng.uniform()
  for (let col = 0; col < SIZE; col++) hills[col] = horizon + hillAmp * Math.sin(col / 5 + hillPhase)
  for (let row = 0; row < SIZE; row++) {
    for (let col = 0; col < SIZE; col++) {
      const px = row * SIZE + col
      const ground = row >= hills[col]
      const t = row / SIZE
      if (ground) {
        if (day) set(rgb, px, 60 * light, (150 - 40 * t) * light, 50 * light)
        else set(rgb, px, 15 * light, 30 * light, 25 * light)
      } else if (day) {
        set(rgb, px, (110 + 80 * t) * light, (170 + 50 * t) * light, 240 * light)
      } else {
        set(rgb, px, (10 + 20 * t) * light, (15 + 25 * t) * light, (45 + 30 * t) * light)
      }
    }
  }
  // the sun or the moon
  for (let row = 0; row < horizon; row++) {
    for (let col = 0; col < SIZE; col++) {
      const d2 = (col - discX) ** 2 + (row - discY) ** 2
      if (d2 > discR * discR) continue
      const px = row * SIZE + col
      if (day) set(rgb, px, 255, 225, 60)
      else set(rgb, px, 225, 225, 200)
    }
  }
  if (day) {
    // two soft white clouds
    for (let c = 0; c < 2; c++) {
      const cx = rng.uniform() * SIZE
      const cy = 2 + rng.uniform() * (horizon - 8)
      for (let row = Math.max(0, Math.floor(cy - 2)); row <= Math.min(horizon - 1, cy + 2); row++) {
        for (let col = Math.max(0, Math.floor(cx - 5)); col <= Math.min(SIZE - 1, cx + 5); col++) {
          if (((col - cx) / 5) ** 2 + ((row - cy) / 2) ** 2 <= 1) set(rgb, row * SIZE + col, 245, 245, 250)
        }
      }
    }
  } else {
    const stars = 4 + rng.int(8)
    for (let s = 0; s < stars; s++) {
      const row = rng.int(Math.max(1, horizon - 3))
      const col = rng.int(SIZE)
      set(rgb, row * SIZE + col, 230, 230, 210)
    }
  }
}
