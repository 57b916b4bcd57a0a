/**
 * A share as people read it: "93.4 %" (a non-breaking space before the sign), "–" for a share
 * that is not a number. A share short of all never rounds up to 100 % and a share above none
 * never rounds down to 0 %: 1999 of 2000 reads ">99.9 %", 99.96 % reads ">99.9 %", 1 of 20000
 * reads "<0.1 %". The one rule for the studio, the CLI and the sentences about runs.
 */

/** The space between a number and its unit that a line never breaks at. */
export const NBSP = '\u00a0'

/** `share` (0..1) as a percentage with `digits` decimals, e.g. formatPercent(0.8104) → "81.0 %". */
export function formatPercent(share: number, digits = 1): string {
  if (!Number.isFinite(share)) return '–'
  const step = 10 ** -digits
  let text = (100 * share).toFixed(digits)
  if (share < 1 && Number(text) >= 100) text = `>${(100 - step).toFixed(digits)}`
  else if (share > 0 && Number(text) <= 0) text = `<${step.toFixed(digits)}`
  return `${text}${NBSP}%`
}
