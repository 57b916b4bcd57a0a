/**
 * SpinWait: how long a thread spins on a shared int before it sleeps (Atomics.wait), adapted to
 * the gaps it sees. A job that comes while the thread spins starts at once; a sleeping thread
 * wakes tens of microseconds late (far more on a busy machine); a spinning thread holds a core
 * that another thread, or another process, may need. So:
 *   budget:  1.5× a gap that ended within SPIN_MAX_MS, at least ¾ of the last budget (a batch's
 *            short and long gaps alternate), at most SPIN_MAX_MS; a gap past SPIN_MAX_MS halves it
 *            (idle between epochs, a paused run: sleep soon).
 *   busy:    a clock check every CHECK_EVERY spins; two checks further apart than PREEMPTED_MS
 *            mean the thread lost its core meanwhile (the cores are all busy): it sleeps at once,
 *            and the next waits sleep without spinning, COOLDOWN of them, twice as many each
 *            time it happens again within CALM_MS (up to MAX_COOLDOWN).
 * Each thread has its own SpinWait (one per ControlBlock object), so nothing here is shared.
 */

/** The longest spin: gaps longer than this are not worth a core. */
export const SPIN_MAX_MS = 2
/** Spins between clock checks (an Atomics.load is a few ns; performance.now some tens). */
const CHECK_EVERY = 64
/** Two clock checks further apart than this: the thread was off its core in between. */
export const PREEMPTED_MS = 0.2

/** Waits that sleep without spinning after the thread was seen to lose its core (first time). */
export const COOLDOWN = 32
const MAX_COOLDOWN = 1 << 14
/** A thread that kept its core this long starts again from COOLDOWN. */
const CALM_MS = 1000

export class SpinWait {
  /** The current spin budget in milliseconds. */
  budgetMs = SPIN_MAX_MS / 4
  /** Waits left that do not spin. */
  cooldown = 0
  /** The cooldown the next loss of the core brings, and when the last one was. */
  private nextCooldown = COOLDOWN
  private preemptedAt = -Infinity

  /**
   * Spins while ints[index] === value, from `start` (performance.now()) for at most the budget;
   * returns whether it changed. The caller sleeps otherwise, then reports the wait to `waited`.
   */
  spin(ints: Int32Array, index: number, value: number, start: number): boolean {
    if (this.cooldown > 0) return Atomics.load(ints, index) !== value
    let last = performance.now()
    let spins = 0
    while (Atomics.load(ints, index) === value) {
      if (++spins === CHECK_EVERY) {
        spins = 0
        const now = performance.now()
        if (now - last > PREEMPTED_MS) {
          this.nextCooldown = now - this.preemptedAt > CALM_MS ? COOLDOWN : Math.min(MAX_COOLDOWN, 2 * this.nextCooldown)
          this.preemptedAt = now
          this.cooldown = this.nextCooldown + 1
          return false
        }
        if (now - start > this.budgetMs) return false
        last = now
      }
    }
    return true
  }

  /** A wait that began at `start` ended at `end` (spun or slept); sets the next budget. */
  waited(start: number, end: number): void {
    if (this.cooldown > 0) this.cooldown--
    const gap = end - start
    this.budgetMs = gap <= SPIN_MAX_MS ? Math.min(SPIN_MAX_MS, Math.max(1.5 * gap, 0.75 * this.budgetMs)) : this.budgetMs / 2
  }
}
