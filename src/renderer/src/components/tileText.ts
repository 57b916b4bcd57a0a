/** Words and numbers about a weight tile, shared by the gallery's buttons, its hover card and the enlarged view. */
import type { TileStats } from '../../../core/viz/weightImage'

/** A weight with three decimals (more for tiny ones), a real minus sign, and words for NaN. */
export function weightNumber(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'not a number' : v > 0 ? 'infinite' : 'minus infinite'
  const a = Math.abs(v)
  const text = a !== 0 && a < 0.001 ? a.toExponential(1) : a.toFixed(3)
  return v < 0 ? `−${text}` : text
}

/** A vote with its sign spelled out: "+0.420", "−0.113". */
export function signed(v: number): string {
  return Number.isFinite(v) && v >= 0 ? `+${weightNumber(v)}` : weightNumber(v)
}

export function statsText(s: TileStats): string {
  return `norm ${weightNumber(s.norm)}, smallest ${weightNumber(s.min)}, largest ${weightNumber(s.max)}`
}

/** How unit `unit` votes, in words: for two classes the one it speaks for, else its strongest. */
export function voteText(votes: Float32Array | null, classes: readonly string[] | null): string {
  if (!votes || !classes) return ''
  let best = 0
  for (let c = 1; c < votes.length; c++) if (votes[c] > votes[best]) best = c
  return Number.isFinite(votes[best]) ? `votes for ${classes[best]} (${signed(votes[best])})` : 'its vote is not a number'
}

/** The accessible name of a tile's button. */
export function tileLabel(unit: number, what: string, s: TileStats, votes: Float32Array | null, classes: readonly string[] | null): string {
  const vote = voteText(votes, classes)
  return `Hidden unit ${unit + 1}: ${what} ${statsText(s)}${vote ? `; ${vote}` : ''}`
}
