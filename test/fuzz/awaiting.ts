/**
 * AWAITING FIX: failures the fuzz test found in files that other work on issue 8 is changing
 * (the loaders: src/core/data/assemble.ts, pixels.ts, the pickle and archive readers). Each
 * names the kept inputs (test/fixtures/fuzz/cases.json) that show it and how the seeded run
 * recognises it. Until the fix lands, its fixtures run as `it.fails` and the seeded run lists
 * its matches apart instead of failing on them. When the fix lands, those `it.fails` turn red:
 * delete the entry here, and from then on the fixtures and the seeded run hold the fix.
 */
export interface Awaiting {
  /** Where the cause is, and what class of bug it is. */
  readonly cause: string
  /** File names in test/fixtures/fuzz/cases/ that show it. */
  readonly fixtures: readonly string[]
  /** Whether a failing case's problem text is this failure. */
  readonly matches: (problem: string, steps: readonly string[]) => boolean
}

/** Empty: every failure found so far is fixed. Add an entry only while its fix is in another's hands. */
export const AWAITING_FIX: readonly Awaiting[] = []

export function awaitingFor(problem: string, steps: readonly string[]): Awaiting | undefined {
  return AWAITING_FIX.find((a) => a.matches(problem, steps))
}

export function awaitingFixture(file: string): Awaiting | undefined {
  return AWAITING_FIX.find((a) => a.fixtures.includes(file))
}
