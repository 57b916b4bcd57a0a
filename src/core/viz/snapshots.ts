/**
 * One weight snapshot per epoch of a run, for replaying the gallery, kept within a memory budget.
 * Kept are the first snapshot (the run's start), the newest, and between them the epochs on an
 * even stride s from the first: (epoch − first) mod s = 0. While the kept bytes exceed the
 * budget, s doubles, which drops every other snapshot between the ends; so the epochs kept are
 * always evenly spread over the run, and a dropped one never has to come back.
 * The first and the newest stay even when the two alone are over the budget.
 */

export interface KeptSnapshot<T> {
  readonly epoch: number
  readonly bytes: number
  readonly item: T
}

export class EpochSnapshots<T> {
  private list: KeptSnapshot<T>[] = []
  private step = 1

  constructor(readonly budgetBytes: number) {}

  /** The kept snapshots, oldest first. */
  get items(): readonly KeptSnapshot<T>[] {
    return this.list
  }

  /** The current stride between kept epochs (1 until the budget is reached). */
  get stride(): number {
    return this.step
  }

  get bytes(): number {
    return this.list.reduce((sum, s) => sum + s.bytes, 0)
  }

  /**
   * Keeps `item` as the snapshot of `epoch` when it is newer than the newest kept (the first
   * snapshot of each epoch wins), and returns whether it was kept.
   */
  add(epoch: number, item: T, bytes: number): boolean {
    const newest = this.list[this.list.length - 1]
    if (newest && epoch <= newest.epoch) return false
    // the previous newest now lies between the ends: it stays only on the stride
    if (this.list.length >= 2 && !this.onStride(newest.epoch)) this.list.pop()
    this.list.push({ epoch, bytes, item })
    while (this.bytes > this.budgetBytes && this.list.length > 2) {
      this.step *= 2
      this.list = this.list.filter((s, i) => i === 0 || i === this.list.length - 1 || this.onStride(s.epoch))
    }
    return true
  }

  clear(): void {
    this.list = []
    this.step = 1
  }

  private onStride(epoch: number): boolean {
    return (epoch - this.list[0].epoch) % this.step === 0
  }
}
