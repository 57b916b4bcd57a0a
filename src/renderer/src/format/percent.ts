/**
 * Shares as people read them: "93.4 %" (the space does not break), "–" for a share of nothing.
 * A share short of all (or above none) never rounds to 100 % (or 0 %): 1999 of 2000 reads
 * ">99.9 %", not "100.0 %".
 */
const NBSP = '\u00a0'

export function percent(share: number, digits = 1): string {
  if (!Number.isFinite(share)) return '–'
  const step = 10 ** -digits
  let text = (100 * share).toFixed(digits)
  if (share < 1 && Number(text) >= 100) text = `>${(100 - step).toFixed(digits)}`
  else if (share > 0 && Number(text) <= 0) text = `<${step.toFixed(digits)}`
  return `${text}${NBSP}%`
}
