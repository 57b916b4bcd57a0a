import { describe, expect, it } from 'vitest'
import { formatDuration, progressView, runFraction, secondsPerEpoch } from '../../../src/renderer/src/status/progressView'
import type { ProgressEvent } from '../../../src/shared/ipc'
import { status } from '../fixtures'

function progress(patch: Partial<ProgressEvent> = {}): ProgressEvent {
  return {
    runId: 1, epoch: 3, targetEpoch: 10, batch: 5, batches: 10, loss: 0.5, losses: new Float32Array(1), firstBatch: 0,
    examplesPerSecond: 12345.6, epochSeconds: 0.5, elapsedSeconds: 5, ...patch
  }
}

describe('progress in numbers', () => {
  it('writes durations the way people read them', () => {
    expect(formatDuration(0.42)).toBe('0.4 s')
    expect(formatDuration(9.96)).toBe('10.0 s')
    expect(formatDuration(12.4)).toBe('12 s')
    expect(formatDuration(185)).toBe('3 min 5 s')
    expect(formatDuration(3600 + 4 * 60 + 20)).toBe('1 h 4 min')
    expect(formatDuration(Number.NaN)).toBe('—')
    expect(formatDuration(-1)).toBe('—')
  })

  it('measures time per epoch over this start, and extrapolates the time left', () => {
    // 2.5 epochs done since the start at epoch 0, in 5 s: 2 s an epoch, 7.5 epochs left
    const running = status({ state: 'running', runId: 1, epoch: 2, targetEpoch: 10 })
    expect(progressView(running, progress(), 0)).toEqual({
      fraction: 0.25, speed: '12,346 pictures/s', perEpoch: '2.0 s per epoch', left: 'about 15 s left'
    })
    // a continued run (from epoch 2 to 10): only this start's 0.5 epochs count
    const continued = progressView(running, progress({ elapsedSeconds: 1 }), 2)
    expect(continued).toMatchObject({ perEpoch: '2.0 s per epoch', left: 'about 15 s left' })
    expect(continued.fraction).toBeCloseTo(0.5 / 8)
  })

  it('falls back on this epoch alone when the start is unknown (a page reloaded mid-run)', () => {
    expect(secondsPerEpoch(progress(), null)).toBe(1)
    expect(secondsPerEpoch(progress({ batch: 0, epochSeconds: 0 }), null)).toBeNull()
    // too little done since the start to trust: this epoch's pace instead
    expect(secondsPerEpoch(progress({ epoch: 1, batch: 0 }), 0)).toBeNull()
  })

  it('shows no time left while paused, a full bar when finished, nothing when idle, and ignores another run', () => {
    const paused = progressView(status({ state: 'paused', runId: 1, epoch: 2, targetEpoch: 10 }), progress(), 0)
    expect(paused.left).toBeNull()
    expect(paused.perEpoch).toBe('2.0 s per epoch')
    expect(progressView(status({ state: 'finished', runId: 1 }), progress(), 0)).toEqual({ fraction: 1, speed: null, perEpoch: null, left: null })
    expect(progressView(status(), null, null)).toEqual({ fraction: null, speed: null, perEpoch: null, left: null })
    expect(progressView(null, null, null).fraction).toBeNull()
    const other = progressView(status({ state: 'running', runId: 2, epoch: 4, targetEpoch: 8 }), progress(), 0)
    expect(other).toEqual({ fraction: 0.5, speed: null, perEpoch: null, left: null })
  })

  it('keeps the run fraction within 0..1', () => {
    expect(runFraction(progress({ epoch: 1, batch: 0 }))).toBe(0)
    expect(runFraction(progress({ epoch: 10, batch: 10 }))).toBe(1)
    expect(runFraction(progress({ epoch: 12, batch: 10 }))).toBe(1)
    expect(runFraction(progress({ epoch: 1, batch: 5, targetEpoch: 0 }))).toBe(0)
  })
})
