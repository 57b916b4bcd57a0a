/**
 * The one dataset being opened at a time (or folder of pictures previewed or imported). A new
 * opening cancels the one before it (whose request answers 'cancelled'). Until an opening
 * completes, the dataset from before stays in use.
 */

/** Something on its way (a dataset, a folder's preview): `done` once there; `cancel` ends it. */
export interface Pending<T> {
  readonly done: Promise<T>
  cancel(): void
}

export class OpeningSlot {
  private current: Pending<unknown> | null = null

  /**
   * Holds `opening`, cancelling any earlier one; `adopted` runs (and is waited for) once it is in
   * use, before anyone waiting hears of it.
   */
  begin<T>(opening: Pending<T>, adopted: (value: T) => void | Promise<void>): Promise<T> {
    this.cancel()
    this.current = opening
    const done = opening.done.then(async (value) => {
      await adopted(value)
      return value
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
