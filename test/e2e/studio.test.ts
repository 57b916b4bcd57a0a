/**
 * End to end, as a user would: browser mode (`npm run web`) driven by Debian's Chromium through
 * playwright-core at 1280×800, walking the whole story of the studio (issue 5) in one session:
 *   1. the demo dataset: counts per class and sample pictures        (setup.ts)
 *   2. a preset, a wrong value and its reason                          (setup.ts)
 *   3. train with live charts, pause, change the learning rate, step one epoch, resume,
 *      smooth the batch loss                                           (training.ts)
 *   3b. two recorded runs in the Runs tab, ticked onto the charts beside the current run, the
 *      sentence comparing them, a column sorted from the keyboard       (runs.ts)
 *   4. the weight gallery: colour scales, what training changed, hover, enlarge, replay (weights.ts)
 *   5. results: the confusion matrix and predictions, a mix-up opened  (results.ts)
 *   6. save, reset, open the model back: weights, history and settings (models.ts)
 *   7. the run shortcuts and the question before unsaved work goes    (keysAndClasses.ts)
 *   8. a run that blows up, explained, retried with half the rate     (models.ts)
 *   9. a file that is not a dataset                                    (models.ts)
 *  10. a ten-class file picked by name, its 10×10 matrix; the dark theme (keysAndClasses.ts)
 *  11. back on the demo, a 2×3 sweep with 2 seeds: the builder and its cost, the runs' small
 *      charts as they train, the results (the best run, accuracy per setting with the seeds'
 *      spread, the heat map, the runs best first), the best run opened      (sweep.ts)
 *  12. two short runs trained in the studio, recorded as they ran, compared (recordedRuns.ts)
 *  13. a folder of pictures: the preview in crop, squash and pad, the import and its report,
 *      the classes renamed, two epochs trained on it                   (pictures.ts)
 *  14. three new pictures tried on the network trained last: cards, bars, maps; a damaged file;
 *      a recorded run on the demo compared side by side: night and day   (tryPictures.ts)
 * At the end, every tab at 1024×640, 1280×800, 1920×1080, 2560×1440 and zoomed to 125 %: nothing
 * sideways, no card over another, the run controls in view            (sizes.ts)
 * Each step saves screenshots as test-results/e2e-<nn>-<step>.png: look at them.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, CHROMIUM_ARGS, findChromium, RESULTS, startBrowserMode, type BrowserMode } from './browserMode'
import { darkTheme, runByKeyboard, tenClasses } from './walkthrough/keysAndClasses'
import { blowUpAndRetry, openABadFile, saveResetOpen } from './walkthrough/models'
import { readTheResults } from './walkthrough/results'
import { recordTwoStudioRuns } from './walkthrough/recordedRuns'
import { compareTwoRuns } from './walkthrough/runs'
import { sweepAndOpenTheBest } from './walkthrough/sweep'
import { chooseSettings, seeTheDemo } from './walkthrough/setup'
import { EPOCHS, PAUSED_RATE, trainPauseStepResume } from './walkthrough/training'
import { walk, type Walk } from './walkthrough/walk'
import { lookAtTheWeights } from './walkthrough/weights'
import { tryNewPictures } from './walkthrough/tryPictures'
import { importAFolderOfPictures } from './walkthrough/pictures'
import { fitEveryTab, SIZES, sizeName } from './walkthrough/sizes'
import { auditAccessibility } from './walkthrough/accessibility'

/** the demo's test pictures. */
const DEMO_TEST = 2000
/** the longest one step may take. */
const STEP_MS = 40_000

const executablePath = findChromium()
if (!executablePath && process.env.CI) {
  throw new Error('The end-to-end test needs Chromium at /usr/bin/chromium (Debian package "chromium", installed by .ci/run). Install it, or set CHROMIUM_PATH.')
}
if (!executablePath) console.warn('Skipping the end-to-end test: no Chromium at /usr/bin/chromium (apt-get install chromium).')

