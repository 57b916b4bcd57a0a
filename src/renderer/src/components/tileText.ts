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

/**
 * One sigmoid output (two classes): the unit's weight into the output, which is its vote for
 * class 1, and the class it votes for (class 0 when the weight is negative). Null otherwise.
 */
export function outputVote(votes: Float32Array | null, classes: readonly string[] | null): { weight: number; votesFor: string } | null {
  if (!votes || !classes || votes.length !== 2 || classes.length !== 2) return null
  return { weight: votes[1], votesFor: votes[1] >= 0 ? classes[1] : classes[0] }
}

/**
 * How a unit votes, in the words and signs its hover card shows: for two classes its weight into
 * the output and the class it votes for, else its vote for each class.
 */
export function voteText(votes: Float32Array | null, classes: readonly string[] | null): string {
  if (!votes || !classes) return ''
  const output = outputVote(votes, classes)
  if (output) {
    return Number.isFinite(output.weight)
      ? `weight into the output ${signed(output.weight)}: it votes for ${output.votesFor}`
      : `weight into the output ${weightNumber(output.weight)}`
  }
  return `its vote for each class: ${classes.map((name, c) => `${name} ${signed(votes[c])}`).join(', ')}`
}

/** The accessible name of a tile's button. */
export function tileLabel(unit: number, what: string, s: TileStats, votes: Float32Array | null, classes: readonly string[] | null): string {
  const vote = voteText(votes, classes)
  return `Hidden unit ${unit + 1}: ${what} ${statsText(s)}${vote ? `; ${vote}` : ''}`
}
