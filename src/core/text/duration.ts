/**
 * An estimated duration in rough words, for a cost said before work starts: "less than a
 * second", "about 8 s", "about 40 s", "about 3 min", "about 1 h 20 min", "about 30 h". The
 * rounding grows with the duration (whole seconds below 10 s, 5 s below a minute, whole minutes
 * below an hour, 10 min below a day, whole hours above), so the words never promise more
 * precision than a measured epoch gives. Seconds in, words out; nothing else.
 */

/** "about 40 s" for 38.2; "less than a second" below 0.5 s; "unknown" when not a number. */
export function roughDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return 'unknown'
  if (seconds < 0.5) return 'less than a second'
  if (seconds < 9.5) return `about ${Math.round(seconds)} s`
  if (seconds < 57.5) return `about ${Math.max(10, 5 * Math.round(seconds / 5))} s`
  if (seconds < 59.5 * 60) return `about ${Math.max(1, Math.round(seconds / 60))} min`
  const tenMinutes = Math.round(seconds / 600)
  if (tenMinutes < 24 * 6) {
    const h = Math.floor(tenMinutes / 6)
    const min = (tenMinutes % 6) * 10
    return min === 0 ? `about ${h} h` : `about ${h} h ${min} min`
  }
  return `about ${Math.round(seconds / 3600)} h`
}