describe.skipIf(!executablePath)('the studio in browser mode', () => {
  let app: BrowserMode | undefined
  let browser: Browser | undefined
  let w: Walk
  const problems: string[] = []

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true })
    // the screenshots of an earlier run would pass for this one's
    for (const f of readdirSync(RESULTS)) if (/^e2e-\d+-.*\.png$/.test(f)) rmSync(join(RESULTS, f))
    buildApp()
    app = await startBrowserMode()
    browser = await chromium.launch({ executablePath: executablePath!, args: CHROMIUM_ARGS })
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true })
    // a script error or a Content-Security-Policy refusal shows up here
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`) })
    // a step that waits for something that never comes fails within seconds, saying what it waited for
    page.setDefaultTimeout(15_000)
    await page.goto(app.url)
    w = walk(page)
  }, 240_000)

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  }, 30_000)

  /**
   * One step of the story, given STEP_MS; after a failed step the rest are skipped, since each
   * starts where the last one ended. A failure leaves a screenshot, e2e-<nn>-failed.png.
   */
  let failedStep: string | null = null
  const step = (name: string, run: () => Promise<void>): void => {
    it(name, async (context) => {
      if (failedStep) context.skip(`an earlier step failed: ${failedStep}`)
      let timer: ReturnType<typeof setTimeout> | undefined
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the step took over ${STEP_MS / 1000} s`)), STEP_MS)
      })
      try {
        await Promise.race([run(), late])
      } catch (e) {
        failedStep = name
        await w.shot('failed').catch(() => {})
        throw e
      } finally {
        clearTimeout(timer)
      }
    }, STEP_MS + 10_000)
  }

  step('opens on the demo dataset and shows its classes and pictures', () => seeTheDemo(w))
  step('applies a preset and explains a wrong value beside its field', () => chooseSettings(w))
  step('trains with live charts, pauses, takes a new learning rate, steps one epoch and resumes', () => trainPauseStepResume(w))
  step('lists two recorded runs, draws them beside the current run and says what changed between them', () => compareTwoRuns(w, app!.configHome))
  step('shows the weights in every colour scale, as the change since the start, hovered, enlarged and replayed', () => lookAtTheWeights(w))
  step('shows predictions and the confusion matrix, and opens the most confident mistakes of a cell', () => readTheResults(w, EPOCHS, DEMO_TEST))
  step('saves, resets and opens the model back with its weights, history and settings', () => saveResetOpen(w, EPOCHS, PAUSED_RATE))
  step('runs from the keyboard and asks before unsaved work is thrown away', () => runByKeyboard(w))
  step('explains a run that blew up and retries it with half the learning rate', () => blowUpAndRetry(w))
  step('explains in plain words why a file of random bytes is not a dataset', () => openABadFile(w))
  step('learns ten classes picked by name and shows their 10×10 confusion matrix', () => tenClasses(w))
  step('follows a dark system theme', () => darkTheme(w))
  step('runs a 2×3 sweep with 2 seeds on the demo, shows what it found and opens the best run', () => sweepAndOpenTheBest(w))
  step('records the studio\'s own runs and compares two of them', () => recordTwoStudioRuns(w))
  step('imports a folder of pictures after looking at them in every resize mode, and trains on them', () => importAFolderOfPictures(w))
  step('tries three new pictures on the network, and a recorded run beside it', () => tryNewPictures(w))
  step('passes axe-core on every tab and dialog, in the light and the dark theme', () => auditAccessibility(w))
  for (const size of SIZES) step(`fits every tab in a ${sizeName(size)} window: nothing sideways, no card over another, the run controls in view`, () => fitEveryTab(w, size))
  step('never shows stale work: a network that does not fit is set aside, notices cover nothing, a reopened model has its start and batch losses', async () => (await import('./walkthrough/neverStale')).neverStale(w))
  step('says what the numbers mean: the chance level on the accuracy charts, settings as the form shows them, a plain message for a file that is not a model', async () => (await import('./walkthrough/numbersMean')).sayWhatTheNumbersMean(w))

  it('met no script errors or refused content along the way, and saved a screenshot of every step', (context) => {
    if (failedStep) context.skip(`an earlier step failed: ${failedStep}`)
    expect(problems).toEqual([])
    expect(app?.output()).not.toMatch(/Error:|\bat .*:\d+:\d+/)
    expect(w.shots.length).toBeGreaterThanOrEqual(15)
  })
})
