/**
 * The one dataset being opened at a time. A new opening cancels the one before it (whose request
 * answers 'cancelled'). Until an opening completes, the dataset from before stays in use.
 */
import type { DatasetInfo } from '../shared/payloads'
import type { Opening } from './datasets'

export class OpeningSlot {
  private current: Opening | null = null

  /**
   * Holds `opening`, cancelling any earlier one; `adopted` runs (and is waited for) once it is in
   * use, before anyone waiting hears of it.
   */
  begin(opening: Opening, adopted: () => void | Promise<void>): Promise<DatasetInfo> {
    this.cancel()
    this.current = opening
    const done = opening.done.then(async (info) => {
      await adopted()
      return info
    })
    const over = (): void => {
      if (this.current === opening) this.current = null
    }
    done.then(over, over)
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
}
