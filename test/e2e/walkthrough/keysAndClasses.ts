/**
 * The keyboard and the wider world: the run shortcuts (Enter trains, Space pauses, S steps one
 * epoch, Escape stops) with the question before unsaved work is dropped; a ten-class file with
 * classes picked by name and a 10×10 confusion matrix; the dark theme.
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { ROOT } from '../browserMode'
import { studioState, waitForState } from '../page'
import { openTab, statusText, type Walk } from './walk'

const CIFAR = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']

/** Takes the focus out of the form, as a click on an empty part of the window does: shortcuts never fire while typing. */
const leaveTheForm = (page: Page): Promise<void> => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())

const points = (page: Page): Promise<number> => studioState(page).then((s) => s.points)

/** Waits until a run button can be pressed: a shortcut, like the button, does nothing while a request is on its way. */
const ready = (page: Page, name: string): Promise<unknown> =>
  page.waitForFunction((n) => (document.querySelector(`button[aria-label="${n}"]`) as HTMLButtonElement | null)?.disabled === false, name)

export async function runByKeyboard({ page, shot }: Walk): Promise<void> {
  await openTab(page, 'Training')
  await page.getByLabel('Epochs', { exact: true }).fill('30')
  await leaveTheForm(page)
  expect(await page.getByRole('button', { name: 'Train a new network' }).getAttribute('aria-keyshortcuts')).toBe('Enter')

  // the opened model was saved, so Enter starts a fresh run without asking
  await page.keyboard.press('Enter')
  await waitForState(page, 'running')
  await ready(page, 'Pause training')
  await page.keyboard.press('Space')
  await waitForState(page, 'paused')
  // the charts redraw a few times a second: let the last epoch before the pause land
  await page.waitForTimeout(500)
  const at = await points(page)
  await ready(page, 'Step one epoch')
  await page.keyboard.press('s')
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=metrics-chart]')?.getAttribute('data-points')) === n, at + 1)
  await waitForState(page, 'paused')
  await ready(page, 'Stop training')
  await page.keyboard.press('Escape')
  await page.waitForFunction(() => ['idle', 'finished'].includes(document.querySelector('.studio')?.getAttribute('data-state') ?? ''))
  expect(await points(page), 'Escape stops where it was').toBe(at + 1)

  // unsaved work now: Enter asks before a fresh run throws it away; Cancel keeps it
  await ready(page, 'Train a new network')
  await page.keyboard.press('Enter')
  const question = page.getByRole('dialog')
  await question.waitFor()
  expect(await question.innerText()).toMatch(/Discard and train/)
  await shot('keyboard-discard-question')
  await question.getByRole('button', { name: 'Cancel' }).click()
  await question.waitFor({ state: 'hidden' })
  expect(await points(page), 'Cancel kept the run').toBe(at + 1)
}

export async function tenClasses({ page, shot }: Walk): Promise<void> {
  await page.getByTestId('dataset-file').setInputFiles(join(ROOT, 'test/fixtures/sample_cifar10.bin'))
  const question = page.getByRole('dialog')
  // the stopped run was not saved: opening another dataset may ask first
  await Promise.race([
    question.waitFor().then(() => question.getByRole('button', { name: /^Discard/ }).click()),
    page.getByTestId('dataset-name').filter({ hasText: 'sample_cifar10.bin' }).waitFor()
  ])
  await page.getByTestId('dataset-name').filter({ hasText: 'sample_cifar10.bin' }).waitFor()
  const panel = await openTab(page, 'Data')
  const picker = panel.getByTestId('class-picker')
  const rows = panel.getByRole('table', { name: 'Pictures per class' }).locator('tbody th')

  // two classes picked by name, then all ten
  for (const name of CIFAR) {
    const box = picker.getByLabel(name, { exact: true })
    if ((await box.isChecked()) !== (name === 'cat' || name === 'dog')) await box.click()
  }
  await picker.getByText('Picked: cat and dog.').waitFor()
  await picker.getByRole('button', { name: 'Use these classes' }).click()
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=data-panel] tbody th').length === 2)
  expect(await rows.allInnerTexts()).toEqual(['cat', 'dog'])
  await picker.getByRole('button', { name: 'All 10' }).click()
  await picker.getByRole('button', { name: 'Use these classes' }).click()
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=data-panel] tbody th').length === 10)
  expect(await rows.allInnerTexts()).toEqual(CIFAR)
  await shot('ten-classes-data')

  await page.getByLabel('Epochs', { exact: true }).fill('5')
  await page.getByRole('button', { name: 'Train a new network' }).click()
  await waitForState(page, 'finished', 20_000)
  const results = await openTab(page, 'Results')
  const table = results.getByRole('table', { name: /^Confusion matrix of the test pictures/ })
  await table.waitFor()
  expect(await table.getByTestId('confusion-cell').count()).toBe(100)
  expect(await table.locator('thead th[scope=col]').allInnerTexts().then((t) => t.slice(1, 11).map((s) => s.trim()))).toEqual(CIFAR)
  await table.getByRole('button', { name: /^true cat, predicted dog: \d+ pictures?$/ }).waitFor()
  expect(await statusText(page)).toMatch(/^Finished: trained 5 epochs/)
  await shot('ten-classes-results')
}

export async function darkTheme({ page, shot }: Walk): Promise<void> {
  await page.emulateMedia({ colorScheme: 'dark' })
  const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
  expect(background).toBe('rgb(18, 22, 28)')
  await shot('dark-results')
  await openTab(page, 'Training')
  await shot('dark-training')
  await openTab(page, 'Weights')
  await shot('dark-weights')
  await page.emulateMedia({ colorScheme: 'light' })
}
