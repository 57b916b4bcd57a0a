/**
 * One colour per run on the charts and in the Runs table: the Okabe–Ito palette (told apart with
 * every common colour-vision deficiency). Its black is the current run's (the theme's text
 * colour, so it shows in both themes); the other seven go to ticked runs, so at most eight runs
 * are drawn at once. A ticked run keeps its colour while it stays ticked; a new tick takes the
 * first colour no ticked run has.
 */

/** Okabe–Ito without black, yellow last (it is the faintest on white). */
export const RUN_COLOURS: readonly string[] = ['#e69f00', '#56b4e9', '#009e73', '#cc79a7', '#d55e00', '#0072b2', '#f0e442']

/** Runs that can be ticked at once: one per colour. */
export const MAX_TICKED = RUN_COLOURS.length

/** Runs on the charts at once: the current run and the ticked ones. */
export const MAX_ON_CHARTS = MAX_TICKED + 1

/** The colour index of every run in `ticked`: kept from `before` where it had one, else the first free one. */
export function assignColours(ticked: readonly string[], before: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>()
  for (const id of ticked) {
    const kept = before.get(id)
    if (kept !== undefined) out.set(id, kept)
  }
  const used = new Set(out.values())
  for (const id of ticked) {
    if (out.has(id)) continue
    let free = 0
    while (used.has(free)) free++
    out.set(id, free)
    used.add(free)
  }
  return out
}
