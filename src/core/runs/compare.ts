/**
 * The plain sentence about two runs: what B changed against A and what it did, e.g. "B used
 * learning rate 0.05 instead of 0.01: best test accuracy 81.0 % instead of 78.0 %, and it began
 * to overfit at epoch 9." Other pictures come first (a different dataset fingerprint), then every
 * differing setting in SETTING_ORDER (the seed last), then the best test accuracy of each (at its
 * best epoch by test loss) and either's overfitting onset. When only the seed (or the thread count)
 * differs, the sentence says the difference is noise.
 */
import { formatPercent } from '../text/percent'
import type { RunDataset, RunManifest, RunSettings } from './types'
import { formatLayers, formatNumber, SETTING_ORDER, type SettingName } from './settingWords'
import { overfitting } from './summary'

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

/** Two numbers in their short forms, or every digit when the short forms look the same. */
function twoNumbers(b: number, a: number): [string, string] {
  const short: [string, string] = [formatNumber(b), formatNumber(a)]
  return short[0] === short[1] ? [formatNumber(b, true), formatNumber(a, true)] : short
}

function layersWords(b: readonly number[], a: readonly number[]): string {
  if (b.length === 1 && a.length === 1) return `${b[0]} hidden units instead of ${a[0]}`
  if (b.length === a.length) return `hidden layers ${formatLayers(b)} instead of ${formatLayers(a)}`
  const full = (h: readonly number[]): string =>
    h.length === 0 ? 'no hidden layer' : h.length === 1 ? `one hidden layer of ${h[0]}` : `${h.length} hidden layers (${formatLayers(h)})`
  const short = (h: readonly number[]): string =>
    h.length === 0 ? 'none' : h.length === 1 ? `one of ${h[0]}` : `${h.length} (${formatLayers(h)})`
  return `${full(b)} instead of ${short(a)}`
}

/** B's value of one setting against A's, in words; null when they are the same. */
export function settingChange(setting: SettingName, b: RunSettings, a: RunSettings): string | null {
  switch (setting) {
    case 'hidden': {
      const same = a.hidden.length === b.hidden.length && a.hidden.every((u, i) => u === b.hidden[i])
      return same ? null : layersWords(b.hidden, a.hidden)
    }
    case 'activation': return a.activation === b.activation ? null : `${b.activation} instead of ${a.activation}`
    case 'scaling': return a.scaling === b.scaling ? null : `input scaling ${b.scaling} instead of ${a.scaling}`
    case 'init': return a.init === b.init ? null : `${b.init} initialisation instead of ${a.init}`
    case 'shuffle':
      if (a.shuffle === b.shuffle) return null
      return b.shuffle ? 'shuffled pictures instead of file order' : 'the pictures in file order instead of shuffled'
    default: {
      const [vb, va] = [b[setting], a[setting]]
      if (vb === va) return null
      const [tb, ta] = twoNumbers(vb, va)
      switch (setting) {
        case 'learningRate': return `learning rate ${tb} instead of ${ta}`
        case 'batchSize': return `batch size ${tb} instead of ${ta}`
        case 'momentum': return `momentum ${tb} instead of ${ta}`
        case 'l2': return `L2 ${tb} instead of ${ta}`
        case 'epochs': return `${tb} epoch${vb === 1 ? '' : 's'} instead of ${ta}`
        case 'threads': return `${tb} thread${vb === 1 ? '' : 's'} instead of ${ta}`
        case 'seed': return `another seed (${tb} instead of ${ta})`
      }
    }
  }
}

/** Every setting B changed against A, in SETTING_ORDER. */
export function settingChanges(b: RunSettings, a: RunSettings): { setting: SettingName; words: string }[] {
  const out: { setting: SettingName; words: string }[] = []
  for (const setting of SETTING_ORDER) {
    const words = settingChange(setting, b, a)
    if (words !== null) out.push({ setting, words })
  }
  return out
}

function classWords(names: readonly string[]): string {
  return names.length <= 4 ? names.join(', ') : `${names.slice(0, 3).join(', ')}, … (${names.length} classes)`
}

/** "(cifar-10 instead of cifar_2class_py2.p)", or the classes, or "(a different x)". */
function otherPictures(b: RunDataset, a: RunDataset): string {
  if (b.name !== a.name) return `(${b.name} instead of ${a.name})`
  const bc = classWords(b.classNames)
  const ac = classWords(a.classNames)
  if (bc !== ac) return `(${bc} instead of ${ac})`
  return `(a different ${b.name})`
}

/** B's and A's best test accuracy with as few decimals as tell them apart (one at least, three at most). */
function twoPercents(b: number, a: number): [string, string] {
  let digits = 1
  while (digits < 3 && b !== a && formatPercent(b, digits) === formatPercent(a, digits)) digits++
  return [formatPercent(b, digits), formatPercent(a, digits)]
}

function noBestWords(m: RunManifest): string {
  return m.history.length === 0 ? 'has not finished an epoch yet' : 'blew up (no epoch had a test loss that is a number)'
}

function resultWords(b: RunManifest, a: RunManifest, lb: string, la: string): string {
  if (b.best === null && a.best === null) return `neither has a best epoch yet: ${lb} ${noBestWords(b)}, ${la} ${noBestWords(a)}`
  if (b.best === null) return `it ${noBestWords(b)}, where ${la} reached a best test accuracy of ${formatPercent(a.best!.testAccuracy)}`
  if (a.best === null) return `best test accuracy ${formatPercent(b.best.testAccuracy)}, where ${la} ${noBestWords(a)}`
  const [pb, pa] = twoPercents(b.best.testAccuracy, a.best.testAccuracy)
  return pb === pa ? `the same best test accuracy, ${pb}` : `best test accuracy ${pb} instead of ${pa}`
}

function overfitWords(b: RunManifest, a: RunManifest, lb: string, la: string): string {
  const ob = overfitting(b.history)
  const oa = overfitting(a.history)
  if (ob && oa) {
    return ob.since === oa.since ? `, and both began to overfit at epoch ${ob.since}` : `, and both began to overfit: ${lb} at epoch ${ob.since}, ${la} at epoch ${oa.since}`
  }
  if (ob) return `, and it began to overfit at epoch ${ob.since}`
  if (oa) return `, and ${la} began to overfit at epoch ${oa.since} (${lb} did not)`
  return ''
}

/** The sentence about run `b` against run `a` (see the header); labels name them, A and B by default. */
export function compareRuns(a: RunManifest, b: RunManifest, labels: readonly [string, string] = ['A', 'B']): string {
  const [la, lb] = labels
  const changes = settingChanges(b.settings, a.settings)
  const otherData = a.dataset.fingerprint !== b.dataset.fingerprint
  const used = listWords(changes.map((c) => c.words))
  let what: string
  if (otherData) what = `${lb} was trained on other pictures ${otherPictures(b.dataset, a.dataset)}${used ? ` and used ${used}` : ''}`
  else if (used) what = `${lb} used ${used}`
  else what = `${lb} used the same pictures and settings as ${la}`
  let noise = ''
  if (!otherData && changes.length > 0 && changes.every((c) => c.setting === 'seed' || c.setting === 'threads')) {
    noise = changes.some((c) => c.setting === 'seed')
      ? '; with nothing else changed, the difference is the noise of the seed'
      : '; with nothing else changed, the difference is rounding noise (threads only change the order of the sums)'
  }
  return `${what}: ${resultWords(b, a, lb, la)}${overfitWords(b, a, lb, la)}${noise}.`
}
