/**
 * The one dataset being opened at a time. A new opening cancels the one before it (whose request
 * answers 'cancelled'); commands that need the dataset wait until it has settled. Until an
 * opening completes, the dataset from before stays in use.
 */
import type { DatasetInfo } from '../shared/payloads'
import type { Opening } from './datasets'

export class OpeningSlot {
  private current: { readonly cancel: () => void; readonly settled: Promise<boolean> } | null = null

  /** Holds `opening`, cancelling any earlier one; `adopted` runs once it is in use, before anyone waiting hears of it. */
  begin(opening: Opening, adopted: () => void): Promise<DatasetInfo> {
    this.cancel()
    const done = opening.done.then((info) => {
      adopted()
      return info
    })
    const entry = { cancel: opening.cancel, settled: done.then(() => true, () => false) }
    this.current = entry
    void entry.settled.then(() => {
      if (this.current === entry) this.current = null
    })
    return done
  }

  /** Stops the opening (its request answers 'cancelled'); false when nothing was being opened. */
  cancel(): boolean {
    const entry = this.current
    if (!entry) return false
    this.current = null
    entry.cancel()
    return true
  }

  /** Resolves once nothing is being opened: true if what was being opened (if anything) came into use, false if it did not. */
  settled(): Promise<boolean> {
    return this.current?.settled ?? Promise.resolve(true)
  }
}
