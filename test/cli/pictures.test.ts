// Folders of pictures on the command line: `import` writes an .npz that `inspect` reopens with the
// same classes and counts; `inspect`, `train` and `evaluate` take the folder itself; --resize
// decides how each picture becomes 32×32, and the model and the run record keep it.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { openNpz } from '../../src/core/formats/npz'
import { decodeModel } from '../../src/core/model/modelFile'
import { RunStore } from '../../src/node/runs/store'
import { makePictureFolder, textFile, truncated, type FolderFile } from '../support/pictureFixtures'
import { runCli } from '../../src/cli/main'
import { cli, cliWith, DEFAULT_RUNS, ENTRY } from './helpers'

const tmp = mkdtempSync(join(tmpdir(), 'nn-cli-pictures-'))
const PICKLE = new URL('../fixtures/sample_2class_py2.p', import.meta.url).pathname

/** A picture of one colour with a little texture, as PNG or JPEG. */
async function picture(rgb: readonly number[], width: number, height: number, format: 'png' | 'jpeg'): Promise<Uint8Array> {
  const raw = new Uint8Array(width * height * 3)
  for (let i = 0; i < width * height; i++) for (let ch = 0; ch < 3; ch++) raw[3 * i + ch] = Math.max(0, Math.min(255, rgb[ch] + ((i * 7 + ch * 13) % 21) - 10))
  const s = sharp(Buffer.from(raw), { raw: { width, height, channels: 3 } })
  return new Uint8Array(await (format === 'png' ? s.png() : s.jpeg({ quality: 90 })).toBuffer())
}

/**
 * 64×32 in four bands of 16 columns: green, red, blue, green. crop keeps the red and blue middle;
 * squash keeps all four bands, 8 columns each; pad is squash in rows 8..23 with black rows around.
 */
async function bands(): Promise<Uint8Array> {
  const raw = new Uint8Array(64 * 32 * 3)
  for (let r = 0; r < 32; r++) {
    for (let c = 0; c < 64; c++) raw[3 * (r * 64 + c) + (c < 16 || c >= 48 ? 1 : c < 32 ? 0 : 2)] = 255
  }
  return new Uint8Array(await sharp(Buffer.from(raw), { raw: { width: 64, height: 32, channels: 3 } }).png().toBuffer())
}

/** The colour of pixel (row, column) of row `i` of planar [N, 3072] pictures. */
function pixel(x: Uint8Array, i: number, row: number, column: number): [number, number, number] {
  const k = i * 3072 + row * 32 + column
  return [x[k], x[k + 1024], x[k + 2048]]
}

let mypics: string

beforeAll(async () => {
  const layout: Record<string, FolderFile> = {}
  for (let i = 0; i < 12; i++) {
    layout[`cats/cat ${i}.${i % 2 ? 'jpg' : 'png'}`] = await picture([200, 60 + 5 * i, 50], 40 + 9 * i, 30 + 4 * i, i % 2 ? 'jpeg' : 'png')
    layout[`dogs/dog ${i}.${i % 3 ? 'png' : 'jpeg'}`] = await picture([40, 70 + 4 * i, 210], 60, 45 + 6 * i, i % 3 ? 'png' : 'jpeg')
  }
  for (let i = 0; i < 3; i++) layout[`birds/bird ${i}.png`] = await picture([230, 230, 40], 33, 33, 'png')
  layout['cats/notes.txt'] = textFile()
  layout['dogs/broken.jpg'] = truncated(await picture([40, 70, 210], 60, 45, 'jpeg'))
  layout['dogs/.DS_Store'] = new Uint8Array([0, 0, 0, 1, 66, 117])
  layout['readme.md'] = 'my pictures'
  mypics = await makePictureFolder(layout)
}, 60_000)

