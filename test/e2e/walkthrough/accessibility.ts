/**
 * Accessibility as the browsers' audits check it: axe-core (the engine behind them) run on every
 * tab (Training, Weights, Results, Try, Runs, Sweep, Data) and every dialog (a weight tile
 * enlarged, the question before unsaved work is thrown away, a run's Delete… question, and the
 * Rename classes editor, which is no dialog but opens in place), in the light and the dark theme.
 * No violation of impact serious or critical may remain; every place audited and every finding,
 * of any impact, are written to test-results/axe-findings.json, and the serious ones are named in
 * the failure.
 *
 * axe is put into the page with page.evaluate: the page's Content-Security-Policy (script-src
 * 'self') refuses an inline <script>, which page.addScriptTag({ content }) would add, but not code
 * the DevTools protocol evaluates.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import { RESULTS, ROOT } from '../browserMode'
import type { Walk } from './walk'

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js')
const TABS = ['Training', 'Weights', 'Results', 'Try', 'Runs', 'Sweep', 'Data'] as const
const THEMES = ['light', 'dark'] as const
type Theme = (typeof THEMES)[number]

/** One rule that failed in one place: where (a tab or a dialog), the theme, and the elements it failed on. */
export interface AxeFinding {
  readonly where: string
  readonly theme: Theme
  readonly rule: string
  readonly impact: string
  readonly help: string
  /** CSS selectors of the failing elements, as axe names them. */
  readonly targets: string[]
  /** what axe says is wrong with the first of them. */
  readonly summary: string
}

async function injectAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object')) return
  await page.evaluate(readFileSync(AXE, 'utf8'))
}

/** every place audited, "tab: Results, dark", in order. */
const audited: string[] = []

/** axe on the element `selector` names (the whole page when null): its violations, any impact. */
async function audit(page: Page, where: string, theme: Theme, selector: string | null): Promise<AxeFinding[]> {
  await injectAxe(page)
  audited.push(`${where}, ${theme}`)
  // a tab's charts and pictures draw in the next frames
  await page.waitForTimeout(100)
  const violations = await page.evaluate(async (sel) => {
    interface AxeResult { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeResult[] }> } }).axe
    const context = sel ? document.querySelector(sel) : document
    if (!context) throw new Error(`nothing matches ${sel}`)
    const r = await axe.run(context, { resultTypes: ['violations'] })
    return r.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(' ')),
      summary: (v.nodes[0]?.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300)
    }))
  }, selector)
  return violations.map((v) => ({ where, theme, ...v }))
}

async function openAnyTab(page: Page, name: string): Promise<Locator> {
  const tab = page.getByRole('tab', { name, exact: true })
  await tab.click()
  const panel = page.locator(`#${await tab.getAttribute('aria-controls')}`)
  await panel.waitFor({ state: 'visible' })
  return panel
}

/** The question before unsaved work is thrown away: Train a new network asks it while there is some. */
async function auditDiscardQuestion(page: Page, theme: Theme): Promise<AxeFinding[]> {
  await openAnyTab(page, 'Training')
  const train = page.getByRole('button', { name: 'Train a new network' })
  const question = page.getByRole('dialog')
  await train.click()
  if (!await question.waitFor({ timeout: 5_000 }).then(() => true, () => false)) {
    // nothing was unsaved, so a run started: stopped (or finished), it is unsaved work
    await page.getByRole('button', { name: 'Stop training' }).click({ timeout: 2_000 }).catch(() => {})
    await page.waitForFunction(() => ['idle', 'finished'].includes(document.querySelector('.studio')?.getAttribute('data-state') ?? ''))
    await train.click()
    await question.waitFor()
  }
  expect(await question.innerText()).toMatch(/Discard/)
  const found = await audit(page, 'dialog: discard unsaved work', theme, 'dialog[open]')
  await question.getByRole('button', { name: 'Cancel' }).click()
  await question.waitFor({ state: 'hidden' })
  return found
}

async function auditTileDialog(page: Page, theme: Theme): Promise<AxeFinding[]> {
  await openAnyTab(page, 'Weights')
  await page.locator('[data-testid=weight-gallery] button[data-unit="0"]').click()
  const dialog = page.getByRole('dialog', { name: 'Hidden unit 1' })
  await dialog.waitFor()
  const found = await audit(page, 'dialog: weight tile enlarged', theme, '[role=dialog]')
  await dialog.getByRole('button', { name: 'Close the enlarged picture' }).click()
  await dialog.waitFor({ state: 'detached' })
  return found
}

async function auditDeleteQuestion(page: Page, theme: Theme): Promise<AxeFinding[]> {
  const panel = await openAnyTab(page, 'Runs')
  await panel.getByRole('button', { name: /^Delete run / }).and(page.locator(':enabled')).first().click()
  const question = page.getByRole('dialog')
  await question.waitFor()
  const found = await audit(page, 'dialog: delete a run', theme, 'dialog[open]')
  await question.getByRole('button', { name: 'Cancel' }).click()
  await question.waitFor({ state: 'hidden' })
  return found
}

async function auditRenameClasses(page: Page, theme: Theme): Promise<AxeFinding[]> {
  const panel = await openAnyTab(page, 'Data')
  await panel.getByTestId('rename-classes').click()
  const cancel = panel.getByRole('button', { name: 'Cancel', exact: true })
  await cancel.waitFor()
  const found = await audit(page, 'editor: rename classes', theme, `#${await panel.getAttribute('id')}`)
  await cancel.click()
  await panel.getByTestId('rename-classes').waitFor()
  return found
}

/** "rule (impact) ×n where/theme: help — first element" lines for the failure message. */
export function describeFindings(findings: readonly AxeFinding[]): string {
  return findings.map((f) => `${f.rule} (${f.impact}) ×${f.targets.length} on ${f.where}, ${f.theme}: ${f.help} — ${f.targets[0]}: ${f.summary}`).join('\n')
}

export async function auditAccessibility({ page, shot }: Walk): Promise<void> {
  const findings: AxeFinding[] = []
  audited.length = 0
  try {
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme })
      for (const name of TABS) {
        await openAnyTab(page, name)
        findings.push(...await audit(page, `tab: ${name}`, theme, null))
      }
      findings.push(...await auditTileDialog(page, theme))
      findings.push(...await auditDeleteQuestion(page, theme))
      findings.push(...await auditRenameClasses(page, theme))
      findings.push(...await auditDiscardQuestion(page, theme))
    }
    await shot('accessibility-dark-training')
  } finally {
    await page.emulateMedia({ colorScheme: 'light' })
    writeFileSync(join(RESULTS, 'axe-findings.json'), JSON.stringify({ audited, findings }, null, 2) + '\n')
  }
  const serious = findings.filter((f) => f.impact === 'serious' || f.impact === 'critical')
  expect(describeFindings(serious), 'axe-core found serious or critical problems').toBe('')
}
