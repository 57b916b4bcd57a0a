/**
 * The first steps of the walkthrough: the demo dataset as the Data tab shows it (counts per class
 * and sample pictures), then the settings: a preset, a wrong value with its reason beside the
 * field (and Train refused), and the value put right again.
 */
import { expect } from 'vitest'
import { canvases, openTab, statusText, type Walk } from './walk'

export async function seeTheDemo({ page, shot }: Walk): Promise<void> {
  await page.getByTestId('dataset-name').filter({ hasText: 'Demo' }).waitFor()
  await page.getByText(/^Ready to train on Demo/).waitFor()
  const panel = await openTab(page, 'Data')
  const classes = panel.getByRole('table', { name: 'Pictures per class' })
  const rows = await classes.locator('tbody tr').allInnerTexts()
  expect(rows.map((r) => r.split('\t').map((c) => c.trim()).slice(0, 3)), 'the demo: 5,000 + 1,000 pictures of each class').toEqual([
    ['night', '5,000', '1,000'],
    ['day', '5,000', '1,000']
  ])
  const samples = await canvases(page, '[data-testid=sample-grid] canvas')
  expect(samples.length, 'sample pictures of each class').toBeGreaterThanOrEqual(4)
  for (const s of samples) expect(s.distinct, 'a sample is a real picture, not one flat colour').toBeGreaterThan(20)
  const style = await page.locator('[data-testid=sample-grid] canvas').first().evaluate((c) => getComputedStyle(c).imageRendering)
  expect(style, 'pictures are scaled up without smoothing').toBe('pixelated')
  await shot('data')
}

export async function chooseSettings({ page, shot }: Walk): Promise<void> {
  const presets = page.getByRole('group', { name: 'Presets' })
  const field = (name: string) => page.getByLabel(name, { exact: true })

  await presets.getByRole('button', { name: 'Fast' }).click()
  expect(await field('Learning rate').inputValue()).toBe('0.03')
  expect(await field('Epochs').inputValue()).toBe('5')
  expect(await presets.getByRole('button', { name: 'Fast' }).getAttribute('aria-pressed')).toBe('true')
  await presets.getByRole('button', { name: 'Seed defaults' }).click()
  expect(await field('Learning rate').inputValue()).toBe('0.01')
  expect(await field('Units in hidden layer 1').inputValue()).toBe('15')

  // a wrong value: the reason shows beside the field, in words, and Train waits
  await field('Batch size').fill('lots')
  const reason = page.locator('#batchSize-error')
  await reason.waitFor()
  expect(await reason.innerText()).toMatch(/^Batch size must be a number, such as 200\.$/)
  expect(await field('Batch size').getAttribute('aria-invalid')).toBe('true')
  expect(await page.getByRole('button', { name: 'Train a new network' }).isDisabled(), 'Train waits for a valid form').toBe(true)
  await field('Batch size').hover()
  await shot('settings-reason')
  await field('Batch size').fill('200')
  await reason.waitFor({ state: 'detached' })
  expect(await statusText(page)).toMatch(/^Ready to train/)
}
