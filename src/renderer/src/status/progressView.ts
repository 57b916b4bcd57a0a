/**
 * The run's progress in numbers for the status bar: the share done, pictures per second, time
 * per epoch and time left. Times are measured over this start (training and evaluation, pauses
 * excluded: ProgressEvent.elapsedSeconds) from the epoch it began at, so a continued run's
 * earlier epochs do not count.
 *   done      = epoch − 1 + batch / batches                (epochs, fractional)
 *   perEpoch  = elapsed / (done − startEpoch)
 *   left      = (targetEpoch − done) · perEpoch
 */
import type { ProgressEvent, TrainingStatus } from '../../../shared/ipc'

export interface ProgressView {
  /** 0..1 of the epochs this start is heading for, or null when nothing runs. */
  readonly fraction: number | null
  /** e.g. "12,345 pictures/s"; null when unknown. */
  readonly speed: string | null
  /** e.g. "1.2 s per epoch". */
  readonly perEpoch: string | null
  /** e.g. "about 2 min 5 s left". */
  readonly left: string | null
}

const NOTHING: ProgressView = { fraction: null, speed: null, perEpoch: null, left: null }
/** Below this much of an epoch the timing is too noisy to extrapolate. */
const MIN_MEASURED_EPOCHS = 0.05

const count = new Intl.NumberFormat('en', { maximumFractionDigits: 0 })

/** A duration in words a person reads at a glance: "0.4 s", "12 s", "3 min 5 s", "1 h 4 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—'
  if (seconds < 10) return `${seconds.toFixed(1)} s`
  const s = Math.round(seconds)
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`
  const minutes = Math.round(s / 60)
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`
}

/** Epochs done, counting the current one's batches as a fraction. */
export function epochsDone(p: ProgressEvent): number {
  return p.batches > 0 ? p.epoch - 1 + p.batch / p.batches : p.epoch - 1
}

/** How far into the start the latest batch is, 0..1. */
export function runFraction(p: ProgressEvent, startEpoch = 0): number {
  const span = p.targetEpoch - startEpoch
  if (span <= 0) return p.targetEpoch > 0 && epochsDone(p) >= p.targetEpoch ? 1 : 0
  return Math.min(1, Math.max(0, (epochsDone(p) - startEpoch) / span))
}

/** Seconds per epoch over this start so far, or null before there is enough to go on. */
export function secondsPerEpoch(p: ProgressEvent, startEpoch: number | null): number | null {
  const measured = startEpoch === null ? null : epochsDone(p) - startEpoch
  if (measured !== null && measured >= MIN_MEASURED_EPOCHS && p.elapsedSeconds > 0) return p.elapsedSeconds / measured
  // without the start (a page reloaded mid-run): this epoch's training time so far, scaled up
  if (p.batch > 0 && p.batches > 0 && p.epochSeconds > 0) return (p.epochSeconds * p.batches) / p.batch
  return null
}

/**
 * `startEpoch`: completed epochs when this start began (null when unknown). Progress from
 * another run is ignored.
 */
export function progressView(status: TrainingStatus | null, progress: ProgressEvent | null, startEpoch: number | null): ProgressView {
  if (!status) return NOTHING
  if (status.state === 'finished') return { ...NOTHING, fraction: 1 }
  if (status.state === 'idle') return NOTHING
  const p = progress && progress.runId === status.runId ? progress : null
  if (!p) {
    const span = status.targetEpoch - (startEpoch ?? 0)
    return { ...NOTHING, fraction: span > 0 ? Math.max(0, (status.epoch - (startEpoch ?? 0)) / span) : 0 }
  }
  const perEpoch = secondsPerEpoch(p, startEpoch)
  const remaining = Math.max(0, p.targetEpoch - epochsDone(p))
  return {
    fraction: runFraction(p, startEpoch ?? 0),
    speed: p.examplesPerSecond > 0 ? `${count.format(p.examplesPerSecond)} pictures/s` : null,
    perEpoch: perEpoch === null ? null : `${formatDuration(perEpoch)} per epoch`,
    left: status.state === 'paused' || perEpoch === null ? null : `about ${formatDuration(remaining * perEpoch)} left`
  }
}
