/**
 * The Weights tab after the run: one picture per hidden unit; the colour scales (per picture,
 * shared, zero is grey) redraw them; the weights now against what training changed; a hovered
 * tile's numbers and vote; a tile enlarged; the scrubber replaying the start of the run.
 */
import { expect } from 'vitest'
import { canvases, openTab, type Walk } from './walk'

const TILES = '[data-testid=weight-tile]'
const GALLERY = '[data-testid=weight-gallery]'

export async function lookAtTheWeights({ page, shot }: Walk): Promise<void> {
  const panel = await openTab(page, 'Weights')
  await page.locator(TILES).first().waitFor()
  const drawn: Record<string, string[]> = {}
  for (const [mode, label] of [['tile', 'Per picture'], ['global', 'Shared scale'], ['zero', 'Zero is grey']] as const) {
    await panel.getByLabel('Colours').selectOption({ label })
    await page.waitForTimeout(150)
    const tiles = await canvases(page, TILES)
    expect(tiles, 'one picture per hidden unit').toHaveLength(15)
    for (const t of tiles) expect(t.distinct, `a ${mode} tile is a picture, not one flat colour`).toBeGreaterThan(10)
    drawn[mode] = tiles.map((t) => t.digest)
  }
  expect(drawn.global, 'a shared scale draws other colours than per picture').not.toEqual(drawn.tile)
  expect(drawn.zero, 'zero-is-grey draws other colours than per picture').not.toEqual(drawn.tile)

  // the weights as they are, and what training changed since the start
  const show = panel.getByRole('radiogroup', { name: 'Show' })
  await show.getByLabel('Weights now').check()
  expect(await page.locator(GALLERY).getAttribute('data-view')).toBe('weights')
  const now = (await canvases(page, TILES)).map((t) => t.digest)
  await show.getByLabel('What training changed').check()
  await page.waitForFunction((g) => document.querySelector(g)?.getAttribute('data-view') === 'change', GALLERY)
  await page.waitForTimeout(150)
  expect((await canvases(page, TILES)).map((t) => t.digest), 'the change since the start is another picture').not.toEqual(now)
  await shot('weights-change-zero-grey')
  await show.getByLabel('Weights now').check()

  // hover: the unit's numbers and its weight into the output, sign spelled out
  const third = page.locator(`${GALLERY} button[data-unit="2"]`)
  await third.hover()
  const card = page.getByTestId('tile-card').filter({ visible: true })
  await card.waitFor()
  const words = await card.innerText()
  expect(words).toMatch(/^Hidden unit 3/)
  expect(words).toMatch(/norm \d+\.\d{3}, smallest −?\d+\.\d{3}, largest −?\d+\.\d{3}/)
  expect(words).toMatch(/Weight into the output\s+[+−]\d+\.\d{3}: it votes for (night|day)/)
  await shot('weights-hover')

  // click: the unit enlarged, pixel for pixel
  await third.click()
  const dialog = page.getByRole('dialog', { name: 'Hidden unit 3' })
  await dialog.waitFor()
  const big = page.locator('[data-testid=enlarged-tile]').first()
  expect(await big.evaluate((c) => [c.getBoundingClientRect().width, getComputedStyle(c).imageRendering])).toEqual([256, 'pixelated'])
  await shot('weights-enlarged')
  await dialog.getByRole('button', { name: 'Close the enlarged picture' }).click()
  await dialog.waitFor({ state: 'detached' })

  // the scrubber: back to the start of the run, then live again
  const live = (await canvases(page, TILES)).map((t) => t.digest)
  await panel.getByLabel('Epoch to show').fill('0')
  await panel.getByText('Replaying the start of the run').waitFor()
  await page.waitForTimeout(150)
  expect((await canvases(page, TILES)).map((t) => t.digest), 'the random start looks different').not.toEqual(live)
  await shot('weights-replay-start')
  await panel.getByRole('button', { name: 'Back to live' }).click()
  await panel.getByText('Live', { exact: true }).waitFor()
  await page.waitForTimeout(150)
  expect((await canvases(page, TILES)).map((t) => t.digest), 'live again').toEqual(live)
}
