/**
 * A one-line progress bar for a terminal: "Epoch 3/10 [#######.....] 61%  batch 31/50  ETA 12 s".
 * Redraws at most ten times a second; prints nothing when stderr is not a terminal.
 */
import type { CliIo } from './io'

export class ProgressBar {
  private lastDraw = -Infinity
  private drawn = false

  constructor(private readonly io: CliIo) {}

  /** done, total: units of work (batches over the whole run). */
  update(label: string, done: number, total: number, startedMs: number, force = false): void {
    if (!this.io.interactive) return
    const now = this.io.now()
    if (!force && now - this.lastDraw < 100) return
    this.lastDraw = now
    const fraction = total > 0 ? Math.min(1, done / total) : 0
    const elapsed = (now - startedMs) / 1000
    const eta = fraction > 0 ? (elapsed / fraction) * (1 - fraction) : NaN
    const tail = `${Math.floor(fraction * 100)}%  ETA ${formatSeconds(eta)}`
    const room = Math.max(10, Math.min(40, this.io.columns - label.length - tail.length - 6))
    const filled = Math.round(fraction * room)
    this.io.err(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(room - filled)}] ${tail}\x1b[K`)
    this.drawn = true
  }

  /** Clears the bar so that a normal line can be printed. */
  clear(): void {
    if (this.drawn) this.io.err('\r\x1b[K')
    this.drawn = false
    this.lastDraw = -Infinity
  }
}

export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '--'
  if (s < 60) return `${Math.ceil(s)} s`
  const m = Math.floor(s / 60)
  return `${m} min ${Math.round(s - m * 60)} s`
}