describe('import', () => {
  it('writes an .npz that inspect reopens with the same classes and counts', async () => {
    const out = join(tmp, 'mypics.npz')
    const r = await cli('import', mypics, '--out', out, '--json', '--seed', '3')
    expect(r.code, r.err).toBe(0)
    const report = JSON.parse(r.out)
    expect(report.classes.map((c: { name: string }) => c.name)).toEqual(['birds', 'cats', 'dogs'])
    expect(report.pictures).toBe(27)
    expect(report.resize).toBe('crop')
    expect(report.out).toBe(out)
    expect(report.skipped).toEqual(expect.arrayContaining([
      { path: 'cats/notes.txt', reason: 'not a picture (a .txt file)' },
      { path: 'dogs/broken.jpg', reason: 'the picture is damaged or cut short' },
      { path: 'dogs/.DS_Store', reason: 'a hidden file' }
    ]))
    expect(report.warnings.join(' ')).toContain('birds')

    const inspected = await cli('inspect', out, '--json')
    expect(inspected.code, inspected.err).toBe(0)
    const s = JSON.parse(inspected.out)
    expect(s.classes.map((c: { name: string; train: number; test: number }) => ({ name: c.name, train: c.train, test: c.test }))).toEqual(report.classes)
    expect(s.train.count + s.test.count).toBe(27)
    expect(s.resize).toBe('crop')

    const npz = openNpz(new Uint8Array(readFileSync(out)))
    expect(npz.read('x_train').shape).toEqual([s.train.count, 3072])
    expect(npz.read('x_train').data).toBeInstanceOf(Uint8Array)
    expect(npz.readValue('class_names')).toEqual(['birds', 'cats', 'dogs'])
  })

  it('prints the counts per class, the skipped files with their reasons and the warnings', async () => {
    const r = await cli('import', mypics, '--out', join(tmp, 'plain.npz'))
    expect(r.code, r.err).toBe(0)
    const lines = r.out.split('\n')
    expect(lines[0]).toMatch(/^Imported 27 pictures from .* \(made 32×32 by crop\) in \d+\.\d s:$/)
    expect(lines).toContain('  cats   training 10, test 2')
    expect(r.out).toContain('Skipped 4 files:\n')
    expect(r.out).toContain('  dogs/broken.jpg: the picture is damaged or cut short\n')
    expect(r.out).toContain('  readme.md: ')
    expect(r.out).toMatch(/Warnings?:\n {2}.*birds/)
    expect(r.err).toMatch(/^Wrote .*plain\.npz \(\d+ training and \d+ test pictures\)\n$/)
  })

  it('lists the first 20 skipped files, then says how many more', async () => {
    const layout: Record<string, FolderFile> = {}
    for (const c of ['a', 'b']) for (let i = 0; i < 10; i++) layout[`${c}/p${i}.png`] = await picture([i * 20, 100, 50], 8, 8, 'png')
    for (let i = 0; i < 23; i++) layout[`a/note ${String(i).padStart(2, '0')}.txt`] = 'text'
    const folder = await makePictureFolder(layout)
    const r = await cli('import', folder, '--out', join(tmp, 'notes.npz'))
    expect(r.code, r.err).toBe(0)
    expect(r.out).toContain('Skipped 23 files:\n')
    expect(r.out).toContain('  a/note 19.txt: not a picture (a .txt file)\n')
    expect(r.out).not.toContain('a/note 20.txt')
    expect(r.out).toContain('  and 3 more\n')
    const json = JSON.parse((await cli('import', folder, '--out', join(tmp, 'notes.npz'), '--json')).out)
    expect(json.skipped).toHaveLength(23)
  })

  it('says plainly what is wrong with its arguments or the folder', async () => {
    const cases: [string[], RegExp][] = [
      [['import', mypics], /needs --out <file\.npz>/],
      [['import', mypics, '--out', join(tmp, 'x.p')], /--out must name a \.npz file/],
      [['import', join(tmp, 'nowhere'), '--out', join(tmp, 'x.npz')], /There is no folder at/],
      [['import', PICKLE, '--out', join(tmp, 'x.npz')], /is a file, not a folder/],
      [['import', mypics, '--out', join(tmp, 'x.npz'), '--resize', 'stretch'], /--resize must be one of crop, squash, pad, not "stretch"/],
      [['import', join(mypics, 'cats'), '--out', join(tmp, 'x.npz')], /sub-folder/]
    ]
    for (const [argv, message] of cases) {
      const r = await cli(...argv)
      expect(r.code, argv.join(' ')).toBe(2)
      expect(r.err).toMatch(message)
      expect(r.err).not.toMatch(/\bat .*\.ts:\d+/)
    }
    expect(existsSync(join(tmp, 'x.npz'))).toBe(false)
  })

  it('stops on Ctrl+C with exit code 130 and writes nothing', async () => {
    const out = join(tmp, 'stopped.npz')
    const r = await cliWith({ interrupt: (stop) => stop() }, 'import', mypics, '--out', out)
    expect(r.code).toBe(130)
    expect(r.err).toContain('Stopped by Ctrl+C while importing the pictures.')
    expect(existsSync(out)).toBe(false)
  })
})

