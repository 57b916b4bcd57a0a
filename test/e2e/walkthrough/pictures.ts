/**
 * A folder of the user's own pictures, as browser mode gets it: "Open folder…" on a folder drawn
 * here with sharp (no downloaded photos) — "suns" (a warm disc on a blue sky) and "waves" (blue
 * and white stripes), each in three shapes (wide 480×320, tall 240×360, square 300×300, the disc
 * often off-centre), a photo cut short, a note and a .DS_Store. Before importing: the pictures per
 * class and the share set aside, the files skipped and why, and the resize preview looked at in
 * crop, squash and pad (a wide picture comes out differently in each). Then the import (centre
 * crop), its report with the damaged photo named, the classes renamed, and two epochs trained on
 * it, the charts and results using the new names.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { trainNewNetwork } from '../page'
import { canvases, openTab, type Walk } from './walk'

const PER_CLASS = 30
const EPOCHS = 2
const BATCH = 4
const SHAPES: readonly [number, number][] = [[480, 320], [240, 360], [300, 300]]

/** Picture `i` of a class, `w`×`h`, as SVG: a sun somewhere on a sky, or stripes of a sea. */
function pictureSvg(kind: 'suns' | 'waves', i: number, w: number, h: number): string {
  if (kind === 'suns') {
    const r = Math.min(w, h) * (0.22 + 0.04 * (i % 3))
    const cx = w * (0.3 + 0.4 * ((i * 37) % 10) / 10)
    const cy = h * (0.3 + 0.4 * ((i * 53) % 10) / 10)
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="hsl(${200 + (i % 5) * 4},70%,${55 + (i % 4) * 5}%)"/>` +
      `<circle cx="${cx}" cy="${cy}" r="${r}" fill="hsl(${30 + (i % 6) * 4},95%,55%)"/></svg>`
  }
  const band = Math.max(8, Math.round(h / (6 + (i % 4))))
  const stripes = Array.from({ length: Math.ceil(h / band / 2) }, (_, k) =>
    `<rect y="${2 * k * band + (i % band)}" width="${w}" height="${band}" fill="#f4f8ff"/>`).join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="hsl(${215 + (i % 5) * 3},65%,${30 + (i % 3) * 6}%)"/>${stripes}</svg>`
}

/** Writes the folder and returns its path. */
async function makeFolder(): Promise<string> {
  const root = join(mkdtempSync(join(tmpdir(), 'nn-e2e-pictures-')), 'holiday-pictures')
  for (const kind of ['suns', 'waves'] as const) {
    await mkdir(join(root, kind), { recursive: true })
    for (let i = 0; i < PER_CLASS; i++) {
      const [w, h] = SHAPES[i % SHAPES.length]
      const svg = sharp(Buffer.from(pictureSvg(kind, i, w, h)))
      const file = i % 2 === 0 ? await svg.jpeg({ quality: 88 }).toBuffer() : await svg.png().toBuffer()
      await writeFile(join(root, kind, `${kind}-${String(i).padStart(2, '0')}.${i % 2 === 0 ? 'jpg' : 'png'}`), file)
    }
  }
  const photo = await sharp(Buffer.from(pictureSvg('suns', 99, 480, 320))).jpeg().toBuffer()
  await writeFile(join(root, 'suns', 'cut-short.jpg'), photo.subarray(0, Math.floor(photo.length / 3)))
  await writeFile(join(root, 'notes.txt'), 'Pictures from the holiday.\n')
  await writeFile(join(root, 'waves', '.DS_Store'), 'x')
  return root
}

/** The pixels of the resize preview's pictures in one mode, row by row. */
const previewPixels = (page: Page, mode: 'crop' | 'squash' | 'pad') =>
  canvases(page, `[data-testid=resize-sample] canvas[aria-label$=", ${mode}"]`)

export async function importAFolderOfPictures({ page, shot }: Walk): Promise<void> {
  const root = await makeFolder()
  try {
    const panel = await openTab(page, 'Data')
    const datasetBefore = await page.getByTestId('dataset-name').innerText()
    await page.getByTestId('dataset-folder').setInputFiles(root)
    const folder = panel.getByTestId('picture-folder')
    await folder.waitFor()
    expect(await folder.locator('h2').innerText()).toBe('holiday-pictures')
    const rows = await folder.getByRole('table', { name: 'Pictures per class in the folder' }).locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].slice(0, 3).map((c) => (c as HTMLElement).innerText)))
    expect(rows).toEqual([['suns', String(PER_CLASS + 1), '20\u00a0% of them'], ['waves', String(PER_CLASS), '20\u00a0% of them']])
    // the dataset in use stays until the import
    expect(await page.getByTestId('dataset-name').innerText()).toBe(datasetBefore)
    const skipped = folder.getByTestId('skipped-files')
    expect(await skipped.locator('summary').innerText()).toBe('2 files skipped')
    await skipped.locator('summary').click()
    const reasons = await skipped.locator('li').allInnerTexts()
    expect(reasons).toHaveLength(2)
    expect(reasons.join('\n')).toMatch(/notes\.txt: .*not a picture/)
    expect(reasons.join('\n')).toMatch(/waves\/\.DS_Store: /)

    // eight of the user's own pictures, four of each class, in all three modes; crop chosen at first
    expect(await folder.getByTestId('resize-sample').count()).toBe(8)
    expect(await folder.getByTestId('resize-crop').isChecked()).toBe(true)
    const crop = await previewPixels(page, 'crop')
    const squash = await previewPixels(page, 'squash')
    const pad = await previewPixels(page, 'pad')
    expect(crop).toHaveLength(8)
    // a picture that is not square comes out differently in each mode; a square one the same in crop and squash
    const differ = crop.filter((c, i) => c.digest !== squash[i].digest && c.digest !== pad[i].digest && squash[i].digest !== pad[i].digest)
    expect(differ.length).toBeGreaterThan(0)
    await shot('pictures-preview-crop')
    await folder.getByTestId('resize-squash').check()
    await shot('pictures-preview-squash')
    await folder.getByTestId('resize-pad').check()
    await shot('pictures-preview-pad')
    await folder.getByTestId('resize-crop').check()

    // the import, in centre crop
    await folder.getByTestId('import-pictures').click()
    await page.getByTestId('dataset-name').filter({ hasText: 'holiday-pictures' }).waitFor()
    const report = panel.getByTestId('picture-report')
    await report.waitFor()
    expect(await panel.getByTestId('resize-sentence').innerText()).toBe('Pictures made 32×32 by centre crop')
    expect(await report.innerText()).toContain(`${2 * PER_CLASS} pictures imported from the folder holiday-pictures`)
    await report.getByTestId('skipped-files').locator('summary').click()
    expect(await report.getByTestId('skipped-files').innerText()).toMatch(/suns\/cut-short\.jpg: .*(damaged|cut short)/)
    const counts = await panel.getByRole('table', { name: 'Pictures per class' }).locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].slice(0, 3).map((c) => (c as HTMLElement).innerText)))
    expect(counts).toEqual([['suns', '24', '6'], ['waves', '24', '6']])
    expect(await panel.getByTestId('save-npz').isEnabled()).toBe(true)

    // the classes get the names the user wants
    await panel.getByTestId('rename-classes').click()
    await panel.getByTestId('class-name-0').fill('Sunny')
    await panel.getByTestId('class-name-1').fill('sunny')
    expect(await panel.getByTestId('class-names-problem').innerText()).toMatch(/both called "sunny"/)
    await shot('pictures-rename-refused')
    await panel.getByTestId('class-name-1').fill('Sea')
    await panel.getByTestId('save-class-names').click()
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=data-panel] table[aria-label="Pictures per class"] tbody th')]
      .map((t) => (t as HTMLElement).innerText).join() === 'Sunny,Sea')
    await shot('pictures-imported')

    // two epochs on the user's own pictures
    await openTab(page, 'Training')
    // the settings the earlier steps left are put back to the seed's, then a learning rate that suits them
    await page.getByRole('button', { name: 'Seed defaults' }).click()
    await page.getByLabel('Learning rate', { exact: true }).fill('0.01')
    await page.getByLabel('Epochs', { exact: true }).fill(String(EPOCHS))
    // 48 training pictures: small batches, so that two epochs are a few dozen steps
    await page.getByLabel('Batch size', { exact: true }).fill(String(BATCH))
    await trainNewNetwork(page)
    // the chart draws a few times a second: its last epoch lands just after the end
    await page.waitForFunction((n) => document.querySelector('[data-testid=metrics-chart]')?.getAttribute('data-points') === n, String(EPOCHS))
    // two dozen steps on two easy classes: the network tells them apart better than chance
    const status = await page.getByTestId('status-text').innerText()
    const accuracy = Number(/Test accuracy ([\d.]+)/.exec(status)?.[1])
    expect(accuracy, status).toBeGreaterThan(50)
    await shot('pictures-trained')
    const results = await openTab(page, 'Results')
    await results.getByText('Sunny').first().waitFor()
    expect(await results.innerText()).toContain('Sea')
    await shot('pictures-results')
  } finally {
    rmSync(join(root, '..'), { recursive: true, force: true })
  }
}
