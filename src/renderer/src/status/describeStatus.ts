/**
 * The status line: one plain sentence on what the app is doing and what to do next, from the
 * training status and the latest batch progress. The numbers beside it are progressView's.
 */
import { formatPercent as percent } from '../../../core/text/percent'
import type { DatasetInfo, EpochMetrics, ProgressEvent, TrainingStatus } from '../../../shared/ipc'
import type { ProgressView } from './progressView'

/** The sentence and the numbers of the status bar. */
export interface StatusView extends ProgressView {
  readonly text: string
}

const epochs = (n: number): string => `${n} ${n === 1 ? 'epoch' : 'epochs'}`

function where(epoch: number, target: number, batch: number, batches: number): string {
  return `epoch ${epoch} of ${target}, batch ${batch} of ${batches}`
}

function resultOf(last: EpochMetrics | undefined): string {
  return last && Number.isFinite(last.testAccuracy) ? ` Test accuracy ${percent(last.testAccuracy)}.` : ''
}

export function describeStatus(
  status: TrainingStatus | null, progress: ProgressEvent | null, dataset: DatasetInfo | null, history: readonly EpochMetrics[]
): string {
  if (status === null) return 'Connecting…'
  const last = history[history.length - 1]
  const p = progress && progress.runId === status.runId ? progress : null
  switch (status.state) {
    case 'running':
      if (!p) return `Training: starting epoch ${status.epoch + 1} of ${status.targetEpoch}…`
      return `Training: ${where(p.epoch, p.targetEpoch, p.batch, p.batches)}.`
    case 'paused':
      if (status.batch === 0) return `Paused at epoch ${status.epoch} of ${status.targetEpoch}, after its last batch. Press Resume to carry on.`
      return `Paused at ${where(status.epoch + 1, status.targetEpoch, status.batch, status.batchesPerEpoch)}. Press Resume to carry on.`
    case 'finished':
      return `Finished: trained ${epochs(status.epoch)}.${resultOf(last)}`
    case 'idle':
      if (!status.hasDataset || !dataset) return 'Open a dataset, or use the demo, to begin.'
      // a network that does not fit this dataset: why, not its numbers
      if (status.hasNetwork && status.networkMismatch) return status.networkMismatch
      if (status.hasNetwork && status.epoch > 0) {
        return `The network has trained ${epochs(status.epoch)}.${resultOf(last)} Press Train for a new run, or Continue to train it further.`
      }
      return `Ready to train on ${dataset.name}: check the settings and press Train.`
  }
}