describe('help and progress', () => {
  it('lists import and predict, and explains --resize', async () => {
    const overview = (await cli('--help')).out
    expect(overview).toMatch(/\n {2}import +Turn a folder of pictures/)
    expect(overview).toMatch(/\n {2}predict +Ask a trained network about new pictures/)
    expect((await cli('import', '--help')).out).toContain('--resize <crop|squash|pad>')
    expect((await cli('predict', '--help')).out).toContain('--top <count>')
    for (const c of ['inspect', 'train', 'evaluate', 'sweep']) expect((await cli(c, '--help')).out).toContain('--resize <crop|squash|pad>')
  })

  it('draws a progress line on a terminal: pictures done, how many a second, time left', async () => {
    let err = ''
    const code = await runCli(['import', mypics, '--out', join(tmp, 'progress.npz')], {
      out: () => undefined, err: (t) => { err += t }, interactive: true, columns: 120, now: () => performance.now(),
      laneScript: ENTRY, runsDir: DEFAULT_RUNS, onInterrupt: () => () => undefined
    })
    expect(code).toBe(0)
    expect(err).toMatch(/\rImporting 28\/28 pictures, \d+ a second \[#+\] 100%  ETA/)
  })
})

describe('--resize', () => {
  let wide: string
  beforeAll(async () => {
    const b = await bands()
    wide = await makePictureFolder({ 'left/a.png': b, 'left/b.png': b, 'right/a.png': b, 'right/b.png': b })
  })

  async function imported(mode: string | null): Promise<Uint8Array> {
    const out = join(tmp, `wide-${mode ?? 'default'}.npz`)
    const r = await cli('import', wide, '--out', out, ...(mode ? ['--resize', mode] : []))
    expect(r.code, r.err).toBe(0)
    return openNpz(new Uint8Array(readFileSync(out))).read('x_train').data as Uint8Array
  }

  it('crops the centred square by default, squashes the whole picture, or pads it with black bands', async () => {
    const RED = [255, 0, 0]
    const GREEN = [0, 255, 0]
    const BLUE = [0, 0, 255]
    const BLACK = [0, 0, 0]
    for (const mode of [null, 'crop']) {
      const x = await imported(mode)
      expect([pixel(x, 0, 0, 0), pixel(x, 0, 16, 15), pixel(x, 0, 31, 16), pixel(x, 0, 5, 31)]).toEqual([RED, RED, BLUE, BLUE])
    }
    const squash = await imported('squash')
    expect([pixel(squash, 0, 0, 0), pixel(squash, 0, 0, 8), pixel(squash, 0, 31, 16), pixel(squash, 0, 16, 31)]).toEqual([GREEN, RED, BLUE, GREEN])
    const pad = await imported('pad')
    expect([pixel(pad, 0, 0, 0), pixel(pad, 0, 7, 12), pixel(pad, 0, 8, 0), pixel(pad, 0, 23, 8), pixel(pad, 0, 24, 20)]).toEqual([BLACK, BLACK, GREEN, RED, BLACK])
  })

  it('is refused for a dataset file, whose pictures are 32×32 already', async () => {
    const r = await cli('inspect', PICKLE, '--resize', 'pad')
    expect(r.code).toBe(2)
    expect(r.err).toContain('--resize is for folders of pictures')
  })
})

describe('a folder of pictures as the data of inspect, train and evaluate', () => {
  it('inspect lists the classes, how the pictures were made 32×32, and every skipped file with its reason', async () => {
    const r = await cli('inspect', mypics, '--json', '--resize', 'pad')
    expect(r.code, r.err).toBe(0)
    const s = JSON.parse(r.out)
    expect(s.classes.map((c: { name: string }) => c.name)).toEqual(['birds', 'cats', 'dogs'])
    expect(s.resize).toBe('pad')
    expect(s.skipped).toEqual(expect.arrayContaining([{ path: 'cats/notes.txt', reason: 'not a picture (a .txt file)' }]))
    expect(s.skipped).toHaveLength(4)
    expect(s.warnings.length).toBeGreaterThan(0)
    const plain = await cli('inspect', mypics)
    expect(plain.out).toContain('Resized:  by crop')
    expect(plain.out).toContain('  dogs/broken.jpg: the picture is damaged or cut short')
  })

  it('train records the resize mode in the model and the run; evaluate and predict use the model\'s', async () => {
    const runs = join(tmp, 'runs')
    const model = join(tmp, 'pets.safetensors')
    const r = await cli('train', mypics, '--resize', 'squash', '--classes', '1,2', '--hidden', '4', '--epochs', '3', '--batch', '8',
      '--out', model, '--runs-dir', runs, '--threads', '1')
    expect(r.code, r.err).toBe(0)
    expect(r.err).toContain('4 files were skipped in')
    const saved = decodeModel(new Uint8Array(readFileSync(model)))
    expect(saved.resize).toBe('squash')
    expect(saved.classNames).toEqual(['cats', 'dogs'])
    const [record] = (await new RunStore(runs).list()).runs
    expect(record.ok && record.manifest.dataset.resize).toBe('squash')
    const shown = await cli('runs', 'show', record.id, '--runs-dir', runs)
    expect(shown.out).toMatch(/Data: {6}\S+: \d+ training and \d+ test pictures \(made 32×32 by squash\)/)
    expect(shown.out).toMatch(/Again: {5}nn-scratch train \S+ .*--classes 1,2 --test-split 0\.2 --resize squash\n/)

    const e = await cli('evaluate', model, mypics, '--classes', '1,2', '--json')
    expect(e.code, e.err).toBe(0)
    expect(JSON.parse(e.out).testAccuracy).toBeGreaterThanOrEqual(0)
    const p = await cli('predict', model, mypics, '--json')
    expect(p.code, p.err).toBe(0)
    expect(JSON.parse(p.out.trim().split('\n').at(-1)!).summary.pictures).toBe(24)
  })
})
