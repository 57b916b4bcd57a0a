/**
 * The status line: one plain sentence on what the app is doing and what to do next, and the
 * share of the run done, from the training status and the latest batch progress.
 */
import type { DatasetInfo, EpochMetrics, ProgressEvent, TrainingStatus } from '../../../shared/ipc'

export interface StatusView {
  readonly text: string
  /** 0..1 of the epochs this run is heading for, or null when nothing is running. */
  readonly fraction: number | null
}

const count = new Intl.NumberFormat('en', { maximumFractionDigits: 0 })
const percent = (v: number): string => `${(100 * v).toFixed(1)} %`

function where(epoch: number, target: number, batch: number, batches: number): string {
  return `epoch ${epoch} of ${target}, batch ${batch} of ${batches}`
}

function resultOf(last: EpochMetrics | undefined): string {
  return last && Number.isFinite(last.testAccuracy) ? ` Test accuracy ${percent(last.testAccuracy)}.` : ''
}

/** How far into the run the latest batch is, counting the epochs before it as whole. */
export function runFraction(progress: ProgressEvent): number {
  if (progress.targetEpoch <= 0 || progress.batches <= 0) return 0
  const done = progress.epoch - 1 + progress.batch / progress.batches
  return Math.min(1, Math.max(0, done / progress.targetEpoch))
}

export function describeStatus(
  status: TrainingStatus | null, progress: ProgressEvent | null, dataset: DatasetInfo | null, history: readonly EpochMetrics[]
): StatusView {
  if (status === null) return { text: 'Connecting…', fraction: null }
  const last = history[history.length - 1]
  switch (status.state) {
    case 'running':
      if (!progress) return { text: `Training: starting epoch ${status.epoch + 1} of ${status.targetEpoch}…`, fraction: status.targetEpoch ? status.epoch / status.targetEpoch : 0 }
      return {
        text: `Training: ${where(progress.epoch, progress.targetEpoch, progress.batch, progress.batches)} · ` +
          `${count.format(progress.examplesPerSecond)} pictures a second`,
        fraction: runFraction(progress)
      }
    case 'paused':
      return {
        text: `Paused at ${where(status.epoch + (status.batch > 0 ? 1 : 0), status.targetEpoch, status.batch, status.batchesPerEpoch)}. Press Resume to carry on.`,
        fraction: progress ? runFraction(progress) : null
      }
    case 'finished':
      return { text: `Finished: trained ${status.epoch} ${status.epoch === 1 ? 'epoch' : 'epochs'}.${resultOf(last)}`, fraction: 1 }
    case 'idle':
      if (!status.hasDataset || !dataset) return { text: 'Open a dataset, or use the demo, to begin.', fraction: null }
      if (status.hasNetwork && status.epoch > 0) {
        const epochs = `${status.epoch} ${status.epoch === 1 ? 'epoch' : 'epochs'}`
        return { text: `The network has trained ${epochs}.${resultOf(last)} Press Train to start a new run.`, fraction: null }
      }
      return { text: `Ready to train on ${dataset.name}: check the settings and press Train.`, fraction: null }
  }
}
