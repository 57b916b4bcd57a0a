/**
 * The words the Data tab uses for folders of pictures: each resize mode's name and what it does,
 * the sentence that says how a dataset's pictures were made 32×32, an import's progress (count,
 * rate, time left), and how many skipped files are not listed.
 */
import type { ImportProgress, ResizeMode } from '../../../shared/ipc'

/** Skipped files listed before "and N more". */
export const SKIPPED_SHOWN = 50

export const RESIZE_WORDS: { readonly [M in ResizeMode]: { readonly label: string; readonly hint: string; readonly by: string } } = {
  crop: { label: 'Crop', hint: 'the largest square in the middle; the edges are cut off', by: 'centre crop' },
  squash: { label: 'Squash', hint: 'the whole picture, stretched or squeezed to a square', by: 'squashing' },
  pad: { label: 'Pad', hint: 'the whole picture, fitted inside with black bands', by: 'padding' }
}

/** "Pictures made 32×32 by centre crop". */
export function resizeSentence(mode: ResizeMode): string {
  return `Pictures made 32×32 by ${RESIZE_WORDS[mode].by}`
}

const n = (v: number): string => v.toLocaleString('en')

/** "about 2 min 5 s left", "about 9 s left". */
function timeLeft(seconds: number): string {
  const s = Math.max(1, Math.round(seconds))
  if (s < 60) return `about ${s} s left`
  const m = Math.floor(s / 60)
  if (m < 60) return `about ${m} min ${s % 60} s left`
  return `about ${Math.floor(m / 60)} h ${m % 60} min left`
}

/** "1,234 of 5,000 pictures · 412 a second · about 9 s left" (the rate and time once known). */
export function progressText(p: ImportProgress): string {
  const parts = [`${n(p.done)} of ${n(p.total)} pictures`]
  if (p.perSecond > 0) parts.push(`${n(Math.round(p.perSecond))} a second`)
  if (p.secondsLeft !== null && p.done < p.total) parts.push(timeLeft(p.secondsLeft))
  return parts.join(' · ')
}

/** "and 12 more" for the skipped files not listed, or null when all are. */
export function moreSkipped(total: number, shown: number): string | null {
  return total > shown ? `and ${n(total - shown)} more` : null
}
