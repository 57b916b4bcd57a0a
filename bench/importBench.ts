/**
 * The import configuration (issue 10, section 4): `pictures` JPEG photos of 640×480 in two class
 * folders, made with sharp in a temporary folder by a separate process before the clock starts
 * (so neither their making nor its memory counts), then imported to 32×32 (centre crop) with
 * importPictures as the studio and `nn-scratch import` do: listing, plan, decoding and resizing,
 * the dataset and report. picturesPerSecond = pictures / import wall time; peakRssMb is this
 * process's peak. The photos vary: a smooth random scene per picture (a few random colours
 * enlarged) with grain on top, about 70 KB each at quality 85 with 4:2:0 chroma, as cameras save.
 */
import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import { folderSource, importPictures } from '../src/node/pictures/importFolder'

export const IMPORT_PICTURES = 5000
const WIDTH = 640
const HEIGHT = 480

/** A seeded stream of bytes (xorshift32). */
function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1
  return () => {
    s ^= s << 13; s >>>= 0
    s ^= s >>> 17
    s ^= s << 5; s >>>= 0
    return s & 0xff
  }
}

/**
 * Photo i: a smooth scene (a random 8×6 grid of colours, enlarged bilinearly) with grain on top
 * (the same grain everywhere, shifted per picture), written into `px`: [HEIGHT, WIDTH, 3].
 */
function photo(i: number, grain: Int8Array, px: Uint8Array): void {
  const next = seeded(i + 1)
  const scene = new Float64Array(8 * 6 * 3)
  for (let k = 0; k < scene.length; k++) scene[k] = next()
  const shift = (i * 7919) % grain.length
  const x0 = new Int32Array(WIDTH)
  const tx = new Float64Array(WIDTH)
  for (let c = 0; c < WIDTH; c++) {
    x0[c] = Math.floor((c / WIDTH) * 7)
    tx[c] = (c / WIDTH) * 7 - x0[c]
  }
  let g = shift
  for (let r = 0; r < HEIGHT; r++) {
    const fy = (r / HEIGHT) * 5
    const y0 = Math.floor(fy)
    const ty = fy - y0
    for (let c = 0; c < WIDTH; c++) {
      const top = (y0 * 8 + x0[c]) * 3
      const bottom = top + 24
      const t = tx[c]
      const noise = grain[g]
      g = g + 1 === grain.length ? 0 : g + 1
      for (let ch = 0; ch < 3; ch++) {
        const upper = scene[top + ch] + (scene[top + 3 + ch] - scene[top + ch]) * t
        const lower = scene[bottom + ch] + (scene[bottom + 3 + ch] - scene[bottom + ch]) * t
        const v = upper + (lower - upper) * ty + noise
        px[(r * WIDTH + c) * 3 + ch] = v < 0 ? 0 : v > 255 ? 255 : v
      }
    }
  }
}

/** Write `count` photos, half in cats/, half in dogs/, under `dir`, a few at a time. */
export async function makePhotos(dir: string, count: number): Promise<void> {
  await mkdir(join(dir, 'cats'), { recursive: true })
  await mkdir(join(dir, 'dogs'), { recursive: true })
  const next = seeded(12345)
  const grain = new Int8Array(WIDTH * HEIGHT)
  for (let k = 0; k < grain.length; k++) grain[k] = (next() >> 3) - 16
  let made = 0
  const lane = async (): Promise<void> => {
    const px = new Uint8Array(WIDTH * HEIGHT * 3)
    while (made < count) {
      const i = made++
      photo(i, grain, px)
      const jpeg = await sharp(px, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } }).jpeg({ quality: 85 }).toBuffer()
      await writeFile(join(dir, i % 2 === 0 ? 'cats' : 'dogs', `photo${String(i).padStart(5, '0')}.jpg`), jpeg)
    }
  }
  await Promise.all(Array.from({ length: availableParallelism() + 1 }, lane))
}

export interface ImportResult {
  readonly config: 'import'
  readonly pictures: number
  readonly picturesPerSecond: number
  readonly peakRssMb: number
  readonly seconds: number
  /** CPU time (all threads) per picture: what the rate would be on idle cores, whatever else runs. */
  readonly cpuMsPerPicture: number
  readonly makeSeconds: number
  readonly cores: number
}

/** Make the photos in a child process, import them here, and remove them. */
export async function runImport(pictures = IMPORT_PICTURES): Promise<ImportResult> {
  const dir = await mkdtemp(join(tmpdir(), 'nn-bench-import-'))
  try {
    const began = performance.now()
    const made = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), dir, String(pictures)], { encoding: 'utf8' })
    if (made.status !== 0) throw new Error(`Making the photos failed:\n${made.stderr}`)
    const makeSeconds = (performance.now() - began) / 1000
    const start = performance.now()
    const cpu = process.cpuUsage()
    const { dataset } = await importPictures(await folderSource(dir), { resize: 'crop' })
    const seconds = (performance.now() - start) / 1000
    const used = process.cpuUsage(cpu)
    const imported = dataset.train.count + dataset.test.count
    if (imported !== pictures) throw new Error(`imported ${imported} of ${pictures} pictures`)
    return {
      config: 'import',
      pictures,
      picturesPerSecond: pictures / seconds,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      seconds,
      cpuMsPerPicture: (used.user + used.system) / 1000 / pictures,
      makeSeconds,
      cores: availableParallelism()
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

// run as a script: make the photos (the child process of runImport)
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await makePhotos(process.argv[2], Number(process.argv[3]))
}
