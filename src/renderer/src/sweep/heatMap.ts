/**
 * The heat map of a sweep over two settings as a table: a row per value of the first setting, a
 * column per value of the second, each cell the mean best test accuracy of that combination's
 * seeds, written in the cell and coloured on viridis (dark purple for the lowest mean, yellow for
 * the highest: even steps of lightness, readable with every common colour-vision deficiency and
 * on both themes), the text black or white, whichever contrasts more; the best cell is marked.
 * Pure data shaping: colours are CSS strings.
 */
import type { HeatMap } from '../../../core/runs/sweepStats'
import { settingLabel } from '../../../core/runs/settingWords'
import { formatPercent } from '../../../core/text/percent'
import { chipOf } from './axisText'

/** viridis at nine even steps (matplotlib's). */
export const VIRIDIS: readonly string[] = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725']

export interface HeatCell {
  /** the mean in words ("81.0 %"), "–" without a result. */
  readonly text: string
  readonly mean: number | null
  readonly background: string
  readonly foreground: string
  readonly best: boolean
}

export interface HeatView {
  readonly rowLabel: string
  readonly columnLabel: string
  readonly rows: readonly string[]
  readonly columns: readonly string[]
  readonly cells: readonly (readonly HeatCell[])[]
  /** the scale's ends in words, and the gradient between them (CSS). */
  readonly legend: { readonly low: string; readonly high: string; readonly gradient: string }
}

const channels = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))

/** The viridis colour of t in 0..1, as rgb(). */
export function viridis(t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1)
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x))
  const f = x - i
  const [a, b] = [channels(VIRIDIS[i]), channels(VIRIDIS[i + 1])]
  const mix = a.map((c, k) => Math.round(c + f * (b[k] - c)))
  return `rgb(${mix[0]}, ${mix[1]}, ${mix[2]})`
}

/** WCAG relative luminance of rgb(r, g, b). */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+/g) ?? ['0', '0', '0']).map((c) => {
    const s = Number(c) / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** Black or white, whichever contrasts more with `background` (rgb()). */
export function textOn(background: string): string {
  const l = luminance(background)
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff'
}

/** The heat map's table (see the header). */
export function heatView(map: HeatMap): HeatView {
  const known = map.means.flat().filter((m): m is number => m !== null)
  const lo = known.length ? Math.min(...known) : 0
  const hi = known.length ? Math.max(...known) : 0
  const cells = map.means.map((row) => row.map((mean): HeatCell => {
    if (mean === null) return { text: '–', mean, background: 'transparent', foreground: 'inherit', best: false }
    const background = viridis(hi > lo ? (mean - lo) / (hi - lo) : 1)
    return { text: formatPercent(mean), mean, background, foreground: textOn(background), best: known.length > 0 && mean === hi }
  }))
  // one best cell: the first with the highest mean
  let marked = false
  const once = cells.map((row) => row.map((c) => {
    if (!c.best) return c
    if (marked) return { ...c, best: false }
    marked = true
    return c
  }))
  return {
    rowLabel: settingLabel(map.rows.setting),
    columnLabel: settingLabel(map.columns.setting),
    rows: map.rows.values.map((v) => chipOf(map.rows.setting, v.value)),
    columns: map.columns.values.map((v) => chipOf(map.columns.setting, v.value)),
    cells: once,
    legend: { low: formatPercent(lo), high: formatPercent(hi), gradient: `linear-gradient(to right, ${VIRIDIS.join(', ')})` }
  }
}
